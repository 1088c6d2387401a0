import { api, paths } from '../api.js';
import { confirmDialog, fill, h, problemBox, statusBadge, toast } from '../dom.js';
import { localText, money, timeEl } from '../format.js';
import { sagaHash } from './payments.js';
import { attentionBox } from './payment.js';

/** Sagas that stopped, capture deadlines that approach, and dead letters with replay — for the sales units of this key. */
export async function renderAttention(main, { me, keyRefused }) {
  const sagas = h('section', { class: 'card', 'aria-labelledby': 'stopped-h' });
  const letters = h('section', { class: 'card', 'aria-labelledby': 'letters-h' });
  fill(main, h('h1', { tabindex: '-1' }, 'Needs attention'), sagas, letters);

  async function loadSagas() {
    const result = await api(paths.attention());
    if (result.status === 401) { keyRefused(result.body); return; }
    const head = h('h2', { id: 'stopped-h' }, 'Stopped payments and capture deadlines');
    if (!result.ok) { fill(sagas, head, readsProblem(result, me)); return; }
    const items = result.body.salesUnits.flatMap((u) => u.items.map((item) => ({ unit: u, ...item })));
    if (items.length === 0) {
      fill(sagas, head, h('p', { class: 'empty' }, 'Nothing needs attention: no saga has stopped and no capture deadline is near.'));
      return;
    }
    fill(sagas, head, h('ul', { class: 'cards' }, items.map(({ unit, why, summary, next }) => h('li', { class: 'card inner' },
      h('p', {}, h('a', { href: sagaHash(unit.msn, summary.kind, summary.id) }, summary.id), ` · ${summary.kind} · ${unit.msn} ${unit.name} `,
        statusBadge(summary.moneyStatus, { title: `Saga state: ${summary.status}` })),
      why === 'needs-attention' && next.attention ? attentionBox(next.attention) : null,
      why === 'capture-deadline'
        ? h('p', {}, `${money(next.capturableMinorUnits, next.currency)} still to capture; deadline `,
          timeEl(next.captureDeadlines.map((d) => d.deadline).sort()[0]), '.')
        : null))));
  }

  async function loadLetters() {
    const result = await api(paths.deadLetters());
    if (result.status === 401) { keyRefused(result.body); return; }
    const head = h('h2', { id: 'letters-h', tabindex: '-1' }, 'Dead letters');
    if (!result.ok) { fill(letters, head, readsProblem(result, me)); return; }
    const intro = h('p', { class: 'muted small' },
      `Messages the workers could not apply, for the sales units of this key (the first ${result.body.peekLimit} of each queue). `
      + 'Replaying sends the original message back to its queue unchanged: fix the cause first (e.g. register the sales unit it names).');
    const queues = result.body.queues.map((q) => queueSection(q));
    fill(letters, head, intro, ...queues, replaysSection(result.body.replays ?? []));
  }

  function replaysSection(replays) {
    if (replays.length === 0) return null;
    return h('div', { class: 'queue' }, h('h3', { id: 'replays-h' }, 'Recent replays'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'list', 'aria-labelledby': 'replays-h' },
        h('thead', {}, h('tr', {}, ['When', 'Queue', 'Message', 'By key', 'Source'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, replays.map((r) => h('tr', {},
          h('td', { 'data-label': 'When' }, timeEl(r.at)), h('td', { 'data-label': 'Queue' }, r.queue),
          h('td', { 'data-label': 'Message' }, `${r.eventType ?? 'message'} ${r.eventId ?? r.deadLetterId}`),
          h('td', { 'data-label': 'By key', class: 'audit' }, r.replayedBy), h('td', { 'data-label': 'Source' }, r.replayedBySource)))))));
  }

  function queueSection(q) {
    const title = h('h3', {}, `${q.queue} `, h('span', { class: 'muted' }, `(${q.messages.length})`));
    if (q.messages.length === 0) return h('div', { class: 'queue' }, title, h('p', { class: 'empty' }, 'No dead letters.'));
    const permanent = q.messages.filter((m) => m.permanent).length;
    const all = h('button', { type: 'button', id: `replay-all-${q.queue}`, onclick: () => replay(q.queue, null, q.messages.length - permanent, permanent) },
      `Replay all ${q.messages.length - permanent}`);
    return h('div', { class: 'queue' }, h('div', { class: 'title-row' }, title, q.messages.length > permanent ? all : null),
      h('ul', { class: 'cards' }, q.messages.map((m) => h('li', { class: 'card inner letter' },
        h('p', {}, h('strong', {}, m.reason), ' · ', timeEl(m.poisonedAt), ` · ${deliveries(m.dequeueCount)} · sales unit ${m.msn}`),
        h('p', {}, m.description),
        m.permanent ? h('p', { class: 'warning' }, permanentWarning(m)) : null,
        m.history ? historyLine(m.history) : null,
        m.eventType ? h('p', { class: 'muted small' }, `${m.eventType} · event ${m.eventId ?? '—'} · from ${m.source ?? '—'}`) : null,
        h('details', {}, h('summary', {}, 'Original message'), h('pre', {}, pretty(m.original) + (m.originalTruncated ? '\n…(cut)' : ''))),
        h('div', { class: 'actions' }, h('button', { type: 'button', id: `replay-${m.messageId}`, 'aria-label': `${m.permanent ? 'Replay anyway' : 'Replay'} message ${m.messageId}`, onclick: () => replay(q.queue, m, 1, 0) },
          m.permanent ? 'Replay anyway…' : 'Replay'))))));
  }

  async function replay(queue, message, count, permanent) {
    const ok = await confirmDialog({
      title: message?.permanent ? 'Replay a message refused for good?' : message ? 'Replay this message?' : `Replay ${count} messages?`,
      body: message
        ? [`It goes back to ${queue} unchanged: ${message.eventType ?? 'message'} ${message.eventId ?? message.messageId}.`,
          message.permanent ? h('p', { class: 'warning' }, permanentWarning(message)) : `Refused before because: ${message.reason}.`]
        : [`Every dead letter of ${queue} you can see goes back to the queue unchanged.`,
          permanent ? `${permanent} refused for a permanent reason ${permanent === 1 ? 'stays' : 'stay'}: replaying unchanged would be refused again.` : null].filter(Boolean),
      confirmLabel: message?.permanent ? 'Replay anyway' : message ? 'Replay' : `Replay ${count}`,
      danger: message?.permanent,
      returnFocus: () => document.getElementById('letters-h'),
    });
    if (!ok) return;
    // Only a letter the person saw the warning for is forced; "Replay all" never forces.
    const body = message ? { messageId: message.messageId, ...(message.permanent ? { force: true } : {}) } : { all: true };
    const result = await api(paths.replay(queue), { method: 'POST', body });
    if (result.status === 401) { keyRefused(result.body); return; }
    if (!result.ok) { fill(letters, h('h2', { id: 'letters-h', tabindex: '-1' }, 'Dead letters'), problemBox(result.body)); return; }
    toast(`Replayed ${result.body.replayed} message${result.body.replayed === 1 ? '' : 's'} to ${queue} at ${localText(new Date().toISOString())}.`);
    await loadLetters();
    // The replayed message's card is gone: focus goes to the section, not to the page's body.
    if (document.activeElement === document.body || !document.activeElement?.isConnected) document.getElementById('letters-h')?.focus({ preventScroll: true });
  }

  await Promise.all([loadSagas(), loadLetters()]);
  return null;
}

function deliveries(count) {
  return `${count} ${count === 1 ? 'delivery' : 'deliveries'}`;
}

function permanentWarning(m) {
  return `Refused because ${m.reason}: ${m.description} Replaying it unchanged will be refused again; replay it only if what refused it has changed.`;
}

/** What the replays did not erase: the first dead-lettering (time, reason, deliveries) and each replay since. */
function historyLine(history) {
  const times = history.replayedAt.flatMap((at, i) => [i ? ', ' : '', timeEl(at)]);
  return h('p', { class: 'small history' }, 'First dead-lettered ', timeEl(history.firstDeadLetteredAt),
    ` (${history.firstReason}, after ${deliveries(history.firstDeliveryCount)}); replayed ${history.replayCount} ${history.replayCount === 1 ? 'time' : 'times'}: `,
    ...times, '.');
}

function readsProblem(result, me) {
  if (result.status === 403 && result.body?.code === 'source-not-permitted') {
    return h('div', { class: 'problem', role: 'alert' }, h('strong', {}, 'This key may not read payments'),
      h('p', {}, `The key ${me?.name ?? ''} acts as ${me?.source ?? ''}, which no sales unit lets read (that needs the reads right). Ask for a key with the reads right.`));
  }
  return problemBox(result.body);
}

function pretty(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}
