import { api, paths } from '../api.js';
import { fill, h, isSafeUrl, problemBox, toast } from '../dom.js';
import { majorText, money, parseMajor, timeEl } from '../format.js';

const POLL_MS = 3000;

const ENTRY_KINDS = {
  Received: 'Received', Decided: 'Decided', CommandQueued: 'Vipps call', Outcome: 'Told the webshop', Rejected: 'Refused',
};

/** One saga: summary, next step, refunds, and the timeline, refreshed every few seconds while the page is open. */
export async function renderPayment(main, { me, msn, kind, id, keyRefused }) {
  const unit = (me.salesUnits ?? []).find((u) => u.msn === msn);
  const back = h('a', { href: `#/payments/${encodeURIComponent(msn)}`, class: 'back' }, `← Payments of ${unit ? unit.name : msn}`);
  const heading = h('h1', { tabindex: '-1' }, id);
  const badge = h('span', { class: 'badge' });
  const summary = h('section', { class: 'card', 'aria-labelledby': 'summary-h' });
  const next = h('section', { class: 'card', 'aria-labelledby': 'next-h' });
  const refunds = h('section', { class: 'card', 'aria-labelledby': 'refunds-h', hidden: true });
  const timelineList = h('ol', { class: 'timeline', id: 'timeline' });
  const updated = h('span', { class: 'muted small' });
  const problem = h('div');
  fill(main, back, h('div', { class: 'title-row' }, h('div', {}, heading, ' ', badge), updated), problem,
    h('div', { class: 'grid' }, summary, next), refunds,
    h('section', { class: 'card', 'aria-labelledby': 'timeline-h' },
      h('h2', { id: 'timeline-h' }, 'Timeline'), h('p', { class: 'muted small' }, 'Every input, decision, Vipps call and refusal, oldest first. It updates while this page is open.'),
      timelineList));

  let last = null;
  let lastSequence = 0;
  let stopped = false;
  let timer = null;

  async function refresh() {
    const [view, step] = await Promise.all([api(paths.saga(msn, kind, id)), api(paths.next(msn, kind, id))]);
    if (stopped) return;
    const failed = [view, step].find((r) => !r.ok);
    if (failed?.status === 401) { keyRefused(failed.body); return; }
    if (failed) {
      fill(problem, problemBox(failed.body, failed.status === 404 ? 'No such payment' : undefined));
      if (!last) { summary.hidden = true; next.hidden = true; }
      return;
    }
    fill(problem);
    summary.hidden = false;
    next.hidden = false;
    last = { view: view.body, step: step.body };
    draw(view.body, step.body);
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  }

  function draw(view, step) {
    const s = view.summary;
    badge.textContent = s.status;
    badge.className = `badge s-${s.status}`;
    const c = s.currency ?? step.currency;
    fill(summary, h('h2', { id: 'summary-h' }, 'Summary'),
      h('dl', { class: 'facts' },
        fact('Kind', s.kind), fact('Sales unit', unit ? `${msn} · ${unit.name}` : msn),
        fact('Amount', money(s.amountMinorUnits, c)), fact('Captured', money(s.capturedMinorUnits, c)),
        fact('Refunded', money(s.refundedMinorUnits, c)), fact('Cancelled', money(s.cancelledMinorUnits, c)),
        fact('Created', timeEl(s.createdAt)), fact('Last change', timeEl(s.updatedAt)),
        s.nextWakeUpAt ? fact('Next check', timeEl(s.nextWakeUpAt)) : null));

    const items = [h('h2', { id: 'next-h' }, 'Next step')];
    if (step.approvalUrl) {
      items.push(h('p', {}, 'Waiting for the customer to approve in Vipps MobilePay.'),
        isSafeUrl(step.approvalUrl) ? h('p', {}, h('a', { href: step.approvalUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Open the approval link')) : null);
    }
    if (step.attention) items.push(attentionBox(step.attention));
    for (const d of step.captureDeadlines ?? []) {
      items.push(h('p', {}, `Capture before `, timeEl(d.deadline), ` (${d.kind === 'card-hold' ? 'card hold' : 'market limit'}).`));
    }
    if (step.capturableMinorUnits > 0) items.push(h('p', {}, `Still to capture: ${money(step.capturableMinorUnits, c)} (the webshop captures on shipping).`));
    if (step.refundableMinorUnits !== null && step.refundableMinorUnits !== undefined) {
      items.push(h('p', {}, `Refundable: ${money(step.refundableMinorUnits, c)}`));
      if (step.refundableMinorUnits > 0) {
        items.push(h('button', { type: 'button', class: 'primary', id: 'refund-open', onclick: () => openRefund(view, step) }, 'Refund…'));
      }
    }
    if (items.length === 1) items.push(h('p', { class: 'muted' }, s.isFinished ? 'Nothing left to do: this saga has finished.' : 'Nothing to do: the orchestrator is on it.'));
    fill(next, ...items);

    const records = view.state?.refunds ?? [];
    refunds.hidden = records.length === 0;
    if (records.length) {
      fill(refunds, h('h2', { id: 'refunds-h' }, 'Refunds'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, ['Refund id', 'Amount', 'Status', 'Reason', 'Requested by'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, records.map((r) => h('tr', {},
            h('td', { 'data-label': 'Refund id' }, r.refundId), h('td', { 'data-label': 'Amount' }, money(r.amount?.minorUnits, r.amount?.currency)),
            h('td', { 'data-label': 'Status' }, String(r.status)), h('td', { 'data-label': 'Reason', class: 'reason' }, r.reason),
            h('td', { 'data-label': 'Requested by' }, r.requestedBy)))))));
    }

    for (const entry of view.timeline) {
      if (entry.sequence <= lastSequence) continue;
      lastSequence = entry.sequence;
      timelineList.append(timelineEntry(entry));
    }
  }

  function openRefund(view, step) {
    refundDialog({
      msn, kind, id, currency: view.summary.currency ?? step.currency, refundable: step.refundableMinorUnits, source: me.source,
      keyRefused, onDone: () => refresh(),
    });
  }

  async function poll() {
    if (stopped) return;
    if (document.visibilityState === 'visible') await refresh();
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  }

  await refresh();
  timer = setTimeout(poll, POLL_MS);
  return () => { stopped = true; clearTimeout(timer); };
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

export function attentionBox(a) {
  return h('div', { class: 'problem' },
    h('strong', {}, 'Needs attention: '), a.reason,
    a.title || a.detail ? h('p', {}, `Vipps answered${a.vippsStatus ? ` ${a.vippsStatus}` : ''}${a.errorCode ? ` (${a.errorCode})` : ''}: ${[a.title, a.detail].filter(Boolean).join(' — ')}`) : null,
    h('p', { class: 'muted small' }, a.command ? `While: ${a.command} · ` : '', 'Since ', timeEl(a.at), a.traceId ? ` · trace ${a.traceId}` : ''));
}

function timelineEntry(e) {
  let detail = e.detail;
  try { detail = JSON.stringify(JSON.parse(e.detail), null, 2); } catch { /* keep as text */ }
  return h('li', { class: `entry k-${e.kind}` },
    h('div', { class: 'entry-head' }, timeEl(e.at), h('span', { class: `badge k-${e.kind}` }, ENTRY_KINDS[e.kind] ?? e.kind), h('code', {}, e.type)),
    h('p', { class: 'entry-summary' }, e.summary),
    e.source ? h('p', { class: 'muted small' }, `From ${e.source}${e.eventId ? ` · event ${e.eventId}` : ''}`) : null,
    detail ? h('details', {}, h('summary', {}, 'Details'), h('pre', {}, detail)) : null);
}

/**
 * The refund form. The refund id is made once when the form opens, so a double click, a retry after a lost answer or
 * a second confirm sends the same refund, which the orchestrator takes once.
 */
function refundDialog({ msn, kind, id, currency, refundable, source, keyRefused, onDone }) {
  const refundId = `console-${crypto.randomUUID()}`;
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'refund-title' });
  const amount = h('input', { id: 'refund-amount', name: 'amount', inputmode: 'decimal', autocomplete: 'off', required: true, value: majorText(refundable, currency), 'aria-describedby': 'refund-amount-help' });
  const reason = h('textarea', { id: 'refund-reason', name: 'reason', required: true, maxlength: '500', rows: '3' });
  const requestedBy = h('input', { id: 'refund-by', name: 'requestedBy', required: true, maxlength: '200', value: source, autocomplete: 'off' });
  const status = h('div', { 'aria-live': 'polite', id: 'refund-status' });
  const close = () => { dialog.close(); dialog.remove(); };
  dialog.addEventListener('close', () => dialog.remove());
  let minor = 0;

  function formStep() {
    const form = h('form', { novalidate: true },
      h('h2', { id: 'refund-title' }, `Refund ${id}`),
      h('label', { for: 'refund-amount' }, `Amount (${currency})`), amount,
      h('p', { id: 'refund-amount-help', class: 'muted small' }, `At most ${money(refundable, currency)}, what is left to refund.`),
      h('label', { for: 'refund-reason' }, 'Reason'), reason,
      h('label', { for: 'refund-by' }, 'Requested by'), requestedBy,
      status,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: close }, 'Cancel'), h('button', { type: 'submit', class: 'primary' }, 'Review refund')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const parsed = parseMajor(amount.value, currency);
      const errors = [];
      if (parsed === null || parsed <= 0) errors.push(`Enter an amount above zero with at most the currency's decimals, e.g. ${majorText(refundable, currency)}.`);
      else if (parsed > refundable) errors.push(`${money(parsed, currency)} is more than the ${money(refundable, currency)} left to refund.`);
      if (!reason.value.trim()) errors.push('Give a reason: it is kept in the timeline.');
      if (!requestedBy.value.trim()) errors.push('Say who asks for the refund.');
      if (errors.length) {
        fill(status, h('div', { class: 'problem', role: 'alert' }, errors.map((t) => h('p', {}, t))));
        (parsed === null || parsed <= 0 || parsed > refundable ? amount : !reason.value.trim() ? reason : requestedBy).focus();
        return;
      }
      minor = parsed;
      confirmStep();
    });
    fill(dialog, form);
    amount.focus();
    amount.select();
  }

  function confirmStep(problem) {
    const confirm = h('button', { type: 'button', class: 'danger', id: 'refund-confirm' }, problem?.retry ? 'Try again' : 'Confirm refund');
    const result = h('div', { 'aria-live': 'polite', id: 'refund-result' }, problem ? problemBox(problem.body, problem.headline) : null);
    fill(dialog,
      h('h2', { id: 'refund-title' }, 'Confirm the refund'),
      h('p', {}, 'Refund ', h('strong', {}, money(minor, currency)), ` of ${id} to the customer?`),
      h('dl', { class: 'facts' }, fact('Reason', reason.value.trim()), fact('Requested by', requestedBy.value.trim()), fact('Refund id', refundId)),
      result,
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: formStep }, 'Back'), confirm));
    let sending = false;
    confirm.addEventListener('click', async () => {
      if (sending) return;
      sending = true;
      confirm.disabled = true;
      fill(result, h('p', { class: 'muted' }, 'Sending…'));
      const body = {
        msn, refundId, amount: { value: minor, currency }, reason: reason.value.trim(), requestedBy: requestedBy.value.trim(),
        [kind === 'charge' ? 'chargeId' : 'reference']: id,
      };
      const answer = await api(paths.refunds(), { method: 'POST', body });
      if (answer.status === 401) { close(); keyRefused(answer.body); return; }
      if (answer.ok) {
        close();
        toast(answer.body.status === 'duplicate' ? `Refund ${refundId} had already been taken; nothing was refunded twice.` : `Refund of ${money(minor, currency)} accepted.`);
        onDone();
        return;
      }
      const retry = answer.status === 0 || answer.status >= 500;
      confirmStep({
        retry, body: answer.body,
        headline: answer.status === 409 ? 'The payment refused this refund' : retry ? 'No answer — it is safe to try again (same refund id)' : undefined,
      });
    });
    confirm.focus();
  }

  document.body.append(dialog);
  dialog.showModal();
  formStep();
}
