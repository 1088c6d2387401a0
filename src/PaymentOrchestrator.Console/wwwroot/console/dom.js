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

/** A modal confirmation; resolves true when confirmed. Escape or Cancel resolves false. */
export function confirmDialog({ title, body, confirmLabel, danger }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'confirm-title' });
    const done = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    const ok = h('button', { type: 'button', class: danger ? 'danger' : 'primary', onclick: () => done(true) }, confirmLabel);
    append(dialog, [
      h('h2', { id: 'confirm-title' }, title),
      ...(Array.isArray(body) ? body : [body]).map((line) => (line instanceof Node ? line : h('p', {}, line))),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => done(false) }, 'Cancel'), ok),
    ]);
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dialog);
    dialog.showModal();
    ok.focus();
  });
}
