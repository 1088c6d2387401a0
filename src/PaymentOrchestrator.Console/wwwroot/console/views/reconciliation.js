import { api, paths } from '../api.js';
import { fill, h, problemBox, toast } from '../dom.js';
import { money, timeEl } from '../format.js';
import { sagaHash } from './payments.js';

const KIND_TEXT = { MissingAtVipps: 'Missing at Vipps', UnknownToUs: 'Unknown to us', AmountMismatch: 'Amount mismatch' };

/**
 * The latest ledger date the sales unit can reconcile (yesterday in its market's zone), from /api/me; on the day it
 * was registered, when no date has ended yet, that first date (it shows as not reconciled yet).
 */
export function defaultLedgerDate(unit) {
  return unit.reconciliation?.latestDate ?? unit.reconciliation?.firstDate ?? new Date().toISOString().slice(0, 10);
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
  const date = /^\d{4}-\d\d-\d\d$/.test(query.get('date') ?? '') ? query.get('date') : defaultLedgerDate(unit);
  const mayRun = unit.reconciliation?.mayRun === true;

  const unitSelect = h('select', { id: 'r-unit', name: 'unit' }, units.map((u) => h('option', { value: u.msn, selected: u.msn === unit.msn }, `${u.msn} · ${u.name}`)));
  const dateInput = h('input', { id: 'r-date', name: 'date', type: 'date', value: date, required: true });
  const form = h('form', { class: 'filters', 'aria-label': 'Which reconciliation to show' },
    field('r-unit', 'Sales unit', unitSelect), field('r-date', 'Ledger date', dateInput),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (dateInput.value) navigate(reconciliationHash(unitSelect.value, dateInput.value));
  });
  // Applied on Enter or "Show" only: a typed date or an arrow key in the list must not reload the view under the keyboard.

  const result = h('section', { class: 'card', id: 'reconciliation', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  fill(main, h('h1', { tabindex: '-1' }, `Reconciliation · ${unit.name}`), form, result);

  const latest = unit.reconciliation?.latestDate;
  const ended = latest && date <= latest && date >= unit.reconciliation.firstDate;
  const runButton = () => (mayRun && ended
    ? h('button', { type: 'button', id: 'reconcile-now', class: 'primary', onclick: (e) => runNow(e.currentTarget) }, 'Reconcile now')
    : null);

  async function runNow(button) {
    button.disabled = true;
    button.textContent = 'Reconciling…';
    const ran = await api(paths.reconcileNow(unit.msn, date), { method: 'POST' });
    if (ran.status === 401) { keyRefused(ran.body); return; }
    if (!ran.ok) {
      button.disabled = false;
      button.textContent = 'Reconcile now';
      result.prepend(problemBox(ran.body, 'The reconciliation did not run'));
      return;
    }
    fill(result, ...day(ran.body, unit.msn), h('div', { class: 'actions' }, runButton()));
    toast(`Reconciled ${date}: ${ran.body.status}.`);
    result.querySelector('h2')?.focus();
  }

  const answer = await api(paths.reconciliation(unit.msn, date));
  if (answer.status === 401) { keyRefused(answer.body); return null; }
  if (answer.status === 404 && answer.body?.code === 'not-reconciled') {
    const why = !ended
      ? `It cannot be reconciled yet: ${unit.msn} can be reconciled from ${unit.reconciliation?.firstDate ?? '—'} to ${latest ?? '— (no date has ended yet)'}.`
      : mayRun ? 'The job reconciles each date once it has ended; you can run it now.'
        : 'The job reconciles each date once it has ended. Running it now needs a key whose source has the reconciles right.';
    fill(result, h('div', { class: 'empty', id: 'not-reconciled' },
      h('p', {}, h('strong', {}, `${date} has not been reconciled yet for ${unit.msn}.`)),
      h('p', {}, why), runButton()));
    return null;
  }
  if (!answer.ok) { fill(result, problemBox(answer.body)); return null; }
  fill(result, ...day(answer.body, unit.msn), h('div', { class: 'actions' }, runButton()));
  return null;
}

function field(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function day(d, msn) {
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
        // Ours: a payment's or a charge's operation of this sales unit, so its page exists. Unknown to us: only Vipps knows the reference.
        cell('Reference', f.ours?.reference ? h('a', { href: sagaHash(msn, f.ours.sagaKind ?? 'payment', f.ours.reference) }, f.ours.reference) : f.vipps?.reference ?? '—'),
        cell('Our side', ...side(f.ours)),
        cell('Vipps side', ...side(f.vipps)),
        cell('Difference', f.difference === null || f.difference === undefined ? '—' : money(f.difference, f.ours?.currency ?? f.vipps?.currency ?? currency)))))));
  return [
    h('h2', { tabindex: '-1' }, `Ledger date ${d.ledgerDate}`), facts,
    h('h3', {}, 'Totals'), totals,
    h('h3', {}, `Discrepancies (${findings.length})`), table,
  ];
}
