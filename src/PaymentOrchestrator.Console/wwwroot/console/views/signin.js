import { api, paths, session } from '../api.js';
import { fill, h, problemBox } from '../dom.js';

/** The API key form. The key is checked with GET /api/me and kept in sessionStorage for this tab only. */
export function renderSignIn(main, { message, onSignedIn }) {
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'api-key-help' });
  const status = h('div', { id: 'signin-status', 'aria-live': 'polite' }, message ? problemBox({ detail: message, code: 'unauthorized', status: 401 }, 'Your key was refused') : null);
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card narrow', novalidate: true },
    h('h1', { tabindex: '-1' }, 'Sign in'),
    h('p', {}, 'Paste the API key you were given. It stays in this browser tab only and is forgotten when the tab closes.'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('p', { id: 'api-key-help', class: 'muted small' }, 'The key decides which source you act as and which sales units you see.'),
    h('div', { class: 'actions' }, button),
    status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) {
      fill(status, problemBox({ detail: 'Enter an API key.' }, 'No key'));
      input.focus();
      return;
    }
    button.disabled = true;
    fill(status, h('p', { class: 'muted' }, 'Checking the key…'));
    const result = await api(paths.me(), { key });
    button.disabled = false;
    if (result.ok) {
      session.key = key;
      input.value = '';
      onSignedIn(result.body);
    } else {
      fill(status, problemBox(result.body, result.status === 401 ? 'Your key was refused' : undefined));
      input.select();
      input.focus();
    }
  });
  fill(main, form);
  input.focus();
}
