// The JSON API. The key lives in sessionStorage (this tab only) and travels in the x-api-key header — never in a URL,
// never logged.

const KEY = 'paymentConsole.apiKey';

export const session = {
  get key() { return sessionStorage.getItem(KEY); },
  set key(value) { if (value) sessionStorage.setItem(KEY, value); else sessionStorage.removeItem(KEY); },
  me: null,
};

/** Answers {ok, status, body}; body is the JSON (or the problem). A network failure is status 0 with a problem. */
export async function api(path, { method = 'GET', body, key = session.key } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store', credentials: 'omit' });
  } catch {
    return { ok: false, status: 0, body: { title: 'The orchestrator cannot be reached', detail: 'The request did not get an answer. Is the host running? Try again.', code: 'network' } };
  }
  let json = null;
  try { json = await response.json(); } catch { /* empty or not JSON */ }
  if (!response.ok && !json) {
    json = { title: `HTTP ${response.status}`, detail: response.statusText };
  }
  if (!response.ok) json.status ??= response.status;
  return { ok: response.ok, status: response.status, body: json };
}

/**
 * A file the API streams (the CSV export), with the key in the header as every call: {ok, status, blob, fileName}
 * or, refused, {ok: false, status, body} with the problem.
 */
export async function download(path, { key = session.key } = {}) {
  let response;
  try {
    response = await fetch(path, { headers: key ? { 'x-api-key': key } : {}, cache: 'no-store', credentials: 'omit' });
  } catch {
    return { ok: false, status: 0, body: { title: 'The orchestrator cannot be reached', detail: 'The request did not get an answer. Is the host running? Try again.', code: 'network' } };
  }
  if (!response.ok) {
    let body = null;
    try { body = await response.json(); } catch { /* not JSON */ }
    return { ok: false, status: response.status, body: body ?? { title: `HTTP ${response.status}`, detail: response.statusText } };
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'export.csv';
  try {
    return { ok: true, status: response.status, blob: await response.blob(), fileName: name };
  } catch {
    return { ok: false, status: 0, body: { title: 'The export was cut off', detail: 'The download stopped before the end (the host\'s log says why). Try again.', code: 'network' } };
  }
}

export const paths = {
  me: () => 'api/me',
  list: (msn, query) => `api/sales-units/${encodeURIComponent(msn)}/payment-list?${new URLSearchParams(query)}`,
  saga: (msn, kind, id) => `api/sales-units/${encodeURIComponent(msn)}/payments/${encodeURIComponent(id)}?kind=${encodeURIComponent(kind)}`,
  next: (msn, kind, id) => `api/sales-units/${encodeURIComponent(msn)}/payments/${encodeURIComponent(id)}/next?kind=${encodeURIComponent(kind)}`,
  refunds: () => 'api/refunds',
  attention: () => 'api/needs-attention',
  totals: (msn, query) => `api/sales-units/${encodeURIComponent(msn)}/payments-totals?${new URLSearchParams(query)}`,
  exportCsv: (msn, query) => `api/sales-units/${encodeURIComponent(msn)}/payments-export?${new URLSearchParams(query)}`,
  reconciliation: (msn, date) => `api/sales-units/${encodeURIComponent(msn)}/reconciliation?${new URLSearchParams({ date })}`,
  reconcileNow: (msn, date) => `api/sales-units/${encodeURIComponent(msn)}/reconciliation/run?${new URLSearchParams({ date })}`,
  deadLetters: () => 'api/dead-letters',
  replay: (queue) => `api/dead-letters/${encodeURIComponent(queue)}/replay`,
  salesUnits: () => 'api/sales-units',
  salesUnitsSync: () => 'api/sales-units/sync',
};
