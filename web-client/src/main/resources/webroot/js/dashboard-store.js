// The dashboard's state: its one store (js/lib/store.js), the route, the API calls with their
// login, the operations sent to the open workshop, and the two-press confirmation.
import { t } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { ServerClock } from './lib/clock.js';
import { instructorToken } from './lib/workshop-live.js';
import { Store } from './lib/store.js';

export const clock = new ServerClock();

export function parseRoute() {
  const m = /^#\/w\/([A-Za-z0-9_-]+)/.exec(location.hash);
  return m ? { name: 'workshop', id: m[1] } : { name: 'home' };
}

/** The page's one store: everything the dashboard draws from. */
export const store = new Store({
  token: instructorToken.get(),
  route: parseRoute(),
  loginError: '',
  sessions: null,
  sessionDetails: new Map(),
  workshops: null,
  createError: '',
  creating: false,
  live: null,
  notice: '',
  openGroup: null,
  orderDraft: null,
  confirm: null,
});
export const S = store.state;

export function logout(message) {
  instructorToken.clear();
  S.token = null;
  // The open workshop closes with the login (dashboard-workshop.js listens).
  store.dispatchEvent(new Event('logout'));
  S.loginError = message;
  store.changed();
}

/** Every API call: a 401 means the login ended, whatever the page was doing. */
export async function call(method, path, body) {
  try {
    return await api(method, path, { body, token: S.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) logout(t('ins.expired'));
    throw e;
  }
}

export function showNotice(text, kind = 'error') {
  S.notice = text;
  S.noticeKind = kind;
  store.changed();
}

export function op(message) {
  if (S.live) S.live.send(message);
  store.changed();
}

/** Destructive actions take two presses; the first arms the button for a few seconds. */
export function confirmed(key) {
  if (S.confirm === key) {
    S.confirm = null;
    return true;
  }
  S.confirm = key;
  setTimeout(() => { if (S.confirm === key) { S.confirm = null; store.changed(); } }, 5000);
  store.changed();
  return false;
}
