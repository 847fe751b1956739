// The student app: join, lobby, and the group room. Phones first.
// One store holds everything; render() draws the page from it. Inputs are never rebuilt by a
// render (keyed reconciliation keeps them), and nothing structural happens around an input
// while an IME composition is running in it.
import { h, $, reconcile, replace, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange, getLang } from './lib/i18n.js';
import { errorText } from './lib/errors.js';
import { api, ApiError } from './lib/api.js';
import { LiveConnection } from './lib/connection.js';
import { ServerClock, clockView, formatMs, CountdownAnnouncer, phaseTitle, clockDisplay, formatDisplay, displayNote } from './lib/clock.js';
import { applyEvent, findCard, seqCheck } from './lib/group-state.js';
import { renderBoard } from './lib/board-view.js';
import { reactionButtons, renderGallery } from './lib/reactions-view.js';
import { composingWithin, isComposing, isImeEnter, onCompositionEnd } from './lib/ime.js';
import { uuid } from './lib/ids.js';
import { local, session } from './lib/storage.js';
import { NoticeBoard, currentBroadcasts } from './lib/notices.js';
import { promptShort } from './lib/prompt-label.js';
import { trackKeyboardInset, isTouchOnly } from './lib/keyboard-inset.js';

const clock = new ServerClock();
const keys = {
  lastCode: 'breakout.lastCode',
  seat: (code) => `breakout.seat.${code}`,
  pending: (seat) => `breakout.pending.${seat.workshopId}.${seat.studentId}`,
  cache: (seat) => `breakout.cache.${seat.workshopId}.${seat.studentId}`,
  drafts: (seat) => `breakout.drafts.${seat.workshopId}.${seat.studentId}`,
  unsaved: (seat) => `breakout.unsaved.${seat.workshopId}.${seat.studentId}`,
};

/** The page's one store. */
class StudentStore extends EventTarget {
  constructor() {
    super();
    this.state = {
      booted: false,
      code: '',
      joinInfo: null,
      joinInfoFor: '',
      joinError: '',
      joining: false,
      seat: null,
      workshop: null,
      group: null,
      online: new Set(),
      status: 'idle',
      ui: {
        activeTab: session.get('breakout.tab', null),
        editing: new Map(),
        confirmDelete: null,
        menuFor: null,
        dismissed: new Set(session.get('breakout.dismissed', [])),
        unsaved: [],
        notice: '',
        refocus: null,
      },
    };
    this.frame = 0;
  }

  changed() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.dispatchEvent(new Event('change'));
    });
  }
}

const store = new StudentStore();
const S = store.state;
let conn = null;
let authFailures = 0;
let cacheTimer = 0;

// ==================================================================== boot

function boot() {
  initI18n();
  wireLangToggle($('#lang'));
  onLangChange(() => { lastWriting = null; render(); });
  store.addEventListener('change', render);
  onCompositionEnd(() => store.changed());
  wireJoinForm();
  wireRoom();
  trackKeyboardInset();
  setInterval(tick, 250);

  const params = new URLSearchParams(location.search);
  const fromLink = (params.get('code') || '').replace(/\D/g, '').slice(0, 6);
  const code = fromLink || local.get(keys.lastCode, '') || '';
  S.code = code;
  const seat = code ? local.get(keys.seat(code), null) : null;
  if (seat && seat.rejoinKey) {
    resume(seat);
  } else {
    S.booted = true;
    if (code.length === 6) lookUpCode(code);
    store.changed();
  }
}

// ==================================================================== joining

function wireJoinForm() {
  const form = $('#join-form');
  const code = $('#join-code');
  code.addEventListener('input', () => {
    // Keep digits only: the numeric keypad is a hint, pasted text is not.
    const digits = code.value.replace(/\D/g, '').slice(0, 6);
    if (digits !== code.value && !isComposing(code)) code.value = digits;
    S.code = digits;
    S.joinError = '';
    if (digits.length === 6) lookUpCode(digits);
    else { S.joinInfo = null; S.joinInfoFor = ''; }
    store.changed();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submitJoin();
  });
}

async function lookUpCode(code) {
  if (S.joinInfoFor === code) return;
  S.joinInfoFor = code;
  try {
    const info = await api('GET', `/api/join/${encodeURIComponent(code)}`);
    if (S.joinInfoFor === code) S.joinInfo = info;
  } catch (e) {
    if (S.joinInfoFor === code) {
      S.joinInfo = null;
      S.joinError = e instanceof ApiError && e.status === 404 ? t('join.wrongCode') : errorText(e);
    }
  }
  store.changed();
}

async function submitJoin() {
  if (S.joining) return;
  const code = $('#join-code').value.replace(/\D/g, '');
  const name = $('#join-name').value.trim();
  if (code.length !== 6) {
    S.joinError = t('join.needCode');
    store.changed();
    $('#join-code').focus();
    return;
  }
  if (!name || name.length > 40) {
    S.joinError = t('join.needName');
    store.changed();
    $('#join-name').focus();
    return;
  }
  const body = { code, name };
  const chosen = document.querySelector('input[name="join-group"]:checked');
  if (S.joinInfo && S.joinInfo.allowGroupChoice && chosen && chosen.value) body.groupId = chosen.value;
  S.joining = true;
  S.joinError = '';
  store.changed();
  try {
    const joined = await api('POST', '/api/join', { body });
    const seat = { code, ...joined };
    local.set(keys.seat(code), seat);
    local.set(keys.lastCode, code);
    S.seat = seat;
    startConnection();
  } catch (e) {
    S.joinError = e instanceof ApiError && e.status === 404 ? t('join.wrongCode') : errorText(e);
  } finally {
    S.joining = false;
    store.changed();
  }
}

/** A reload, a new tab, or a return: take the stored seat back and get a fresh token. */
async function resume(seat) {
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

function forgetSeat(message) {
  if (conn) conn.stop();
  conn = null;
  if (S.seat) local.remove(keys.seat(S.seat.code));
  S.seat = null;
  S.workshop = null;
  S.group = null;
  S.joinError = message || '';
  S.joinInfoFor = '';
  store.changed();
}

// ==================================================================== the connection

function startConnection() {
  const seat = S.seat;
  conn = new LiveConnection({
    clock,
    pendingKey: keys.pending(seat),
    hello: () => ({ token: S.seat.token, lastSeq: S.group && S.group.groupId === S.seat.groupId ? S.group.seq : 0 }),
  });
  conn.addEventListener('message', (e) => onMessage(e.detail));
  conn.addEventListener('status', (e) => { S.status = e.detail; store.changed(); });
  conn.addEventListener('pending', () => store.changed());
  conn.addEventListener('rejected', (e) => onRejected(e.detail));
  conn.addEventListener('auth-failed', refreshToken);
  conn.addEventListener('gone', () => forgetSeat(t('room.deleted')));
  conn.start();
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
    conn.reconnectNow();
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
        conn.reconnectNow();
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
        conn.reconnectNow();
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

// ==================================================================== operations

function send(op) {
  if (!conn) return null;
  const opId = conn.send(op);
  store.changed();
  return opId;
}

/** The reaction buttons of another group's card (presentation and gallery). */
function reactTo(card) {
  return reactionButtons(S.group, conn ? conn.pending : [], S.seat.studentId, card, send);
}

function addCard(promptId, text, label) {
  const op = { type: 'card.add', cardId: uuid(), prompt: promptId, text };
  if (label) op.label = label;
  send(op);
}

function editCard(cardId, text, label, version) {
  const op = { type: 'card.edit', cardId, text, version };
  if (label !== undefined) op.label = label || null;
  send(op);
}

/**
 * The version an edit opened now is based on: the confirmed one plus this student's own queued
 * edits of the card (each will bump it). Someone else's save in between makes it a conflict,
 * which reopens the editor instead of silently overwriting them.
 */
function baseVersion(cardId) {
  const confirmed = S.group ? findCard(S.group, cardId) : null;
  const own = conn ? conn.pending.filter((p) => p.op.cardId === cardId && p.op.type === 'card.edit').length : 0;
  return (confirmed ? confirmed.version : 1) + own;
}

function viewCard(cardId) {
  for (const list of Object.values(viewBoard())) {
    const card = list.find((c) => c.cardId === cardId);
    if (card) return card;
  }
  return null;
}

// ==================================================================== derived state

function screen() {
  if (!S.booted) return 'loading';
  if (!S.seat) return 'join';
  if (!S.workshop || !S.group) return 'loading';
  if (!S.group.clock || S.group.clock.kind === 'lobby') return 'lobby';
  return 'room';
}

/** The board as this student sees it: the confirmed cards with their own queued changes on top. */
function viewBoard() {
  const board = {};
  for (const prompt of S.workshop.prompts) {
    board[prompt.id] = ((S.group.cards || {})[prompt.id] || []).map((c) => ({ ...c, pending: false }));
  }
  const find = (cardId) => {
    for (const list of Object.values(board)) {
      const card = list.find((c) => c.cardId === cardId);
      if (card) return card;
    }
    return null;
  };
  for (const { op, queuedAt } of conn ? conn.pending : []) {
    if (op.type === 'card.add') {
      if (!find(op.cardId) && board[op.prompt]) {
        board[op.prompt].push({ cardId: op.cardId, prompt: op.prompt, text: op.text, label: op.label || null,
          authorId: S.seat.studentId, authorName: S.seat.name, version: 1, late: false, pending: true, queuedAt });
      }
      continue;
    }
    const card = op.cardId ? find(op.cardId) : null;
    if (!card) continue;
    card.pending = true;
    if (op.type === 'card.edit') {
      card.text = op.text;
      if ('label' in op) card.label = op.label;
    } else if (op.type === 'card.delete') {
      card.deleting = true;
    } else if (op.type === 'card.move') {
      const list = board[card.prompt];
      list.splice(list.indexOf(card), 1);
      list.splice(Math.max(0, Math.min(op.index, list.length)), 0, card);
    }
  }
  return board;
}

function viewSubmitted() {
  let submitted = !!S.group.submitted;
  for (const { op } of conn ? conn.pending : []) if (op.type === 'group.submit') submitted = op.submitted;
  return submitted;
}

function viewHelp() {
  return !!S.group.help || (conn ? conn.pending.some((p) => p.op.type === 'help.request') : false);
}

function currentClockView() {
  return clockView(S.group.clock, S.group.extraMs, S.workshop.graceMs, clock.now());
}

// ==================================================================== render

let lastScreen = null;
let builtFor = null;
let lastWriting = null;
let notices = null;
const announcer = new CountdownAnnouncer(document.getElementById('announcer'));

function render() {
  const current = screen();
  for (const name of ['loading', 'join', 'lobby', 'room']) show($(`#screen-${name}`), name === current);
  renderStatus();
  if (current === 'join') renderJoin();
  if (current === 'lobby') renderLobby();
  if (current === 'room') renderRoom();
  if (current !== lastScreen) {
    // Tell screen-reader users the page changed under them, and give keyboard users a start.
    const heading = $(`#screen-${current} h1`);
    if (lastScreen !== null && heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
    lastScreen = current;
  }
  document.title = t(`title.${current}`);
  tick();
}

function renderStatus() {
  const el = $('#conn');
  const status = S.seat ? S.status : 'idle';
  el.dataset.state = status;
  const pendingCount = conn ? conn.pending.length : 0;
  const icons = { online: '●', connecting: '◌', reconnecting: '↻', offline: '✕', closed: '✕', idle: '' };
  if (!el.firstChild) {
    // Built once and updated in place: the live region then speaks only when its words change.
    el.append(h('span', { class: 'conn-icon', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'conn-text' }),
      h('span', { class: 'conn-pending', testid: 'pending-count', attrs: { 'aria-hidden': 'true' } }));
  }
  setText(el.querySelector('.conn-icon'), icons[status] || '');
  setText(el.querySelector('.conn-text'), status === 'idle' ? '' : t(`conn.${status}`));
  const pending = el.querySelector('.conn-pending');
  setText(pending, pendingCount ? ` · ${t('conn.pending', { n: pendingCount })}` : '');
  show(pending, pendingCount > 0);
  el.hidden = status === 'idle';
}

function renderJoin() {
  const code = $('#join-code');
  if (document.activeElement !== code && code.value !== S.code && !isComposing(code)) code.value = S.code;
  const info = S.joinInfo;
  const about = $('#join-workshop');
  setText(about, info ? `${info.sessionTitle} · ${info.exerciseTitle}` : '');
  show(about, !!info);
  const fieldset = $('#join-groups');
  const choose = !!(info && info.allowGroupChoice);
  show(fieldset, choose);
  if (choose) {
    const options = $('#join-group-options');
    const items = [{ id: '', name: t('join.groupAuto'), members: null }, ...info.groups];
    reconcile(options, items, (g) => g.id || 'auto',
      (g) => {
        const input = h('input', { type: 'radio', name: 'join-group', value: g.id, id: `join-group-${g.id || 'auto'}`,
          testid: `join-group-${g.id || 'auto'}` });
        if (!g.id) input.checked = true;
        return h('div', { class: 'radio' }, input, h('label', { attrs: { for: input.id } }));
      },
      (el, g) => setText(el.querySelector('label'), g.members === null ? g.name : `${g.name} · ${t('join.members', { n: g.members })}`));
  }
  const error = $('#join-error');
  setText(error, S.joinError);
  show(error, !!S.joinError);
  const button = $('#join-submit');
  button.disabled = S.joining;
  setText(button, S.joining ? t('join.joining') : t('join.submit'));
}

function renderLobby() {
  setText($('#lobby-title'), S.workshop.exerciseTitle || '');
  setText($('#lobby-session'), S.workshop.sessionTitle || '');
  setText($('#lobby-group'), t('lobby.yourGroup', { group: S.group.name }));
  $('#lobby-group').dataset.groupId = S.group.groupId;
  setText($('#lobby-name'), t('lobby.youAre', { name: S.seat.name }));
  renderMembers($('#lobby-members'));
  renderScenario($('#lobby-scenario'), $('#lobby-conditions'));
}

function renderMembers(list) {
  const members = S.group.members || [];
  reconcile(list, members, (m) => m.studentId,
    () => h('li', { class: 'member', testid: 'member' },
      h('span', { class: 'presence', attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'member-name' }),
      h('span', { class: 'presence-text' })),
    (el, m) => {
      // Without our own connection we do not know who else is here: say so rather than guess.
      const known = S.status === 'online';
      const online = known && S.online.has(m.studentId);
      el.dataset.online = known ? String(online) : 'unknown';
      setText(el.querySelector('.presence'), !known ? '◌' : online ? '●' : '○');
      const me = m.studentId === S.seat.studentId;
      setText(el.querySelector('.member-name'), me ? `${m.name} ${t('members.me')}` : m.name);
      setText(el.querySelector('.presence-text'), !known ? t('members.unknown') : online ? t('members.online') : t('members.offline'));
    });
}

function renderScenario(scenarioEl, conditionsEl) {
  setText(scenarioEl, S.workshop.scenario || '');
  const conditions = S.workshop.conditions || [];
  reconcile(conditionsEl, conditions.map((c, i) => ({ c, i })), (x) => `${x.i}:${x.c}`,
    () => h('li'), (el, x) => setText(el, x.c));
}

// ------------------------------------------------------------------ the room

function wireRoom() {
  $('#help').addEventListener('click', () => {
    if (!viewHelp()) send({ type: 'help.request' });
  });
  $('#submit').addEventListener('click', () => send({ type: 'group.submit', submitted: !viewSubmitted() }));
  // Where the workshop allows it, the presenting group moves the class on to the next group.
  $('#presenter-next').addEventListener('click', () => {
    const c = S.group && S.group.clock;
    if (c && c.slot && c.slot.groupId === S.group.groupId) send({ type: 'presentation.next', from: c.slot.groupId });
  });
  $('#notice-close').addEventListener('click', () => { S.ui.notice = ''; store.changed(); });
  $('#leave').addEventListener('click', () => {
    // The seat stays on the server (the instructor's record); this device just stops returning to it.
    local.remove(keys.lastCode);
    S.code = '';
    forgetSeat('');
  });
}

function buildColumns() {
  const tabs = $('#tabs');
  const columns = $('#columns');
  replace(tabs);
  replace(columns);
  const drafts = local.get(keys.drafts(S.seat), {});
  const prompts = S.workshop.prompts;
  if (!prompts.some((p) => p.id === S.ui.activeTab)) S.ui.activeTab = prompts.length ? prompts[0].id : null;
  for (const prompt of prompts) {
    const steps = prompt.kind === 'steps';
    const tab = h('button', { type: 'button', class: 'tab', id: `tab-${prompt.id}`, testid: `tab-${prompt.id}`,
      attrs: { role: 'tab', 'aria-controls': `col-${prompt.id}` },
      onclick: () => selectTab(prompt.id) },
    h('span', { class: 'tab-text' }), h('span', { class: 'tab-count' }));
    tab.addEventListener('keydown', (e) => tabKeys(e, prompt.id));
    tabs.append(tab);

    const input = h('textarea', { id: `card-input-${prompt.id}`, testid: `card-input-${prompt.id}`, rows: 2,
      maxLength: 500, attrs: { 'aria-describedby': `add-hint-${prompt.id}`, enterkeyhint: 'done' } });
    input.value = drafts[prompt.id] || '';
    const labelInput = steps ? h('input', { id: `card-label-${prompt.id}`, testid: `card-label-input-${prompt.id}`,
      maxLength: 60, attrs: { list: 'label-suggestions', autocomplete: 'off' } }) : null;
    if (labelInput) labelInput.value = drafts[`${prompt.id}:label`] || '';
    const form = h('form', { class: 'add-card', novalidate: true },
      h('label', { class: 'add-label', attrs: { for: input.id } }),
      input,
      labelInput ? h('label', { class: 'add-label small', attrs: { for: labelInput.id } }) : null,
      labelInput,
      h('p', { class: 'hint', id: `add-hint-${prompt.id}` }),
      h('button', { type: 'submit', class: 'primary', testid: `card-add-${prompt.id}` }));
    const submit = (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text) { input.focus(); return; }
      addCard(prompt.id, text, labelInput ? labelInput.value.trim() : '');
      input.value = '';
      saveDraft(prompt.id, '');
      // Keep the label: the next step is usually in the same phase of the roadmap.
      input.focus();
    };
    form.addEventListener('submit', submit);
    input.addEventListener('keydown', (e) => {
      // Enter adds the card, Shift+Enter makes a new line; Enter that commits a Hangul syllable does neither.
      if (e.key === 'Enter' && !e.shiftKey && !isImeEnter(e)) submit(e);
    });
    input.addEventListener('input', () => saveDraft(prompt.id, input.value));
    if (labelInput) labelInput.addEventListener('input', () => saveDraft(`${prompt.id}:label`, labelInput.value));

    const column = h('section', { class: `column${steps ? ' steps' : ''}`, id: `col-${prompt.id}`, testid: `prompt-${prompt.id}`,
      dataset: { prompt: prompt.id }, attrs: { role: 'tabpanel', 'aria-labelledby': `col-title-${prompt.id}` } },
    h('h2', { class: 'column-title', id: `col-title-${prompt.id}` }, prompt.text),
    steps ? h('p', { class: 'hint steps-hint' }) : null,
    h(steps ? 'ol' : 'ul', { class: 'cards', testid: `cards-${prompt.id}` }),
    form);
    columns.append(column);
  }
  builtFor = S.workshop.id;
}

function saveDraft(key, value) {
  const drafts = local.get(keys.drafts(S.seat), {});
  if (value) drafts[key] = value;
  else delete drafts[key];
  local.set(keys.drafts(S.seat), drafts);
}

function selectTab(promptId) {
  S.ui.activeTab = promptId;
  session.set('breakout.tab', promptId);
  store.changed();
}

function tabKeys(e, promptId) {
  const ids = S.workshop.prompts.map((p) => p.id);
  const at = ids.indexOf(promptId);
  let next = null;
  if (e.key === 'ArrowRight') next = ids[(at + 1) % ids.length];
  if (e.key === 'ArrowLeft') next = ids[(at - 1 + ids.length) % ids.length];
  if (e.key === 'Home') next = ids[0];
  if (e.key === 'End') next = ids[ids.length - 1];
  if (next) {
    e.preventDefault();
    selectTab(next);
    requestAnimationFrame(() => $(`#tab-${next}`).focus());
  }
}

function renderRoom() {
  if (builtFor !== S.workshop.id) buildColumns();
  const view = currentClockView();
  lastWriting = view.writing;
  const writable = view.writing !== 'closed';
  const ended = S.group.clock.kind === 'ended';

  setText($('#room-group'), S.group.name);
  $('#room-group').dataset.groupId = S.group.groupId;
  setText($('#room-title'), S.workshop.exerciseTitle || '');
  renderScenario($('#scenario'), $('#conditions'));
  renderBanners(view);

  // The presenting group's answers, from the spotlight event in our own log.
  const spot = S.group.spotlight;
  const presenting = S.group.clock.kind === 'presentation' && spot;
  show($('#spotlight'), !!presenting);
  if (presenting) {
    const mine = spot.groupId === S.group.groupId;
    setText($('#spotlight-title'), mine ? t('spotlight.yours') : t('spotlight.now', { group: spot.groupName }));
    $('#spotlight').dataset.groupId = spot.groupId;
    renderBoard($('#spotlight-board'), S.workshop.prompts, spot.board, { testidPrefix: 'spotlight', extra: mine ? null : reactTo });
  }
  const c = S.group.clock;
  const canAdvance = !!(S.workshop.presentation && S.workshop.presentation.presenterAdvances);
  show($('#presenter-next'), !!presenting && canAdvance && c.stage === 'presenting'
    && !!c.slot && c.slot.groupId === S.group.groupId);
  renderGallery($('#spotlight'), S.workshop.prompts, S.group, reactTo);

  const feedback = S.group.feedback || [];
  show($('#feedback'), feedback.length > 0);
  reconcile($('#feedback-list'), feedback, (f) => `${f.at}:${f.text.length}`,
    () => h('li', { class: 'feedback-item', testid: 'feedback-item' }), (el, f) => setText(el, f.text));
  $('#room-main').classList.toggle('ended', ended);
  show($('#leave'), ended);

  // Tabs and columns.
  const board = viewBoard();
  for (const prompt of S.workshop.prompts) {
    const active = prompt.id === S.ui.activeTab;
    const tab = $(`#tab-${prompt.id}`);
    // A short label fits a 360 px phone; the full prompt heads the column and describes the tab.
    setText(tab.querySelector('.tab-text'), promptShort(prompt));
    setText(tab.querySelector('.tab-count'), ` ${board[prompt.id].length}`);
    tab.setAttribute('aria-describedby', `col-title-${prompt.id}`);
    tab.setAttribute('aria-selected', String(active));
    tab.tabIndex = active ? 0 : -1;
    const column = $(`#col-${prompt.id}`);
    column.dataset.active = String(active);
    renderColumn(column, prompt, board[prompt.id], writable);
  }

  renderMembers($('#members'));
  const help = viewHelp();
  const helpButton = $('#help');
  setText(helpButton, help ? t('room.helpRequested') : t('room.help'));
  helpButton.setAttribute('aria-pressed', String(help));
  helpButton.disabled = help || ended;
  const submitted = viewSubmitted();
  const submitButton = $('#submit');
  setText(submitButton, submitted ? t('room.unsubmit') : t('room.submit'));
  submitButton.setAttribute('aria-pressed', String(submitted));
  submitButton.disabled = !writable;
  setText($('#submit-state'), submitted ? t('room.submittedState') : t('room.notSubmittedState'));
  $('#submit-state').dataset.submitted = String(submitted);

  if (S.ui.refocus) {
    const { cardId, role } = S.ui.refocus;
    S.ui.refocus = null;
    const selector = role === 'first-action' ? '> .card-actions button:not(:disabled)' : `[data-role="${role}"]`;
    const target = document.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"] ${selector}`);
    if (target && !target.disabled) target.focus();
    else {
      const card = document.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"]`);
      if (card) card.focus();
    }
  }
}

function renderColumn(column, prompt, cards, writable) {
  const steps = prompt.kind === 'steps';
  const form = column.querySelector('.add-card');
  const input = form.querySelector('textarea');
  const labels = form.querySelectorAll('.add-label');
  setText(labels[0], t('card.new', { prompt: prompt.text }));
  if (labels[1]) setText(labels[1], t('card.labelField'));
  // Enter and Shift+Enter mean nothing on a phone's keyboard: no hint there.
  const hint = form.querySelector('.hint');
  setText(hint, isTouchOnly() ? '' : t('card.addHint'));
  show(hint, !isTouchOnly());
  const labelInput = form.querySelector('input');
  if (labelInput && !isComposing(labelInput)) labelInput.placeholder = t('card.labelPlaceholderFor');
  if (!isComposing(input)) input.placeholder = t('card.placeholderFor', { prompt: promptShort(prompt) });
  // Disabling keeps what is typed; it comes back if the instructor gives more time.
  input.disabled = !writable;
  if (labelInput) labelInput.disabled = !writable;
  setText(form.querySelector('button'), t('card.add'));
  form.querySelector('button').disabled = !writable;
  if (steps) setText(column.querySelector('.steps-hint'), t('card.stepsHint'));

  const list = column.querySelector('.cards');
  if (composingWithin(list)) {
    // Someone's syllable is being built in a card editor here: leave the list's structure
    // alone; compositionend triggers the render that catches up.
    return;
  }
  // A card deleted (by a group-mate) while this student edits it: keep what they typed.
  for (const [cardId, editing] of S.ui.editing) {
    const el = list.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"]`);
    if (el && !cards.some((c) => c.cardId === cardId)) {
      S.ui.editing.delete(cardId);
      S.ui.unsaved.push({ id: uuid(), text: editing.text, reason: t('card.deletedWhileEditing') });
      local.set(keys.unsaved(S.seat), S.ui.unsaved);
    }
  }
  reconcile(list, cards, (c) => c.cardId, (card) => createCard(card), (el, card, index) =>
    updateCard(el, card, index, cards.length, prompt, writable));
}

function createCard(card) {
  // seenAt/queuedAt: when this page first drew the card and when its author queued it; the
  // browser tests measure delivery delays from them.
  // A light card: its text is the button that opens the editor; the rarer actions (reorder,
  // delete) sit behind one "⋯" button, so three roadmap steps no longer fill a phone's screen.
  const el = h('li', { class: 'card', testid: 'card', tabIndex: -1,
    dataset: { cardId: card.cardId, seenAt: String(Date.now()), queuedAt: card.queuedAt ? String(card.queuedAt) : undefined } },
    h('span', { class: 'step-no', attrs: { 'aria-hidden': 'true' } }),
    h('div', { class: 'card-main' },
      h('span', { class: 'card-label', testid: 'card-label' }),
      h('button', { type: 'button', class: 'card-body', testid: 'card-edit', dataset: { role: 'edit' },
        onclick: () => openEditor(card.cardId) },
      h('span', { class: 'sr-only card-edit-prefix' }),
      h('span', { class: 'card-text', testid: 'card-text' })),
      h('p', { class: 'card-meta' },
        h('span', { class: 'card-author' }),
        h('span', { class: 'badge pending', testid: 'card-pending' }),
        h('span', { class: 'badge late' })),
      h('div', { class: 'card-editor-slot' })),
    h('button', { type: 'button', class: 'small icon card-more', testid: 'card-menu', dataset: { role: 'menu' },
      attrs: { 'aria-expanded': 'false', 'aria-controls': `menu-${card.cardId}` },
      onclick: () => toggleMenu(card.cardId) }, '⋯'),
    h('div', { class: 'card-actions', id: `menu-${card.cardId}`, attrs: { role: 'group' },
      onkeydown: (e) => { if (e.key === 'Escape') closeMenu(card.cardId); } }));
  return el;
}

function toggleMenu(cardId) {
  S.ui.menuFor = S.ui.menuFor === cardId ? null : cardId;
  S.ui.confirmDelete = null;
  if (S.ui.menuFor) S.ui.refocus = { cardId, role: 'first-action' };
  store.changed();
}

function closeMenu(cardId) {
  if (S.ui.menuFor !== cardId) return;
  S.ui.menuFor = null;
  S.ui.refocus = { cardId, role: 'menu' };
  store.changed();
}

function updateCard(el, card, index, count, prompt, writable) {
  const steps = prompt.kind === 'steps';
  el.dataset.pending = String(!!card.pending);
  el.classList.toggle('deleting', !!card.deleting);
  el.classList.toggle('step', steps);
  const stepNo = el.querySelector('.step-no');
  setText(stepNo, steps ? `${index + 1}` : '');
  show(stepNo, steps);
  const label = el.querySelector('.card-label');
  setText(label, steps && card.label ? card.label : '');
  show(label, !!(steps && card.label));
  const text = el.querySelector('.card-text');
  setText(text, card.text);
  setText(el.querySelector('.card-edit-prefix'), `${t('card.edit')}: `);
  setText(el.querySelector('.card-author'), card.authorName || '');
  const pending = el.querySelector('.badge.pending');
  setText(pending, card.deleting ? t('card.deletingPending') : t('card.pending'));
  show(pending, !!card.pending);
  const late = el.querySelector('.badge.late');
  setText(late, t('card.late'));
  show(late, !!card.late);

  const editing = S.ui.editing.get(card.cardId);
  const canWrite = writable && !card.deleting;
  const body = el.querySelector('.card-body');
  body.disabled = !canWrite;
  show(body, !editing);
  const more = el.querySelector('.card-more');
  const menuOpen = S.ui.menuFor === card.cardId && !editing && canWrite;
  more.setAttribute('aria-expanded', String(menuOpen));
  more.setAttribute('aria-label', t('card.moreLabel', { text: card.text.slice(0, 40) }));
  more.disabled = !canWrite;
  show(more, !editing);
  const actions = el.querySelector(':scope > .card-actions');
  show(actions, menuOpen);
  if (menuOpen) renderCardActions(actions, card, index, count, steps, writable);
  renderEditor(el.querySelector('.card-editor-slot'), card, editing, steps, writable);
}

function renderCardActions(actions, card, index, count, steps, writable) {
  const confirming = S.ui.confirmDelete === card.cardId;
  const key = `${writable}|${steps}|${index}|${count}|${confirming}|${!!card.deleting}|${getLang()}|${card.text}`;
  if (actions.dataset.key === key) return;
  actions.dataset.key = key;
  const buttons = [];
  const canWrite = writable && !card.deleting;
  if (steps) {
    buttons.push(h('button', { type: 'button', class: 'small', testid: 'card-up', disabled: !canWrite || index === 0,
      dataset: { role: 'up' }, attrs: { 'aria-label': t('card.up') }, onclick: () => move(card, index - 1, 'up') },
    h('span', { attrs: { 'aria-hidden': 'true' } }, '↑ '), t('card.upShort')));
    buttons.push(h('button', { type: 'button', class: 'small', testid: 'card-down', disabled: !canWrite || index >= count - 1,
      dataset: { role: 'down' }, attrs: { 'aria-label': t('card.down') }, onclick: () => move(card, index + 1, 'down') },
    h('span', { attrs: { 'aria-hidden': 'true' } }, '↓ '), t('card.downShort')));
  }
  buttons.push(h('button', { type: 'button', class: `small${confirming ? ' danger' : ''}`, testid: 'card-delete', disabled: !canWrite,
    dataset: { role: 'delete' },
    onclick: () => {
      if (S.ui.confirmDelete === card.cardId) {
        S.ui.confirmDelete = null;
        S.ui.menuFor = null;
        send({ type: 'card.delete', cardId: card.cardId });
      } else {
        // One tap on a phone is too easy to make by accident: the second tap deletes.
        S.ui.confirmDelete = card.cardId;
        S.ui.refocus = { cardId: card.cardId, role: 'delete' };
        setTimeout(() => { if (S.ui.confirmDelete === card.cardId) { S.ui.confirmDelete = null; store.changed(); } }, 5000);
        store.changed();
      }
    } }, confirming ? t('card.deleteConfirm') : t('card.delete')));
  replace(actions, ...buttons);
}

function move(card, index, role) {
  S.ui.refocus = { cardId: card.cardId, role };
  send({ type: 'card.move', cardId: card.cardId, index });
}

function openEditor(cardId) {
  const card = viewCard(cardId);
  if (!card) return;
  S.ui.editing.set(cardId, { text: card.text, label: card.label || '', fresh: true, version: baseVersion(cardId) });
  S.ui.refocus = null;
  S.ui.menuFor = null;
  store.changed();
}

function renderEditor(slot, card, editing, steps, writable) {
  if (!editing) {
    if (slot.firstChild) replace(slot);
    return;
  }
  let form = slot.firstChild;
  if (!form || editing.fresh) {
    // Built once when the editor opens; afterwards its fields belong to the student.
    editing.fresh = false;
    const textarea = h('textarea', { class: 'edit-text', testid: 'card-edit-input', rows: 3, maxLength: 500,
      attrs: { 'aria-label': t('card.editText') } });
    textarea.value = editing.text;
    textarea.addEventListener('input', () => { editing.text = textarea.value; });
    const labelInput = steps ? h('input', { class: 'edit-label', testid: 'card-edit-label', maxLength: 60,
      attrs: { list: 'label-suggestions', 'aria-label': t('card.labelField') } }) : null;
    if (labelInput) {
      labelInput.value = editing.label || '';
      labelInput.addEventListener('input', () => { editing.label = labelInput.value; });
    }
    const save = () => {
      const text = textarea.value.trim();
      if (!text) { textarea.focus(); return; }
      S.ui.editing.delete(card.cardId);
      const version = editing.conflict ? editing.conflict.version : editing.version;
      editCard(card.cardId, text, steps ? (labelInput.value.trim() || null) : undefined, version);
      S.ui.refocus = { cardId: card.cardId, role: 'edit' };
    };
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !isImeEnter(e)) { e.preventDefault(); save(); }
      if (e.key === 'Escape') cancel();
    });
    const cancel = () => {
      S.ui.editing.delete(card.cardId);
      S.ui.refocus = { cardId: card.cardId, role: 'edit' };
      store.changed();
    };
    form = h('form', { class: 'card-editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
      editing.conflict ? h('p', { class: 'conflict', attrs: { role: 'alert' } },
        t('card.conflict'), h('q', {}, editing.conflict.text)) : null,
      textarea, labelInput,
      h('div', { class: 'card-actions' },
        h('button', { type: 'submit', class: 'small primary', testid: 'card-save' }, t('card.save')),
        h('button', { type: 'button', class: 'small', testid: 'card-cancel', onclick: cancel }, t('card.cancel'))));
    replace(slot, form);
    requestAnimationFrame(() => textarea.focus());
  }
  const saveButton = form.querySelector('[data-testid="card-save"]');
  if (saveButton) saveButton.disabled = !writable;
}

function renderBanners(view) {
  // Most urgent first: the notice board shows the first one not dismissed (js/lib/notices.js).
  const items = [];
  const c = S.group.clock;
  const ended = c.kind === 'ended';
  if (S.status === 'offline' || S.status === 'reconnecting') {
    items.push({ key: 'offline', kind: 'error', testid: 'offline-banner', icon: '✕', text: t('room.offline'), live: true,
      dismissible: false });
  }
  for (const u of S.ui.unsaved) {
    items.push({ key: `u${u.id}`, kind: 'error', testid: 'unsaved', icon: '⚠', prefix: t('room.unsaved', { reason: u.reason }),
      text: u.text, unsaved: u.id });
  }
  if (ended) items.push({ key: 'ended', kind: 'info', testid: 'ended-banner', text: t('room.ended') });
  // While a group presents, "finish writing" speaks only to a group given extra time: to the
  // others (and to the presenters) it was noise over the presentation.
  const presentingNow = c.kind === 'presentation' && !!c.slot;
  if (view.writing === 'grace' && !(presentingNow && !(S.group.extraMs > 0))) {
    items.push({ key: `grace:${c.phase}`, kind: 'warning', testid: 'grace-notice', icon: '◔',
      text: t('room.grace', { s: Math.ceil(view.graceLeftMs / 1000) }), live: true });
  }
  if (c.kind === 'discussion' && c.warned && !view.paused && view.remainingMs > 0) {
    items.push({ key: `warning:${c.phase}:${c.endsAt}`, kind: 'warning', testid: 'clock-warning', icon: '⚠',
      text: t('room.warning', { time: formatMs(view.remainingMs) }), live: true });
  }
  // Newest broadcast first; they leave with the phase they were sent in.
  for (const b of currentBroadcasts(S.group.broadcasts, c).slice().reverse()) {
    items.push({ key: `b${b.at}`, kind: 'broadcast', testid: 'broadcast-banner', icon: '✉', text: b.text,
      prefix: t('room.broadcast') });
  }
  if (view.writing === 'extra') {
    items.push({ key: `extra:${c.phase}`, kind: 'info', testid: 'extra-notice', text: t('room.extra') });
  }
  if (!notices) {
    notices = new NoticeBoard($('#banners'), { onDismiss: (n) => {
      if (n.unsaved) {
        S.ui.unsaved = S.ui.unsaved.filter((x) => x.id !== n.unsaved);
        local.set(keys.unsaved(S.seat), S.ui.unsaved);
      } else {
        S.ui.dismissed.add(n.key);
        session.set('breakout.dismissed', [...S.ui.dismissed]);
      }
      store.changed();
    } });
  }
  notices.render(items, S.ui.dismissed);
  const notice = $('#notice');
  setText($('#notice-text'), S.ui.notice);
  show(notice, !!S.ui.notice);
}

// ------------------------------------------------------------------ the clock, 4 times a second

function tick() {
  if (screen() !== 'room' && screen() !== 'lobby') return;
  if (screen() === 'lobby') return;
  const view = currentClockView();
  const c = S.group.clock;
  const clockEl = $('#clock');
  // The same model as the dashboard and the projector (lib/clock.js); only this group's own extra
  // time differs: its phones show their own deadline, not another group's slot.
  const display = clockDisplay(c, clock.now(), { extraMs: S.group.extraMs, graceMs: S.workshop.graceMs });
  const shown = display.ms;
  setText(clockEl, c.kind === 'ended' ? '' : formatDisplay(display));
  clockEl.dataset.remainingMs = shown === null ? '' : String(Math.round(shown));
  // The deadline on this device's clock (server deadline minus offset): constant between ticks,
  // so pages can be compared exactly.
  clockEl.dataset.endsLocal = shown === null ? '' : String(Math.round(Date.now() + (display.overtime ? -shown : shown)));
  clockEl.dataset.phase = c.phase;
  clockEl.dataset.kind = c.kind;
  clockEl.dataset.mode = display.mode;
  clockEl.dataset.overtime = String(display.overtime);
  clockEl.classList.toggle('low', shown !== null && shown <= 60000 && (c.kind === 'discussion' || display.mode === 'own'));
  setText($('#phase-name'), phaseTitle(S.workshop, c));
  const groupName = (id) => (id === S.group.groupId ? S.group.name
    : (S.group.spotlight && S.group.spotlight.groupId === id ? S.group.spotlight.groupName
      : ((S.workshop.groups || []).find((g) => g.id === id) || { name: id }).name));
  let note = displayNote(display, groupName);
  if (!note && c.kind === 'discussion' && S.group.extraMs > 0) note = t('clock.extra', { time: formatMs(S.group.extraMs) });
  setText($('#clock-note'), note);
  $('#clock-box').dataset.paused = String(view.paused);
  announcer.update(`${c.phase}:${display.mode}:${display.slot ? display.slot.index : ''}`, display.overtime ? null : shown, view.paused);
  // Time alone opens and closes writing: redraw when the window changes.
  if (view.writing !== lastWriting) {
    lastWriting = view.writing;
    store.changed();
  } else if (view.writing === 'grace' || (c.warned && c.kind === 'discussion')) {
    renderBanners(view);
  }
}

boot();
