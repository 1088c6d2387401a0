import { api, paths } from '../api.js';
import { deliberate, fill, focusReturner, h, ignoreRepeatedKeys, isSafeUrl, problemBox, statusClass, toast } from '../dom.js';
import { majorText, money, parseMajor, timeEl } from '../format.js';

const POLL_MS = 3000;
const PENDING = 'paymentConsole.pendingRefund.';

/**
 * The refund being reviewed or sent in this tab, per payment (sessionStorage: this tab only, survives a reload), so a
 * reload during the review or after a lost answer continues with the same refund id — which the orchestrator takes
 * once. Cleared on a definite answer (accepted, duplicate, refused) or when it shows in the payment's refunds.
 */
const pending = {
  key: (msn, kind, id) => `${PENDING}${msn}/${kind}/${id}`,
  get(msn, kind, id) {
    try { return JSON.parse(sessionStorage.getItem(this.key(msn, kind, id)) ?? 'null'); } catch { return null; }
  },
  set(msn, kind, id, value) { sessionStorage.setItem(this.key(msn, kind, id), JSON.stringify(value)); },
  clear(msn, kind, id) { sessionStorage.removeItem(this.key(msn, kind, id)); },
};

/** Vipps' routine read-backs while nothing changes: folded into one line of the timeline. */
const ROUTINE = new Set(['WakeUp', 'GetPayment', 'GetCharge', 'GetAgreement', 'PaymentRead', 'ChargeRead', 'AgreementRead', 'PollScheduled', 'NoChange', 'CommandIssued', 'CommandCompleted']);

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
  const orderButton = h('button', { type: 'button', id: 'timeline-order', 'aria-pressed': 'false' }, 'Newest first');
  const timelineHelp = h('p', { class: 'muted small' }, '');
  const updated = h('span', { class: 'muted small' });
  const problem = h('div');
  fill(main, back, h('div', { class: 'title-row' }, h('div', {}, heading, ' ', badge), updated), problem,
    h('div', { class: 'grid' }, summary, next), refunds,
    h('section', { class: 'card', 'aria-labelledby': 'timeline-h' },
      h('div', { class: 'timeline-tools' }, h('h2', { id: 'timeline-h' }, 'Timeline'), orderButton), timelineHelp,
      timelineList));
  const entries = [];
  let newestFirst = false;
  orderButton.addEventListener('click', () => {
    newestFirst = !newestFirst;
    orderButton.setAttribute('aria-pressed', String(newestFirst));
    drawTimeline();
  });

  let last = null;
  let lastJson = null;
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
    // Nothing changed: nothing is redrawn, so nothing a keyboard user is on disappears under them.
    const json = JSON.stringify([view.body, step.body, pending.get(msn, kind, id)]);
    if (json !== lastJson) {
      lastJson = json;
      keepingFocus(() => draw(view.body, step.body));
    }
    updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  }

  function draw(view, step) {
    const s = view.summary;
    badge.textContent = s.moneyStatus;
    badge.className = `badge ${statusClass(s.moneyStatus)}`;
    badge.title = `Saga state: ${s.status}`;
    const c = s.currency ?? step.currency;
    fill(summary, h('h2', { id: 'summary-h' }, 'Summary'),
      h('dl', { class: 'facts' },
        fact('Kind', s.kind), fact('Status', s.moneyStatus), fact('Saga state', s.status), fact('Sales unit', unit ? `${msn} · ${unit.name}` : msn),
        fact('Amount', money(s.amountMinorUnits, c)), fact('Captured', money(s.capturedMinorUnits, c)),
        fact('Refunded', money(s.refundedMinorUnits, c)), fact('Cancelled', money(s.cancelledMinorUnits, c)),
        fact('Created', timeEl(s.createdAt)), fact('Last change', timeEl(s.updatedAt)),
        s.nextWakeUpAt ? fact('Next check', timeEl(s.nextWakeUpAt)) : null));

    const items = [h('h2', { id: 'next-h' }, 'Next step')];
    if (step.approvalUrl) {
      items.push(h('p', {}, 'Waiting for the customer to approve in Vipps MobilePay.'),
        isSafeUrl(step.approvalUrl) ? h('p', {}, h('a', { id: 'approval-link', href: step.approvalUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Open the approval link')) : null);
    }
    if (step.attention) items.push(attentionBox(step.attention));
    for (const d of step.captureDeadlines ?? []) {
      items.push(h('p', {}, `Capture before `, timeEl(d.deadline), ` (${d.kind === 'card-hold' ? 'card hold' : 'market limit'}).`));
    }
    if (step.capturableMinorUnits > 0) items.push(h('p', {}, `Still to capture: ${money(step.capturableMinorUnits, c)} (the webshop captures on shipping).`));
    const records = view.state?.refunds ?? [];
    const waiting = pending.get(msn, kind, id);
    if (waiting && records.some((r) => r.refundId === waiting.refundId)) {
      // The refund reached the payment: a definite answer, whatever happened to the one the browser was waiting for.
      pending.clear(msn, kind, id);
    } else if (waiting) {
      items.push(h('p', { class: 'problem', id: 'refund-pending' }, `A refund of ${money(waiting.minor, waiting.currency)} (refund id ${waiting.refundId}) was `,
        waiting.sent ? 'sent without a definite answer' : 'being reviewed', ' when this page was left. "Refund…" continues it with the same refund id, so it cannot be taken twice.'));
    }
    if (step.refundableMinorUnits !== null && step.refundableMinorUnits !== undefined) {
      items.push(h('p', {}, `Refundable: ${money(step.refundableMinorUnits, c)}`));
      if (step.refundableMinorUnits > 0) {
        items.push(h('button', { type: 'button', class: 'primary', id: 'refund-open', onclick: () => openRefund(view, step) }, 'Refund…'));
      }
    }
    if (items.length === 1) items.push(h('p', { class: 'muted' }, s.isFinished ? 'Nothing left to do: this saga has finished.' : 'Nothing to do: the orchestrator is on it.'));
    fill(next, ...items);

    refunds.hidden = records.length === 0;
    if (records.length) {
      fill(refunds, h('h2', { id: 'refunds-h' }, 'Refunds'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, ['Refund id', 'Amount', 'Status', 'Reason', 'Requested', 'By key', 'Requested by'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, records.map((r) => h('tr', {},
            h('td', { 'data-label': 'Refund id' }, r.refundId), h('td', { 'data-label': 'Amount' }, money(r.amount?.minorUnits, r.amount?.currency)),
            h('td', { 'data-label': 'Status' }, String(r.status)), h('td', { 'data-label': 'Reason', class: 'reason' }, r.reason),
            h('td', { 'data-label': 'Requested' }, timeEl(r.requestedAt)),
            // Who, as authenticated: the API key's name and source (never the key). A refund queued by finance directly has a source but no key.
            h('td', { 'data-label': 'By key', class: 'audit' }, r.requestedByKey ? `${r.requestedByKey} · ${r.requestedBySource ?? ''}` : (r.requestedBySource ? `queue · ${r.requestedBySource}` : '—')),
            h('td', { 'data-label': 'Requested by' }, r.requestedBy)))))));
    }

    let added = false;
    for (const entry of view.timeline) {
      if (entry.sequence <= lastSequence) continue;
      lastSequence = entry.sequence;
      entries.push(entry);
      added = true;
    }
    if (added) drawTimeline();
  }

  /** The timeline: runs of routine polls that change nothing fold into one line; oldest or newest first. */
  function drawTimeline() {
    timelineHelp.textContent = `Every input, decision, Vipps call and refusal, ${newestFirst ? 'newest' : 'oldest'} first; read-backs that changed nothing are folded. It updates while this page is open.`;
    const open = new Set([...timelineList.querySelectorAll('details[open]')].map((d) => d.dataset.key));
    const items = foldRoutine(entries).map((item) => (item.folded ? foldedEntry(item) : timelineEntry(item.entry)));
    if (newestFirst) items.reverse();
    keepingFocus(() => fill(timelineList, ...items));
    for (const d of timelineList.querySelectorAll('details')) if (open.has(d.dataset.key)) d.open = true;
  }

  function openRefund(view, step) {
    refundDialog({
      msn, kind, id, currency: view.summary.currency ?? step.currency, refundable: step.refundableMinorUnits, me,
      keyRefused, onDone: () => refresh(), onClosed: () => { lastJson = null; refresh(); },
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

/** Runs fn (which redraws) and puts focus back on the element with the id the focused one had, if it is still there. */
function keepingFocus(fn) {
  const active = document.activeElement;
  const focusedId = active && active !== document.body ? active.id : null;
  fn();
  if (focusedId && !active.isConnected) document.getElementById(focusedId)?.focus({ preventScroll: true });
}

/** Entries and folds: a run of two or more routine read-backs (same state each time) becomes one fold. */
function foldRoutine(all) {
  const out = [];
  let run = [];
  let observed = null;
  const flush = () => {
    const polls = run.filter((e) => /^Get/.test(e.type)).length || run.filter((e) => e.type === 'WakeUp').length;
    if (polls >= 2) out.push({ folded: true, entries: run, polls });
    else out.push(...run.map((entry) => ({ entry })));
    run = [];
  };
  for (const e of all) {
    const isObservation = /(State|Status)Observed$/.test(e.type);
    const routine = ROUTINE.has(e.type) || (isObservation && e.summary === observed);
    if (isObservation) observed = e.summary;
    if (routine) { run.push(e); continue; }
    flush();
    out.push({ entry: e });
  }
  flush();
  return out;
}

function foldedEntry({ entries, polls }) {
  const key = `fold-${entries[0].sequence}`;
  return h('li', { class: 'entry folded', 'data-key': key },
    h('div', { class: 'entry-head' }, timeEl(entries[0].at), ' – ', timeEl(entries[entries.length - 1].at)),
    h('p', { class: 'entry-summary' }, `${polls} polls, no change`),
    h('details', { 'data-key': key }, h('summary', { id: `${key}-summary` }, `Show the ${entries.length} entries`),
      h('ol', { class: 'timeline' }, entries.map((e) => timelineEntry(e)))));
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
    detail ? h('details', { 'data-key': `e-${e.sequence}` }, h('summary', { id: `e-${e.sequence}-summary` }, 'Details'), h('pre', {}, detail)) : null);
}

/**
 * The refund form. The refund id is made once when the form opens — or taken from this tab's pending refund of the
 * payment after a reload — so a double click, a retry after a lost answer, a reload or a second confirm sends the same
 * refund, which the orchestrator takes once. The review starts on "Back"; only a deliberate press confirms.
 */
function refundDialog({ msn, kind, id, currency, refundable, me, keyRefused, onDone, onClosed }) {
  const resumed = pending.get(msn, kind, id);
  const refundId = resumed?.refundId ?? `console-${crypto.randomUUID()}`;
  const returnFocus = focusReturner(() => document.getElementById('refund-open') ?? document.querySelector('main h1'));
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'refund-title' });
  ignoreRepeatedKeys(dialog);
  const amount = h('input', { id: 'refund-amount', name: 'amount', inputmode: 'decimal', autocomplete: 'off', required: true, value: majorText(resumed?.minor ?? refundable, currency), 'aria-describedby': 'refund-amount-help' });
  const reason = h('textarea', { id: 'refund-reason', name: 'reason', required: true, maxlength: '500', rows: '3' });
  reason.value = resumed?.reason ?? '';
  const requestedBy = h('input', { id: 'refund-by', name: 'requestedBy', required: true, maxlength: '100', value: resumed?.note ?? me.name ?? me.source, autocomplete: 'off', 'aria-describedby': 'refund-by-help' });
  const status = h('div', { 'aria-live': 'polite', id: 'refund-status' });
  let sent = Boolean(resumed?.sent);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // Nothing was sent: cancelling forgets the refund. Sent without an answer: it stays pending, so it is continued, never doubled.
    if (!sent) pending.clear(msn, kind, id);
    if (dialog.open) dialog.close();
    dialog.remove();
    returnFocus();
    onClosed?.();
  };
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });
  let minor = resumed?.minor ?? 0;

  function formStep() {
    const form = h('form', { novalidate: true },
      h('h2', { id: 'refund-title' }, `Refund ${id}`),
      resumed ? h('p', { class: 'muted small', id: 'refund-resumed' }, `Continues refund ${refundId}, which was not finished in this tab.`) : null,
      h('label', { for: 'refund-amount' }, `Amount (${currency})`), amount,
      h('p', { id: 'refund-amount-help', class: 'muted small' }, `At most ${money(refundable, currency)}, what is left to refund.`),
      h('label', { for: 'refund-reason' }, 'Reason'), reason,
      h('label', { for: 'refund-by' }, 'Requested by (note)'), requestedBy,
      h('p', { id: 'refund-by-help', class: 'muted small' }, `Free text, e.g. who asked or a ticket. The key's name (${me.name ?? '—'}) and source (${me.source}) and the time are recorded by the orchestrator.`),
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
      pending.set(msn, kind, id, { refundId, minor, currency, reason: reason.value.trim(), note: requestedBy.value.trim(), sent });
      confirmStep();
    });
    fill(dialog, form);
    amount.focus();
    amount.select();
  }

  function confirmStep(problem) {
    const confirm = h('button', { type: 'button', class: 'danger', id: 'refund-confirm' }, problem?.retry ? 'Try again' : 'Confirm refund');
    const back = h('button', { type: 'button', id: 'refund-back', onclick: formStep }, 'Back');
    const result = h('div', { 'aria-live': 'polite', id: 'refund-result' }, problem ? problemBox(problem.body, problem.headline) : null);
    fill(dialog,
      h('h2', { id: 'refund-title' }, 'Confirm the refund'),
      h('p', {}, 'Refund ', h('strong', {}, money(minor, currency)), ` of ${id} to the customer?`),
      h('dl', { class: 'facts' }, fact('Reason', reason.value.trim()), fact('Requested by', requestedBy.value.trim()),
        fact('Recorded as', `${me.name ?? '—'} · ${me.source}`), fact('Refund id', refundId)),
      result,
      h('div', { class: 'actions' }, back, confirm));
    let sending = false;
    deliberate(confirm, async () => {
      if (sending) return;
      sending = true;
      confirm.disabled = true;
      fill(result, h('p', { class: 'muted' }, 'Sending…'));
      const body = {
        msn, refundId, amount: { value: minor, currency }, reason: reason.value.trim(), requestedBy: requestedBy.value.trim(),
        [kind === 'charge' ? 'chargeId' : 'reference']: id,
      };
      sent = true;
      pending.set(msn, kind, id, { refundId, minor, currency, reason: body.reason, note: body.requestedBy, sent });
      const answer = await api(paths.refunds(), { method: 'POST', body });
      if (answer.status === 401) { close(); keyRefused(answer.body); return; }
      const retry = answer.status === 0 || answer.status >= 500 || answer.status === 429 || answer.status === 408;
      if (!retry) {
        // A definite answer: taken, a repeat, or refused. A later refund is a new one.
        pending.clear(msn, kind, id);
        sent = false;
      }
      if (answer.ok) {
        close();
        toast(answer.body.status === 'duplicate' ? `Refund ${refundId} had already been taken; nothing was refunded twice.` : `Refund of ${money(minor, currency)} accepted.`);
        onDone();
        return;
      }
      confirmStep({
        retry, body: answer.status === 409 ? inMoney(answer.body, currency) : answer.body,
        headline: answer.status === 409 ? 'The payment refused this refund' : retry ? 'No answer — it is safe to try again (same refund id)' : undefined,
      });
    });
    // Focus on the safe control: a stray or second Enter goes back to the form, never sends the refund.
    back.focus();
  }

  document.body.append(dialog);
  dialog.showModal();
  formStep();
}

/** A refusal whose detail gives amounts in minor units (e.g. 30000), shown in the page's money format instead. */
function inMoney(problem, currency) {
  if (!problem?.detail || !currency) return problem;
  const detail = problem.detail.replace(/(Refund of |exceeds what may be refunded \(|= captured |− refunded |− in flight )(-?\d+)/g,
    (_, words, minor) => `${words}${money(Number(minor), currency)}`);
  return { ...problem, detail };
}
