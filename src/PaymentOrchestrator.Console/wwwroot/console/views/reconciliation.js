import { api, paths } from '../api.js';
import { fill, h, problemBox } from '../dom.js';
import { money, timeEl } from '../format.js';

const KIND_TEXT = { MissingAtVipps: 'Missing at Vipps', UnknownToUs: 'Unknown to us', AmountMismatch: 'Amount mismatch' };

/** The day before yesterday in UTC, "yyyy-MM-dd": a ledger date that has surely ended everywhere. */
export function defaultLedgerDate(now = new Date()) {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 2));
  return day.toISOString().slice(0, 10);
}

export function reconciliationHash(msn, date) {
  return `#/reconciliation/${encodeURIComponent(msn)}?${new URLSearchParams({ date })}`;
}

/** One sales unit's reconciliation of one ledger date: status, matched count, totals, and each discrepancy with both sides. */
export async function renderReconciliation(main, { me, query, msn, keyRefused, navigate }) {
  const units = me.salesUnits ?? [];
  if (units.length === 0) {
    fill(main, h('h1', { tabindex: '-1' }, 'Reconciliation'),
      h('div', { class: 'empty' }, h('p', {}, `This key acts as ${me.source}, which no sales unit binds. Ask for the source to be added to a sales unit.`)));
    return null;
  }
  const unit = units.find((u) => u.msn === msn) ?? units[0];
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') ?? '') ? query.get('date') : defaultLedgerDate();

  const unitSelect = h('select', { id: 'r-unit', name: 'unit' }, units.map((u) => h('option', { value: u.msn, selected: u.msn === unit.msn }, `${u.msn} · ${u.name}`)));
  const dateInput = h('input', { id: 'r-date', name: 'date', type: 'date', value: date, required: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Which reconciliation to show' },
    field('r-unit', 'Sales unit', unitSelect), field('r-date', 'Ledger date', dateInput),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (dateInput.value) navigate(reconciliationHash(unitSelect.value, dateInput.value));
  });
  unitSelect.addEventListener('change', () => form.requestSubmit());
  dateInput.addEventListener('change', () => form.requestSubmit());

  const result = h('section', { class: 'card', id: 'reconciliation', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  fill(main, h('h1', { tabindex: '-1' }, `Reconciliation · ${unit.name}`), form, result);

  const answer = await api(paths.reconciliation(unit.msn, date));
  if (answer.status === 401) { keyRefused(answer.body); return null; }
  if (answer.status === 404 && answer.body?.code === 'not-reconciled') {
    fill(result, h('div', { class: 'empty', id: 'not-reconciled' },
      h('p', {}, h('strong', {}, `${date} has not been reconciled yet for ${unit.msn}.`)),
      h('p', {}, 'This date has not been reconciled yet; the job runs hourly, or run ',
        h('code', {}, `reconcile --msn ${unit.msn} --date ${date}`), '.')));
    return null;
  }
  if (!answer.ok) { fill(result, problemBox(answer.body)); return null; }
  fill(result, ...day(answer.body));
  return null;
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function day(d) {
  const currency = d.currency;
  const fact = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];
  const facts = h('dl', { class: 'facts' },
    fact('Status', h('span', { class: `badge s-${d.status}`, id: 'recon-status' }, d.status)),
    d.reason ? fact('Reason', d.reason) : null,
    fact('Matched', h('span', { id: 'recon-matched' }, String(d.matched))),
    fact('Missing at Vipps', String(d.missingAtVipps)),
    fact('Unknown to us', String(d.unknownToUs)),
    fact('Amount mismatches', String(d.amountMismatches)),
    d.ledgerId ? fact('Ledger', d.ledgerId) : null,
    fact('Last attempt', timeEl(d.lastAttemptAt), ` (attempt ${d.attempts})`),
    d.reconciledAt ? fact('Reconciled at', timeEl(d.reconciledAt)) : null,
    d.nextAttemptAt ? fact('Next attempt', timeEl(d.nextAttemptAt)) : null);
  const totals = h('dl', { class: 'facts', id: 'recon-totals' },
    fact('Captured', money(d.captured, currency)),
    fact('Refunded', money(d.refunded, currency)),
    fact('Fees', money(d.fees, currency)),
    fact('Fees retained', money(d.feesRetained, currency)),
    fact('Payout', money(d.payout, currency)),
    fact('Net (captured − refunded − fees)', money(d.net, currency)));
  const findings = d.discrepancies ?? [];
  const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
  const side = (s) => (s ? [`${s.operation} ${money(s.amount, s.currency)}`, ' · ', timeEl(s.at)] : ['—']);
  const table = findings.length === 0
    ? h('p', { class: 'empty' }, d.status === 'Reconciled' ? 'No discrepancies: every capture and refund matches Vipps.' : 'No discrepancies are known until the date is reconciled.')
    : h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'discrepancies' },
      h('caption', { class: 'visually-hidden' }, `Discrepancies of ${d.msn} on ${d.ledgerDate}`),
      h('thead', {}, h('tr', {}, ['Kind', 'Reference', 'Our side', 'Vipps side', 'Difference'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, findings.map((f) => h('tr', {},
        cell('Kind', h('span', { class: 'badge s-Failed' }, KIND_TEXT[f.kind] ?? f.kind)),
        cell('Reference', f.ours?.reference ?? f.vipps?.reference ?? '—'),
        cell('Our side', ...side(f.ours)),
        cell('Vipps side', ...side(f.vipps)),
        cell('Difference', f.difference === null || f.difference === undefined ? '—' : money(f.difference, f.ours?.currency ?? f.vipps?.currency ?? currency)))))));
  return [
    h('h2', {}, `Ledger date ${d.ledgerDate}`), facts,
    h('h3', {}, 'Totals'), totals,
    h('h3', {}, `Discrepancies (${findings.length})`), table,
  ];
}
