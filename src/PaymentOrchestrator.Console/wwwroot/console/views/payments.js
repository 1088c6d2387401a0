import { api, download, paths } from '../api.js';
import { fill, h, problemBox, statusBadge, toast } from '../dom.js';
import { money, timeEl } from '../format.js';

const KINDS = [['', 'All kinds'], ['payment', 'Payments'], ['agreement', 'Agreements'], ['charge', 'Charges']];
const PAGE = 50;

export function sagaHash(msn, kind, id) {
  return `#/payment/${encodeURIComponent(msn)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(id)}`;
}

/** Local calendar day "2026-12-03" → the UTC instant of its start in the viewer's zone. */
function dayStart(day, plusDays = 0) {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The calendar day `days` from today in the viewer's zone, "yyyy-MM-dd". */
function localDay(days = 0) {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** ';' where the viewer's locale writes a decimal comma (Norwegian, Danish Excel expect it), ',' otherwise. */
export function csvSeparator() {
  return new Intl.NumberFormat(undefined).format(1.5).includes(',') ? 'semicolon' : 'comma';
}

/**
 * A sales unit's payments, agreements and charges: filters in the URL hash, pages of 50 (newest created first) with
 * "Load more", the totals of every row the filters match (the server adds them up, not these pages), and a
 * server-side CSV export of the filters' date range.
 */
export async function renderPayments(main, { me, query, msn, keyRefused, navigate }) {
  const units = me.salesUnits ?? [];
  if (units.length === 0) {
    fill(main, h('h1', { tabindex: '-1' }, 'Payments'),
      h('div', { class: 'empty' }, h('p', {}, `This key acts as ${me.source}, which no sales unit binds. Ask for the source to be added to a sales unit.`)));
    return null;
  }
  const unit = units.find((u) => u.msn === msn) ?? units[0];
  const filters = {
    kind: query.get('kind') ?? '', status: query.get('status') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '', q: query.get('q') ?? '',
  };

  const unitSelect = h('select', { id: 'f-unit', name: 'unit' }, units.map((u) => h('option', { value: u.msn, selected: u.msn === unit.msn }, `${u.msn} · ${u.name}`)));
  const kindSelect = h('select', { id: 'f-kind', name: 'kind' }, KINDS.map(([v, t]) => h('option', { value: v, selected: v === filters.kind }, t)));
  const statusSelect = h('select', { id: 'f-status', name: 'status' }, h('option', { value: '' }, 'Any status'),
    filters.status ? h('option', { value: filters.status, selected: true }, filters.status) : null);
  const fromInput = h('input', { id: 'f-from', name: 'from', type: 'date', value: filters.from });
  const toInput = h('input', { id: 'f-to', name: 'to', type: 'date', value: filters.to });
  const search = h('input', { id: 'f-q', name: 'q', type: 'search', value: filters.q, placeholder: 'order-10001 or 450,00', autocomplete: 'off' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter payments' },
    field('f-unit', 'Sales unit', unitSelect), field('f-kind', 'Kind', kindSelect), field('f-status', 'Status', statusSelect),
    field('f-from', 'Created from', fromInput), field('f-to', 'Created to', toInput), field('f-q', 'Search reference or amount', search),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('button', { type: 'button', onclick: () => navigate(`#/payments/${encodeURIComponent(unitSelect.value)}`) }, 'Clear')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [name, el] of [['kind', kindSelect], ['status', statusSelect], ['from', fromInput], ['to', toInput], ['q', search]]) {
      if (el.value.trim()) next.set(name, el.value.trim());
    }
    navigate(`#/payments/${encodeURIComponent(unitSelect.value)}${next.size ? `?${next}` : ''}`);
  });

  const count = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading…');
  const body = h('tbody');
  const table = h('table', { class: 'list' },
    h('caption', { class: 'visually-hidden' }, `Payments of sales unit ${unit.msn}`),
    h('thead', {}, h('tr', {}, ['Reference', 'Kind', 'Status', 'Amount', 'Captured', 'Refunded', 'Cancelled', 'Created', 'Last change'].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  const exportButton = h('button', { type: 'button', disabled: true, title: 'Every payment created in the date range, with its captures and refunds (at most 366 days; without dates, the last year)' }, 'Export CSV');
  const status = h('div');
  const totals = h('section', { id: 'list-totals', class: 'totals', 'aria-label': 'Totals', 'aria-live': 'polite' });
  fill(main,
    h('div', { class: 'title-row' }, h('h1', { tabindex: '-1' }, `Payments · ${unit.name}`), exportButton),
    form, status, totals, count, h('div', { class: 'table-wrap' }, table), h('div', { class: 'actions' }, more));

  const shown = [];
  let continuation = null;
  const base = { limit: String(PAGE) };
  if (filters.kind) base.kind = filters.kind;
  if (filters.status) base.status = filters.status;
  if (filters.from) base.from = dayStart(filters.from);
  if (filters.to) base.to = dayStart(filters.to, 1);
  if (filters.q) base.q = filters.q;

  async function load() {
    more.disabled = true;
    const result = await api(paths.list(unit.msn, continuation ? { ...base, continuation } : base));
    more.disabled = false;
    if (result.status === 401) { keyRefused(result.body); return; }
    if (!result.ok) {
      fill(status, listProblem(result, me), h('p', {}, h('button', { type: 'button', id: 'list-retry', onclick: () => load() }, 'Try again')));
      count.textContent = '';
      if (document.activeElement === more) status.querySelector('button')?.focus();
      return;
    }
    // After "Try again" its button goes away: focus goes to the heading, not to the page's body.
    const retried = document.activeElement?.id === 'list-retry';
    fill(status);
    if (retried) main.querySelector('h1')?.focus({ preventScroll: true });
    const page = result.body;
    continuation = page.continuation;
    for (const s of page.statuses) {
      if (![...statusSelect.options].some((o) => o.value === s)) statusSelect.append(h('option', { value: s }, s));
    }
    body.querySelector('tr.placeholder')?.remove();
    for (const saga of page.items) {
      shown.push(saga);
      body.append(row(unit.msn, saga));
    }
    // A filtered page reads at most 5,000 rows: it may come back short, even empty, with more to read.
    if (shown.length === 0) {
      body.append(h('tr', { class: 'placeholder' }, h('td', { colspan: '9', class: 'empty' },
        continuation ? 'None found yet: load more to search older payments.'
          : filters.kind || filters.status || filters.from || filters.to || filters.q ? 'No payments match these filters.' : 'No payments yet for this sales unit.')));
    }
    count.textContent = continuation ? `Showing ${shown.length}, newest first; more to load` : `Showing all ${shown.length}`;
    more.hidden = !continuation;
    // Storage answered: the export (of the whole range, not these rows) can run.
    exportButton.disabled = false;
  }

  async function loadTotals() {
    fill(totals, h('p', { class: 'muted' }, 'Adding up…'));
    const { limit: _, ...query } = base;
    const result = await api(paths.totals(unit.msn, query));
    // A refused key or storage trouble shows once, with the list's own problem.
    if (!result.ok) { fill(totals); return; }
    fill(totals, ...totalsView(result.body));
  }

  more.addEventListener('click', load);
  exportButton.addEventListener('click', async () => {
    // The server writes every payment of the range as it reads them; the filters' dates, or the last year.
    const query = {
      from: dayStart(filters.from || localDay(-364)),
      to: filters.to ? dayStart(filters.to, 1) : dayStart(localDay(), 1),
      separator: csvSeparator(),
    };
    exportButton.disabled = true;
    const file = await download(paths.exportCsv(unit.msn, query));
    exportButton.disabled = false;
    if (file.status === 401) { keyRefused(file.body); return; }
    if (!file.ok) { fill(status, problemBox(file.body, 'The export failed')); return; }
    fill(status);
    const link = h('a', { download: file.fileName });
    link.href = URL.createObjectURL(file.blob);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    toast(`Exported ${file.fileName}.`);
  });

  await Promise.all([load(), loadTotals()]);
  return null;
}

/** Every matching row's money per currency, formatted as the rows are; the count says how many rows it covers. */
function totalsView(t) {
  const rows = t.count === 1 ? '1 row' : `${t.count} rows`;
  const covers = t.complete ? `Totals of all ${rows} matching the filters`
    : `Totals of the newest ${rows} matching the filters only: the sum stops after ${t.scanned} rows; narrow the dates for complete totals`;
  if (t.currencies.length === 0) return [h('p', { class: 'muted', id: 'totals-count' }, `${covers}: nothing captured.`)];
  // One line per currency (not a second table: the list stays the page's only table, and it wraps at phone width).
  const amount = (label, cls, minor, currency) => h('span', { class: 'total' }, `${label} `, h('strong', { class: cls }, money(minor, currency)));
  return [
    h('p', { class: 'muted', id: 'totals-count' }, `${covers}:`),
    h('ul', { class: 'totals-list' }, t.currencies.map((c) => h('li', { 'data-currency': c.currency },
      h('span', { class: 'total' }, c.currency), amount('captured', 'captured', c.capturedMinorUnits, c.currency),
      amount('refunded', 'refunded', c.refundedMinorUnits, c.currency), amount('net', 'net', c.netMinorUnits, c.currency)))),
  ];
}

/** A problem with the list; a key without the reads right is told so in words, not as a bare 403. */
function listProblem(result, me) {
  if (result.status === 403 && result.body?.code === 'source-not-permitted') {
    return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, 'This key may not read payments'),
      h('p', {}, `The key ${me.name ?? ''} acts as ${me.source}, which this sales unit does not let read its payments (that needs the reads right). `
        + 'Ask the team that registers sales units for a key with the reads right, or sign in with another key.'));
  }
  return problemBox(result.body);
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function row(msn, s) {
  const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
  return h('tr', {},
    cell('Reference', h('a', { href: sagaHash(msn, s.kind, s.id) }, s.id)),
    cell('Kind', s.kind),
    cell('Status', statusBadge(s.moneyStatus, { title: `Saga state: ${s.status}` })),
    cell('Amount', money(s.amountMinorUnits, s.currency)),
    cell('Captured', money(s.capturedMinorUnits, s.currency)),
    cell('Refunded', money(s.refundedMinorUnits, s.currency)),
    cell('Cancelled', money(s.cancelledMinorUnits, s.currency)),
    cell('Created', timeEl(s.createdAt)),
    cell('Last change', timeEl(s.updatedAt)));
}
