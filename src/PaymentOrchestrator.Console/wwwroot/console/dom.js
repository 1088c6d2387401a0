// Builds DOM nodes. Every string becomes a text node (never parsed as HTML), so user text like a refund reason of
// <img src=x onerror=alert(1)> shows as those characters. Nothing in the console parses a string as HTML.

const SAFE_URL = /^https?:\/\//i;

/** h('a', {href, class, onclick, ...}, child, ...): attributes are set as attributes, functions as listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'href' && !(value.startsWith('#') || SAFE_URL.test(value))) {
      // A link target from data (e.g. an approval URL) must be http(s): never javascript: or data:.
      continue;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function isSafeUrl(value) {
  return typeof value === 'string' && SAFE_URL.test(value);
}

let toastTimer;
/** A short message in the live region (read out by screen readers). */
export function toast(text) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('shown'), 5000);
}

/** An error box for a problem answer or a network failure. */
export function problemBox(problem, headline) {
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, headline ?? problem.title ?? 'Something went wrong'),
    problem.detail ? h('p', {}, problem.detail) : null,
    problem.code ? h('p', { class: 'muted small' }, `Code: ${problem.code}${problem.status ? ` · HTTP ${problem.status}` : ''}`) : null);
}

/**
 * A money status ("Partly refunded") as a badge. The class is a slug of the text (m-partly-refunded), so any text
 * makes a safe class name.
 */
export function statusBadge(text, attrs = {}) {
  return h('span', { ...attrs, class: `badge ${statusClass(text)}` }, text ?? '—');
}

export function statusClass(text) {
  return `m-${String(text ?? 'unknown').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown'}`;
}

/**
 * Ignores held keys inside a dialog: an auto-repeated Enter or Space (a key held down) presses nothing, so holding
 * Enter on a form cannot run through its review.
 */
export function ignoreRepeatedKeys(dialog) {
  dialog.addEventListener('keydown', (e) => {
    if (!e.repeat) return;
    // A held Enter submits a form or presses a button; a held Space presses a button. In a textarea both only type.
    const tag = e.target?.tagName;
    if ((e.key === 'Enter' && tag !== 'TEXTAREA') || (e.key === ' ' && tag === 'BUTTON')) { e.preventDefault(); e.stopPropagation(); }
  }, true);
}

/**
 * A confirming button that only a deliberate press confirms: a pointer click, or Enter/Space whose key went down on
 * this button after it was shown. A keyboard click whose key went down elsewhere (e.g. the Enter that opened the
 * review) or an auto-repeat does nothing.
 */
export function deliberate(button, onConfirm) {
  let pressedHere = false;
  button.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    if (e.repeat) { e.preventDefault(); return; }
    pressedHere = true;
  });
  button.addEventListener('click', (e) => {
    // detail is 0 for a click made by a key (or by script): count it only when its key went down here.
    if (e.detail === 0 && !pressedHere) return;
    pressedHere = false;
    onConfirm(e);
  });
  return button;
}

/** Focus back to where it was before a dialog opened: the same element, or one with its id if it was redrawn. */
export function focusReturner(fallback) {
  const opener = document.activeElement;
  const id = opener?.id;
  return () => {
    const target = opener?.isConnected ? opener : (id ? document.getElementById(id) : null);
    (target ?? (typeof fallback === 'function' ? fallback() : fallback))?.focus({ preventScroll: true });
  };
}

/**
 * A modal confirmation; resolves true when confirmed. Escape or Cancel resolves false. Focus starts on Cancel (a
 * stray Enter cancels) and returns to the control that opened the dialog.
 */
export function confirmDialog({ title, body, confirmLabel, danger, returnFocus }) {
  const back = focusReturner(returnFocus);
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'confirm-title' });
    ignoreRepeatedKeys(dialog);
    const done = (answer) => { dialog.close(); dialog.remove(); back(); resolve(answer); };
    const ok = deliberate(h('button', { type: 'button', class: danger ? 'danger' : 'primary', id: 'confirm-ok' }, confirmLabel), () => done(true));
    const cancel = h('button', { type: 'button', id: 'confirm-cancel', onclick: () => done(false) }, 'Cancel');
    append(dialog, [
      h('h2', { id: 'confirm-title' }, title),
      ...(Array.isArray(body) ? body : [body]).map((line) => (line instanceof Node ? line : h('p', {}, line))),
      h('div', { class: 'actions' }, cancel, ok),
    ]);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
