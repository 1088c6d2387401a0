import { api } from '../api.js';
import { fill, h, problemBox, statusBadge, toast } from '../dom.js';
import { timeEl } from '../format.js';

const ONBOARDING = 'api/sales-units/onboarding';
const PRODUCTS = [
  ['VIPPS_PA_NETT', 'Online payments (VIPPS_PA_NETT)'],
  ['VIPPS_I_KASSA', 'In-store payments (VIPPS_I_KASSA)'],
  ['VIPPS_CHECKOUT', 'Checkout (VIPPS_CHECKOUT)'],
  ['VIPPS_LOGG_INN', 'Login (VIPPS_LOGG_INN)'],
];
const USE_CASES = [['', 'Not given'], ['Website', 'Website'], ['WebsiteWithTest', 'Website with a test site'], ['App', 'App'], ['Unknown', 'Other']];
const POLL_MS = 10_000;

/** Whether the signed-in key may onboard merchants (and so sees the view's link). */
export function managesSalesUnits(me) {
  return me?.managesSalesUnits === true;
}

/**
 * Onboarding a new merchant (keys that manage the partner's sales units): the form that sends Vipps a pre-filled
 * product order, and every onboarding with the link for the merchant, its status history and, once the new sales
 * unit appeared, its MSN and how to register it. The list refreshes while the view is open.
 */
export async function renderOnboarding(main, { me, keyRefused }) {
  if (!managesSalesUnits(me)) {
    fill(main, h('h1', { tabindex: '-1' }, 'Onboarding'),
      h('div', { class: 'empty' }, h('p', {}, `This key (${me.name}) does not manage the partner's sales units, so it cannot onboard merchants. Ask for a key with ManagesSalesUnits.`)));
    return null;
  }

  const input = (id, name, label, attrs = {}) => {
    const control = h(attrs.tag ?? 'input', { id, name, ...attrs, tag: undefined });
    return { name, control, el: h('div', { class: 'field' }, h('label', { for: id }, label), control) };
  };
  const fields = [
    input('o-org', 'organizationNumber', 'Organisation number', { required: true, inputmode: 'numeric', autocomplete: 'off', maxlength: 9 }),
    input('o-name', 'salesUnitName', 'Sales unit name', { maxlength: 30, autocomplete: 'off' }),
    { name: 'productType', control: null, el: null },
    { name: 'productUseCase', control: null, el: null },
    input('o-website', 'website', 'Website (https://)', { type: 'url', autocomplete: 'off' }),
    input('o-terms', 'termsUrl', 'Sales terms (https://)', { type: 'url', autocomplete: 'off' }),
    input('o-purpose', 'intendedPurpose', 'What will be sold', { tag: 'textarea', rows: 2, maxlength: 1000 }),
  ];
  const product = h('select', { id: 'o-product', name: 'productType' }, PRODUCTS.map(([v, t]) => h('option', { value: v }, t)));
  const useCase = h('select', { id: 'o-usecase', name: 'productUseCase' }, USE_CASES.map(([v, t]) => h('option', { value: v }, t)));
  fields[2] = { name: 'productType', control: product, el: h('div', { class: 'field' }, h('label', { for: 'o-product' }, 'Product'), product) };
  fields[3] = { name: 'productUseCase', control: useCase, el: h('div', { class: 'field' }, h('label', { for: 'o-usecase' }, 'Use case'), useCase) };

  const message = h('div', { id: 'onboard-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Send product order');
  const form = h('form', { class: 'filters', id: 'onboard-form', 'aria-label': 'Onboard a new merchant', novalidate: true },
    fields.map((f) => f.el), h('div', { class: 'filter-actions' }, submit));
  const list = h('section', { id: 'onboardings', 'aria-label': 'Onboardings', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    for (const f of fields) f.control.removeAttribute('aria-invalid');
    const body = {};
    for (const f of fields) if (f.control.value.trim() !== '') body[f.name] = f.control.value.trim();
    submit.disabled = true;
    submit.textContent = 'Sending…';
    const answer = await api(ONBOARDING, { method: 'POST', body });
    submit.disabled = false;
    submit.textContent = 'Send product order';
    if (answer.status === 401) { keyRefused(answer.body); return; }
    if (!answer.ok) {
      const bad = fields.find((f) => f.name === answer.body?.field);
      if (bad) { bad.control.setAttribute('aria-invalid', 'true'); bad.control.setAttribute('aria-describedby', 'onboard-result'); bad.control.focus(); }
      fill(message, problemBox(answer.body, 'The product order was not sent'));
      return;
    }
    fill(message, h('div', { class: 'card', id: 'onboard-sent' },
      h('p', {}, h('strong', {}, `Onboarding ${answer.body.id}: ${answer.body.status}.`)),
      answer.body.prefillUrl ? h('p', {}, 'Send this link to the merchant, who reviews and submits the order: ', prefillLink(answer.body.prefillUrl)) : null,
      h('p', { class: 'muted' }, answer.body.next ?? '')));
    toast(`Product order sent for ${answer.body.organizationNumber}.`);
    form.reset();
    await refresh();
  });

  fill(main, h('h1', { tabindex: '-1' }, 'Onboarding'),
    h('p', { class: 'muted' }, 'Vipps shows its own progress of an order only to the merchant: an onboarding completes when the merchant\'s new sales unit appears, linked to us.'),
    form, message, h('h2', {}, 'Onboardings'), list);

  async function refresh() {
    const answer = await api(ONBOARDING);
    if (answer.status === 401) { keyRefused(answer.body); return false; }
    if (!answer.ok) { fill(list, problemBox(answer.body)); return true; }
    const all = answer.body.onboardings ?? [];
    fill(list, all.length === 0
      ? h('div', { class: 'empty' }, h('p', {}, 'No onboardings yet.'))
      : all.map(card));
    return true;
  }

  if (!await refresh()) return null;
  const timer = setInterval(refresh, POLL_MS);
  return () => clearInterval(timer);
}

function prefillLink(url) {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'prefill' }, url);
}

function card(o) {
  return h('article', { class: 'card onboarding', 'data-id': o.id },
    h('h3', {}, [o.salesUnitName, o.organizationNumber, o.productType].filter(Boolean).join(' · ') + ' ', statusBadge(o.status)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Onboarding'), h('dd', {}, o.id),
      h('dt', {}, 'Started'), h('dd', {}, timeEl(o.startedAt)),
      o.prefillUrl ? [h('dt', {}, 'Link for the merchant'), h('dd', {}, prefillLink(o.prefillUrl))] : null,
      o.msn ? [h('dt', {}, 'New MSN'), h('dd', { class: 'msn' }, o.msn)] : null,
      o.lastCheckedAt ? [h('dt', {}, 'Checked'), h('dd', {}, `${o.checks} time(s), last `, timeEl(o.lastCheckedAt))] : null),
    o.next ? h('p', { class: 'next' }, o.next) : null,
    o.reason && o.status !== 'Completed' ? h('p', { class: 'reason' }, o.reason) : null,
    h('ol', { class: 'history', 'aria-label': `History of ${o.id}` },
      (o.history ?? []).map((s) => h('li', {}, timeEl(s.at), ' ', h('strong', {}, s.status), ' — ', s.detail))));
}
