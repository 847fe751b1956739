// The student's seat and live connection: resuming a stored seat, the token, the messages that
// update the group's state, and what happens to an operation the server refused.
import { t } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { LiveConnection } from './lib/connection.js';
import { applyEvent, seqCheck } from './lib/group-state.js';
import { uuid } from './lib/ids.js';
import { local } from './lib/storage.js';
import { store, S, page, keys, clock } from './student-store.js';
import { errorText } from './lib/errors.js';

let authFailures = 0;
let cacheTimer = 0;

/** A reload, a new tab, or a return: take the stored seat back and get a fresh token. */
export async function resume(seat) {
  S.seat = seat;
  const cached = local.get(keys.cache(seat), null);
  if (cached && cached.group && cached.workshop) {
    // Draw the room at once from what we had; the welcome then brings what we missed.
    S.workshop = cached.workshop;
    S.group = cached.group;
  }
  S.ui.unsaved = local.get(keys.unsaved(seat), []);
  S.booted = true;
  store.changed();
  try {
    const joined = await api('POST', '/api/join', { body: { code: seat.code, rejoinKey: seat.rejoinKey } });
    Object.assign(seat, joined);
    local.set(keys.seat(seat.code), seat);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      forgetSeat(t('join.seatLost'));
      return;
    }
    // Offline or the server is restarting: carry on with the stored token; the connection
    // retries and a token refresh follows if the server refuses it.
  }
  startConnection();
}

export function forgetSeat(message) {
  if (page.conn) page.conn.stop();
  page.conn = null;
  if (S.seat) local.remove(keys.seat(S.seat.code));
  S.seat = null;
  S.workshop = null;
  S.group = null;
  S.joinError = message || '';
  S.joinInfoFor = '';
  store.changed();
}

// ==================================================================== the connection

export function startConnection() {
  const seat = S.seat;
  page.conn = new LiveConnection({
    clock,
    pendingKey: keys.pending(seat),
    hello: () => ({ token: S.seat.token, lastSeq: S.group && S.group.groupId === S.seat.groupId ? S.group.seq : 0 }),
  });
  page.conn.addEventListener('message', (e) => onMessage(e.detail));
  page.conn.addEventListener('status', (e) => { S.status = e.detail; store.changed(); });
  page.conn.addEventListener('pending', () => store.changed());
  page.conn.addEventListener('rejected', (e) => onRejected(e.detail));
  page.conn.addEventListener('auth-failed', refreshToken);
  page.conn.addEventListener('gone', () => forgetSeat(t('room.deleted')));
  page.conn.start();
  store.changed();
}

/** The server refused our token (expired, or the server's secret changed): ask for a new one. */
async function refreshToken() {
  authFailures += 1;
  if (authFailures > 3) {
    forgetSeat(t('join.seatLost'));
    return;
  }
  try {
    const joined = await api('POST', '/api/join', { body: { code: S.seat.code, rejoinKey: S.seat.rejoinKey } });
    Object.assign(S.seat, joined);
    local.set(keys.seat(S.seat.code), S.seat);
    page.conn.reconnectNow();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) forgetSeat(t('join.seatLost'));
    else setTimeout(refreshToken, 3000);
  }
}

function onMessage(message) {
  switch (message.type) {
    case 'welcome': {
      if (message.role !== 'student') return;
      authFailures = 0;
      if (message.state && message.state.group) {
        S.group = message.state.group;
      } else if (!S.group || S.group.groupId !== message.groupId) {
        // A replay is only meaningful on top of this group's state; start over from a snapshot.
        S.group = null;
        S.seat.groupId = message.groupId;
        page.conn.reconnectNow();
        return;
      }
      S.workshop = message.workshop;
      if (S.seat.groupId !== message.groupId) {
        S.seat.groupId = message.groupId;
        S.online = new Set();
      }
      local.set(keys.seat(S.seat.code), S.seat);
      local.set(keys.lastCode, S.seat.code);
      break;
    }
    case 'event': {
      if (!S.group || message.groupId !== S.group.groupId) return;
      const check = seqCheck(S.group.seq, message.seq);
      if (check === 'gap') {
        page.conn.reconnectNow();
        return;
      }
      if (check === 'skip') return;
      applyEvent(S.group, message);
      break;
    }
    case 'presence':
      if (S.group && message.groupId === S.group.groupId) S.online = new Set(message.online);
      break;
    default:
      return;
  }
  saveCacheSoon();
  store.changed();
}

function saveCacheSoon() {
  clearTimeout(cacheTimer);
  cacheTimer = setTimeout(() => {
    if (S.seat && S.group && S.workshop) local.set(keys.cache(S.seat), { workshop: S.workshop, group: S.group });
  }, 300);
}

/** An operation the server refused: nothing typed is thrown away. */
function onRejected({ op, message }) {
  if (op && op.type === 'card.edit' && message.code === 'conflict' && message.current) {
    // Someone saved first: reopen the editor with what this student wrote, next to theirs.
    S.ui.editing.set(op.cardId, { text: op.text, label: 'label' in op ? op.label : undefined, conflict: message.current,
      fresh: true, version: message.current.version });
  } else if (op && (op.type === 'card.add' || op.type === 'card.edit') && op.text) {
    S.ui.unsaved.push({ id: uuid(), text: op.text, reason: errorText(message) });
    local.set(keys.unsaved(S.seat), S.ui.unsaved);
  } else {
    S.ui.notice = errorText(message);
  }
  store.changed();
}
