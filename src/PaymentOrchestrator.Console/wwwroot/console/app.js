// The console's entry point: sign-in state and a hash router (#/payments/…, #/payment/…, #/attention, #/reconciliation/…, #/sales-units, #/onboarding). Every view is a
// function (main, params) → optional cleanup; a view's polling stops when the route changes.
import { api, paths, session } from './api.js';
import { fill, h } from './dom.js';
import { renderSignIn } from './views/signin.js';
import { renderPayments } from './views/payments.js';
import { renderPayment } from './views/payment.js';
import { renderAttention } from './views/attention.js';
import { renderReconciliation } from './views/reconciliation.js';
import { managesSalesUnits, renderOnboarding } from './views/onboarding.js';
import { renderSalesUnits } from './views/salesunits.js';

const main = document.getElementById('main');
let cleanup = null;
let refusedMessage = null;

/** Called by views on a 401: the key is forgotten and the sign-in form says why. */
export function keyRefused(problem) {
  // Several requests of one view can be refused at once: the first one sends the person to sign-in.
  if (!session.key) return;
  session.key = null;
  session.me = null;
  refusedMessage = problem?.detail ?? 'The API key was refused.';
  navigate('#/signin');
}

export function navigate(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function parse(hash) {
  const [path, query] = hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query ?? '') };
}

async function ensureMe() {
  if (session.me || !session.key) return session.me;
  const result = await api(paths.me());
  if (result.status === 401) { keyRefused(result.body); return null; }
  if (!result.ok) {
    fill(main, h('h1', { tabindex: '-1' }, 'Payment console'), problemOrEmpty(result.body));
    return undefined;
  }
  session.me = result.body;
  return session.me;
}

function problemOrEmpty(problem) {
  return h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, problem.title ?? 'Something went wrong'), h('p', {}, problem.detail ?? ''),
    h('p', {}, h('button', { type: 'button', onclick: () => route() }, 'Try again')));
}

function header(me) {
  document.getElementById('nav').hidden = !me;
  document.getElementById('who').hidden = !me;
  document.getElementById('who-source').textContent = me ? me.source : '';
  const current = parse(location.hash).parts[0] ?? 'payments';
  // The registry and onboarding views are for keys that manage the partner's sales units only.
  for (const link of document.querySelectorAll('[data-nav="sales-units"], [data-nav="onboarding"]')) link.hidden = !managesSalesUnits(me);
  for (const link of document.querySelectorAll('[data-nav]')) {
    const active = link.dataset.nav === current || (current === 'payment' && link.dataset.nav === 'payments');
    if (active) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

let generation = 0;

async function route() {
  const mine = ++generation;
  if (cleanup) { cleanup(); cleanup = null; }
  const { parts, query } = parse(location.hash);
  if (!session.key || parts[0] === 'signin') {
    header(null);
    renderSignIn(main, { message: refusedMessage, onSignedIn: (me) => { refusedMessage = null; session.me = me; navigate('#/payments'); } });
    return;
  }
  const me = await ensureMe();
  if (!me || mine !== generation) return;
  header(me);
  const context = { me, query, keyRefused, navigate };
  let view;
  if (parts[0] === 'payment' && parts.length === 4) {
    view = renderPayment(main, { ...context, msn: parts[1], kind: parts[2], id: parts[3] });
  } else if (parts[0] === 'attention') {
    view = renderAttention(main, context);
  } else if (parts[0] === 'sales-units') {
    view = renderSalesUnits(main, context);
  } else if (parts[0] === 'reconciliation') {
    view = renderReconciliation(main, { ...context, msn: parts[1] });
  } else if (parts[0] === 'onboarding') {
    view = renderOnboarding(main, context);
  } else {
    view = renderPayments(main, { ...context, msn: parts[1] });
  }
  // A view resolves to its cleanup (e.g. stop polling) once it has drawn; if the route changed meanwhile, clean up now.
  const done = await view;
  if (mine === generation && document.activeElement === document.body) main.querySelector('h1')?.focus({ preventScroll: true });
  if (typeof done !== 'function') return;
  if (mine === generation) cleanup = done; else done();
}

document.getElementById('sign-out').addEventListener('click', () => {
  refusedMessage = null;
  session.key = null;
  session.me = null;
  navigate('#/signin');
});
document.getElementById('skip').addEventListener('click', (e) => { e.preventDefault(); main.focus(); });
window.addEventListener('hashchange', route);
route();
