import { api, paths } from '../api.js';
import { fill, h, problemBox, toast } from '../dom.js';
import { timeEl } from '../format.js';

/**
 * The registry side by side with Vipps, for keys that manage sales units: each unit's status, what Vipps says it may do,
 * what we registered (and why a unit is disabled), "Sync now", and registering a unit Vipps links to our keys.
 */
export async function renderSalesUnits(main, { me, keyRefused }) {
  const list = h('section', { class: 'card', 'aria-labelledby': 'units-h' });
  const form = h('section', { class: 'card', 'aria-labelledby': 'register-h' });
  fill(main, h('h1', { tabindex: '-1' }, 'Sales units'), list, form);
  if (!me.managesSalesUnits) {
    fill(list, h('div', { class: 'problem', role: 'alert' }, h('strong', {}, 'This key may not manage sales units'),
      h('p', {}, `The key ${me.name} is not allowed to list, sync or register sales units. Ask for a key with ManagesSalesUnits.`)));
    form.remove();
    return null;
  }

  function show(result, heading) {
    if (result.status === 401) { keyRefused(result.body); return; }
    const head = h('div', { class: 'title-row' }, h('h2', { id: 'units-h', tabindex: '-1' }, heading),
      h('button', { type: 'button', id: 'sync-now', onclick: syncNow }, 'Sync now'));
    if (!result.ok) { fill(list, head, problemBox(result.body)); return; }
    const { units, listProblem } = result.body;
    fill(list, head,
      h('p', { class: 'muted small' }, 'Our registry next to what the Vipps Management API says. A sync updates names and capabilities, disables a unit Vipps no longer links to our keys (no new money moves for it), enables it once re-linked, and never registers a new unit.'),
      listProblem ? h('p', { class: 'warning' }, listProblem) : null,
      units.length === 0 ? h('p', { class: 'empty' }, 'No sales unit is registered or linked to our keys.') : table(units));
  }

  function table(units) {
    return h('div', { class: 'table-wrap' }, h('table', { class: 'list', 'aria-labelledby': 'units-h' },
      h('thead', {}, h('tr', {}, ['Status', 'MSN', 'Name', 'At Vipps', 'Registered', 'Note'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, units.map((u) => h('tr', { 'data-msn': u.msn },
        h('td', { 'data-label': 'Status' }, statusText(u.status)),
        h('td', { 'data-label': 'MSN' }, u.msn),
        h('td', { 'data-label': 'Name' }, u.name),
        h('td', { 'data-label': 'At Vipps' }, u.atVipps ? u.atVipps.capabilities : 'not shown to our keys'),
        h('td', { 'data-label': 'Registered' }, registered(u)),
        h('td', { 'data-label': 'Note' }, u.note,
          u.status === 'NewAtVipps' ? h('button', { type: 'button', class: 'link', 'aria-label': `Register ${u.msn}`, onclick: () => prefill(u.msn) }, ' Register…') : null))))));
  }

  function registered(u) {
    const r = u.registered;
    if (!r) return 'not registered';
    const sources = r.sources.map((s) => `${s.source} (${s.rights})`).join(', ');
    if (r.status === 'Active') return `Active · ${r.market} · ${sources}`;
    return h('span', {}, h('strong', { class: 'warning' }, 'Disabled'), r.disabledSince ? [' since ', timeEl(r.disabledSince)] : null,
      `: ${r.disabledReason ?? 'no reason given'} · ${sources}`);
  }

  async function load() { show(await api(paths.salesUnits()), 'Registry and Vipps'); }

  async function syncNow() {
    document.getElementById('sync-now').disabled = true;
    const result = await api(paths.salesUnitsSync(), { method: 'POST' });
    show(result, 'Registry and Vipps (synced now)');
    if (result.ok) toast('Synced with Vipps.');
    document.getElementById('units-h')?.focus({ preventScroll: true });
  }

  const msn = h('input', { id: 'register-msn', name: 'msn', inputmode: 'numeric', autocomplete: 'off', required: true, pattern: '[0-9]{4,6}' });
  const sources = h('input', { id: 'register-sources', name: 'sources', autocomplete: 'off', required: true, placeholder: 'webshop/acme:payments,captures finance/acme:refunds,reads' });
  const market = h('select', { id: 'register-market', name: 'market' },
    h('option', { value: '' }, 'From Vipps (the merchant\'s country)'), h('option', { value: 'NO' }, 'Norway'), h('option', { value: 'DK' }, 'Denmark'), h('option', { value: 'FI' }, 'Finland'));
  const outcome = h('div', { id: 'register-outcome', 'aria-live': 'polite' });

  function prefill(value) {
    msn.value = value;
    sources.focus();
  }

  async function register(event) {
    event.preventDefault();
    const body = { msn: msn.value.trim(), sources: sources.value.split(/\s+/).filter(Boolean), ...(market.value ? { market: market.value } : {}) };
    const result = await api(paths.salesUnits(), { method: 'POST', body });
    if (result.status === 401) { keyRefused(result.body); return; }
    if (!result.ok) { fill(outcome, problemBox(result.body, 'Not registered')); return; }
    fill(outcome, h('p', { role: 'status' }, `Registered ${result.body.msn} ${result.body.name} (${result.body.market}): ${result.body.capabilities}.`));
    toast(`Registered ${result.body.msn}.`);
    await load();
  }

  fill(form, h('h2', { id: 'register-h' }, 'Register a unit linked to our keys'),
    h('p', { class: 'muted small' }, 'Its name, business identifier and capabilities come from Vipps; a unit Vipps does not link to our keys is refused. Bind each source with its rights, separated by spaces.'),
    h('form', { id: 'register-form', onsubmit: register },
      h('p', {}, h('label', { for: 'register-msn' }, 'MSN'), msn),
      h('p', {}, h('label', { for: 'register-sources' }, 'Sources and rights'), sources),
      h('p', {}, h('label', { for: 'register-market' }, 'Market'), market),
      h('p', {}, h('button', { type: 'submit', id: 'register-submit' }, 'Register'))),
    outcome);

  await load();
  return null;
}

function statusText(status) {
  return { NewAtVipps: 'New at Vipps', Registered: 'Registered', NoLongerLinked: 'No longer linked', NotRead: 'Not read' }[status] ?? status;
}
