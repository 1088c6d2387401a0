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

export const paths = {
  me: () => 'api/me',
  list: (msn, query) => `api/sales-units/${encodeURIComponent(msn)}/payment-list?${new URLSearchParams(query)}`,
  saga: (msn, kind, id) => `api/sales-units/${encodeURIComponent(msn)}/payments/${encodeURIComponent(id)}?kind=${encodeURIComponent(kind)}`,
  next: (msn, kind, id) => `api/sales-units/${encodeURIComponent(msn)}/payments/${encodeURIComponent(id)}/next?kind=${encodeURIComponent(kind)}`,
  refunds: () => 'api/refunds',
  attention: () => 'api/needs-attention',
  reconciliation: (msn, date) => `api/sales-units/${encodeURIComponent(msn)}/reconciliation?${new URLSearchParams({ date })}`,
  deadLetters: () => 'api/dead-letters',
  replay: (queue) => `api/dead-letters/${encodeURIComponent(queue)}/replay`,
};
