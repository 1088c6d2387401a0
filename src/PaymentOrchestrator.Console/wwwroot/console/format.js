// Amounts per currency and times in the viewer's zone (UTC on hover).

const digitsCache = new Map();

/** Minor units per major unit for a currency (NOK, DKK, EUR: 2). */
export function fractionDigits(currency) {
  if (!digitsCache.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch { /* unknown code: assume 2 */ }
    digitsCache.set(currency, digits);
  }
  return digitsCache.get(currency);
}

/** 49900 NOK → "NOK 499.00" in the viewer's locale; '—' when there is no amount. */
export function money(minor, currency) {
  if (minor === null || minor === undefined || !currency) return '—';
  const digits = fractionDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: digits }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** The major-unit text of a minor amount for an input field, e.g. 39900 → "399.00". */
export function majorText(minor, currency) {
  const digits = fractionDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/** "399", "399.5", "399,50" → minor units (an integer), or null when it is not an amount with at most the currency's decimals. */
export function parseMajor(text, currency) {
  const digits = fractionDigits(currency);
  const cleaned = String(text ?? '').trim().replace(/\s/g, '').replace(',', '.');
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[2] ?? '').length > digits) return null;
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  return Number(match[1]) * 10 ** digits + (fraction ? Number(fraction) : 0);
}

const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function utcText(date) {
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A <time> element: local time shown, UTC in the tooltip and the datetime attribute. */
export function timeEl(iso) {
  const el = document.createElement('time');
  if (!iso) { el.textContent = '—'; return el; }
  const date = new Date(iso);
  el.dateTime = date.toISOString();
  el.textContent = local.format(date);
  el.title = utcText(date);
  return el;
}

export function localText(iso) {
  return iso ? local.format(new Date(iso)) : '';
}
