// The instructor app: log in, create or pick a workshop, then run it from a live grid of
// groups with the session's content beside it. One store; render() draws from it.
import { h, $, $$, reconcile, replace, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange, ago, formatDateTime } from './lib/i18n.js';
import { errorText, warningText } from './lib/errors.js';
import { api, ApiError } from './lib/api.js';
import { ServerClock, formatMs, CountdownAnnouncer, phaseTitle, clockDisplay, formatDisplay, displayNote } from './lib/clock.js';
import { cardCount } from './lib/group-state.js';
import { renderBoard } from './lib/board-view.js';
import { renderContent } from './lib/content-view.js';
import { WorkshopLive, instructorToken } from './lib/workshop-live.js';
import { isComposing } from './lib/ime.js';
import { local } from './lib/storage.js';
import { HelpAlert, waited } from './lib/help-alert.js';
import { TileGrid, renderTileCounts } from './dashboard-tiles.js';
import { renderSentBroadcasts } from './dashboard-broadcasts.js';
import { RemotePager } from './dashboard-projector.js';
import { loadNudgeRules, renderNudge, tileReactions, reviewLink } from './dashboard-insights.js';
import { SynthesisView } from './synthesis-view.js';

const clock = new ServerClock();

class InstructorStore extends EventTarget {
  constructor() {
    super();
    this.state = {
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

function parseRoute() {
  const m = /^#\/w\/([A-Za-z0-9_-]+)/.exec(location.hash);
  return m ? { name: 'workshop', id: m[1] } : { name: 'home' };
}

const store = new InstructorStore();
const S = store.state;
const announcer = new CountdownAnnouncer($('#announcer'));
let tileGrid = null;
let helpAlert = null;
let remotePager = null;

// ==================================================================== boot and routing

function boot() {
  initI18n();
  wireLangToggle($('#lang'));
  onLangChange(() => { tileKeys.clear(); dialogBuiltFor = null; render(); });
  store.addEventListener('change', render);
  window.addEventListener('hashchange', () => { S.route = parseRoute(); enterRoute(); });
  wireLogin();
  wireHome();
  wireWorkshop();
  $('#notice-close').addEventListener('click', () => { S.notice = ''; store.changed(); });
  $('#logout').addEventListener('click', () => logout(''));
  setInterval(tick, 500);
  enterRoute();
}

function enterRoute() {
  if (!S.token) {
    store.changed();
    return;
  }
  if (S.route.name === 'workshop') {
    if (!S.live || S.live.id !== S.route.id) openWorkshop(S.route.id);
  } else {
    closeWorkshop();
    loadHome();
  }
  store.changed();
}

function logout(message) {
  instructorToken.clear();
  S.token = null;
  closeWorkshop();
  S.loginError = message;
  store.changed();
}

/** Every API call: a 401 means the login ended, whatever the page was doing. */
async function call(method, path, body) {
  try {
    return await api(method, path, { body, token: S.token });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) logout(t('ins.expired'));
    throw e;
  }
}

function showNotice(text, kind = 'error') {
  S.notice = text;
  S.noticeKind = kind;
  store.changed();
}

// ==================================================================== login

function wireLogin() {
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const password = $('#login-password').value;
    if (!password) {
      S.loginError = t('ins.needPassword');
      store.changed();
      return;
    }
    try {
      const { token } = await api('POST', '/api/instructor/login', { body: { password } });
      instructorToken.set(token);
      S.token = token;
      S.loginError = '';
      $('#login-password').value = '';
      enterRoute();
    } catch (err) {
      S.loginError = err instanceof ApiError && err.status === 401 ? t('ins.wrongPassword') : err.localized();
      store.changed();
    }
  });
}

// ==================================================================== home

function wireHome() {
  for (const radio of $$('input[name="group-mode"]')) radio.addEventListener('change', () => store.changed());
  $('#create-start').addEventListener('change', () => store.changed());
  $('#create-session').addEventListener('change', () => store.changed());
  $('#create-form').addEventListener('submit', (e) => {
    e.preventDefault();
    createWorkshop();
  });
}

async function loadHome() {
  try {
    const [sessions, workshops] = await Promise.all([
      S.sessions ? Promise.resolve(S.sessions) : call('GET', '/api/sessions'),
      call('GET', '/api/workshops'),
    ]);
    S.sessions = sessions;
    S.workshops = workshops.sort((a, b) => b.createdAt - a.createdAt);
  } catch (e) {
    if (S.token) showNotice(e.localized ? e.localized() : t('error.generic'));
  }
  store.changed();
}

function numberField(id) {
  const raw = $(id).value.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.round(n) : NaN;
}

/** Minutes as the instructor types them (decimals allowed), as whole seconds for the server. */
function minutesField(id) {
  const raw = $(id).value.trim();
  if (!raw) return undefined;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? Math.max(1, Math.round(n * 60)) : NaN;
}

/** Pre-fills the minutes from the chosen session's phases (5 and 2 for Session 7), once per session. */
let prefilledFor = null;
function prefillMinutes(session) {
  if (!session || !session.exercise || prefilledFor === session.id) return;
  prefilledFor = session.id;
  const phases = session.exercise.phases || [];
  const minutes = (kind) => phases.filter((p) => p.kind === kind).reduce((n, p) => n + p.minutes, 0);
  if (minutes('discussion')) $('#create-discussion').value = String(minutes('discussion'));
  if (minutes('presentation')) $('#create-presentation').value = String(minutes('presentation'));
}

async function createWorkshop() {
  if (S.creating) return;
  const body = { sessionId: $('#create-session').value };
  const bySize = $('#mode-size').checked;
  const fields = bySize
    ? { groupSize: numberField('#create-size'), students: numberField('#create-students') }
    : { groups: numberField('#create-groups') };
  Object.assign(fields, {
    discussionSeconds: minutesField('#create-discussion'),
    presentationSeconds: minutesField('#create-presentation'),
    warningSeconds: numberField('#create-warning'),
    graceSeconds: numberField('#create-grace'),
  });
  for (const [key, value] of Object.entries(fields)) {
    if (Number.isNaN(value)) {
      S.createError = t('ins.badNumber', { field: key });
      store.changed();
      return;
    }
    if (value !== undefined) body[key] = value;
  }
  const names = $('#create-names').value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (names.length) body.groupNames = names;
  body.allowGroupChoice = $('#create-choice').checked;
  const name = $('#create-name').value.trim();
  if (name) body.name = name;
  // Exports show times in the class's own zone: the one this browser is in.
  try { body.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch { /* the server's zone then */ }
  const countdown = $('#create-start').value === 'countdown';
  const prep = numberField('#create-prep');
  body.presentation = {
    start: countdown ? 'countdown' : 'instructor',
    prepSeconds: countdown && Number.isFinite(prep) ? prep : 0,
    pacing: $('#create-pacing').value,
    presenterAdvances: $('#create-presenter-advances').checked,
    lateGroups: $('#create-late').value,
  };
  S.creating = true;
  S.createError = '';
  store.changed();
  try {
    const created = await call('POST', '/api/workshops', body);
    // The server builds the join URL from its public address; keep it for the projector.
    local.set(`breakout.joinUrl.${created.id}`, created.joinUrl);
    location.hash = `#/w/${created.id}`;
  } catch (e) {
    S.createError = e.localized ? e.localized() : t('error.generic');
  } finally {
    S.creating = false;
    store.changed();
  }
}

async function exportWorkshop(id, format) {
  // A plain link cannot carry the Authorization header: fetch, then save the Blob.
  try {
    const response = await fetch(`/api/workshops/${encodeURIComponent(id)}/export?format=${format}`, {
      headers: { authorization: `Bearer ${S.token}` }, cache: 'no-store',
    });
    if (response.status === 401) { logout(t('ins.expired')); return; }
    if (!response.ok) {
      showNotice(response.status === 404 ? t('ins.exportMissing') : t('ins.exportFailed', { status: response.status }));
      return;
    }
    const blob = await response.blob();
    const disposition = response.headers.get('content-disposition') || '';
    const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    const a = h('a', { href: URL.createObjectURL(blob), download: named ? decodeURIComponent(named[1]) : `workshop-${id}.${format}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch {
    showNotice(t('error.network'));
  }
}

/** Destructive actions take two presses; the first arms the button for a few seconds. */
function confirmed(key) {
  if (S.confirm === key) {
    S.confirm = null;
    return true;
  }
  S.confirm = key;
  setTimeout(() => { if (S.confirm === key) { S.confirm = null; store.changed(); } }, 5000);
  store.changed();
  return false;
}

async function deleteWorkshop(id) {
  if (!confirmed(`delete:${id}`)) return;
  try {
    await call('DELETE', `/api/workshops/${encodeURIComponent(id)}`);
    local.remove(`breakout.joinUrl.${id}`);
    if (S.live && S.live.id === id) location.hash = '#/';
    else loadHome();
    showNotice(t('ins.deleted'), 'info');
  } catch (e) {
    showNotice(e.localized ? e.localized() : t('error.generic'));
  }
}

function openProjector(id) {
  // Not noopener: the projector tab inherits this tab's sessionStorage, and with it the login.
  window.open(`/projector.html?workshop=${encodeURIComponent(id)}`, `projector-${id}`);
}

// ==================================================================== one workshop

async function openWorkshop(id) {
  closeWorkshop();
  const live = new WorkshopLive(id, S.token, clock);
  S.live = live;
  S.orderDraft = null;
  live.addEventListener('change', () => store.changed());
  live.addEventListener('rejected', (e) => {
    const { message } = e.detail;
    showNotice(`${t('ins.refused')} ${errorText(message)}`);
  });
  live.addEventListener('ack', (e) => {
    const warnings = e.detail.message.warnings;
    if (warnings && warnings.length) showNotice(`${t('ins.warningAck')} ${warnings.map(warningText).join(' ')}`, 'warning');
  });
  live.addEventListener('unauthorized', () => logout(t('ins.expired')));
  live.addEventListener('gone', () => { showNotice(t('ins.gone')); location.hash = '#/'; });
  try {
    await live.start();
  } catch (e) {
    if (S.live !== live) return;
    S.live = null;
    if (e instanceof ApiError && e.status === 401) logout(t('ins.expired'));
    else {
      showNotice(e instanceof ApiError && e.status === 404 ? t('ins.gone') : (e.localized ? e.localized() : t('error.generic')));
      location.hash = '#/';
    }
    return;
  }
  loadSession(live.workshop.sessionId);
  loadNudgeRules(id, S.token);
  synthesisView = new SynthesisView($('#synthesis-panel'), live, op);
  store.changed();
}

let synthesisView = null;

function closeWorkshop() {
  if (synthesisView) synthesisView.stop();
  synthesisView = null;
  if (S.live) S.live.stop();
  S.live = null;
  S.openGroup = null;
  const dialog = $('#group-dialog');
  if (dialog.open) dialog.close();
  tileKeys.clear();
}

async function loadSession(sessionId) {
  if (S.sessionDetails.has(sessionId)) return;
  S.sessionDetails.set(sessionId, null);
  try {
    S.sessionDetails.set(sessionId, await call('GET', `/api/sessions/${encodeURIComponent(sessionId)}`));
  } catch {
    S.sessionDetails.delete(sessionId);
  }
  contentFor = null;
  store.changed();
}

function op(message) {
  if (S.live) S.live.send(message);
  store.changed();
}

function wireWorkshop() {
  tileGrid = new TileGrid($('#grid'), $('#tile-sort'), $('#tile-density'), () => store.changed());
  helpAlert = new HelpAlert($('#help-alert'), $('#help-sound'), {
    open: (groupId) => openGroup(groupId),
    clear: (groupId) => op({ type: 'help.clear', groupId }),
  });
  wireContentPanel();
  remotePager = new RemotePager();
  $('#start').addEventListener('click', () => op({ type: 'exercise.start' }));
  $('#pause').addEventListener('click', () => op({ type: 'clock.pause' }));
  $('#resume').addEventListener('click', () => op({ type: 'clock.resume' }));
  $('#plus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: 60 }));
  $('#minus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: -60 }));
  $('#next').addEventListener('click', () => { if (confirmed('next')) op({ type: 'phase.next' }); });
  $('#start-presentations').addEventListener('click', () => op({ type: 'presentation.start' }));
  // "from" names the group seen presenting, so a double press moves on once.
  $('#next-presenter').addEventListener('click', () => {
    const c = S.live && S.live.commonClock;
    if (c && c.slot) op({ type: 'presentation.next', from: c.slot.groupId });
  });
  $('#end').addEventListener('click', () => { if (confirmed('end')) op({ type: 'workshop.end' }); });
  $('#broadcast-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#broadcast-input');
    const text = input.value.trim();
    if (!text) return;
    op({ type: 'broadcast', text });
    input.value = '';
  });
  $('#open-projector').addEventListener('click', () => S.live && openProjector(S.live.id));
  for (const b of $$('[data-export]')) b.addEventListener('click', () => S.live && exportWorkshop(S.live.id, b.dataset.export));
  $('#delete-workshop').addEventListener('click', () => S.live && deleteWorkshop(S.live.id));
  $('#order-save').addEventListener('click', () => {
    if (!S.orderDraft) return;
    op({ type: 'presentation.order', groupIds: S.orderDraft });
    S.orderDraft = null;
  });

  const dialog = $('#group-dialog');
  $('#dialog-close').addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    const id = S.openGroup;
    S.openGroup = null;
    store.changed();
    // Back to where the keyboard was.
    const opener = id && document.querySelector(`[data-testid="tile-open"][data-group-id="${CSS.escape(id)}"]`);
    if (opener) opener.focus();
  });
  $('#dialog-plus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: 60, groupId: S.openGroup }));
  $('#dialog-minus').addEventListener('click', () => op({ type: 'clock.adjust', seconds: -60, groupId: S.openGroup }));
  $('#dialog-spotlight').addEventListener('click', () => op({ type: 'spotlight', groupId: S.openGroup }));
  $('#dialog-help').addEventListener('click', () => op({ type: 'help.clear', groupId: S.openGroup }));
  $('#feedback-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = $('#feedback-input');
    const text = input.value.trim();
    if (!text || !S.openGroup) return;
    op({ type: 'feedback', groupId: S.openGroup, text });
    input.value = '';
  });
}

/** The teaching content: beside the grid, wide over it (talking points for presentations), or folded. */
function wireContentPanel() {
  const layout = $('.ws-layout');
  const setMode = (mode) => {
    layout.dataset.content = mode;
    local.set('breakout.contentMode', mode === 'wide' ? 'side' : mode);
    $('#content-wide').setAttribute('aria-pressed', String(mode === 'wide'));
    $('#content-hide').setAttribute('aria-pressed', String(mode === 'hidden'));
    setText($('#content-wide'), mode === 'wide' ? t('ins.contentNarrow') : t('ins.contentWide'));
    setText($('#content-hide'), mode === 'hidden' ? t('ins.contentShow') : t('ins.contentHide'));
  };
  $('#content-wide').addEventListener('click', () => setMode(layout.dataset.content === 'wide' ? 'side' : 'wide'));
  $('#content-hide').addEventListener('click', () => setMode(layout.dataset.content === 'hidden' ? 'side' : 'hidden'));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && layout.dataset.content === 'wide' && !$('#group-dialog').open) setMode('side');
  });
  onLangChange(() => setMode(layout.dataset.content || 'side'));
  setMode(local.get('breakout.contentMode', 'side'));
}

function openGroup(groupId) {
  S.openGroup = groupId;
  dialogBuiltFor = null;
  const dialog = $('#group-dialog');
  if (!dialog.open) dialog.showModal();
  store.changed();
}

// ==================================================================== render

function render() {
  const view = !S.token ? 'login' : S.route.name === 'workshop' ? 'workshop' : 'home';
  show($('#view-login'), view === 'login');
  show($('#view-home'), view === 'home');
  show($('#view-workshop'), view === 'workshop');
  show($('#nav-home'), view === 'workshop');
  show($('#logout'), view !== 'login');
  setText($('#notice-text'), S.notice);
  show($('#notice'), !!S.notice);
  $('#notice').className = `banner ${S.noticeKind || 'error'}`;
  $('#notice').setAttribute('role', S.noticeKind === 'error' ? 'alert' : 'status');
  const loginError = $('#login-error');
  setText(loginError, S.loginError);
  show(loginError, !!S.loginError);
  renderStatus();
  if (view === 'login') document.title = t('ins.loginTitle');
  if (view === 'home') renderHome();
  if (view === 'workshop') renderWorkshop();
  tick();
}

function renderStatus() {
  const el = $('#conn');
  const live = S.live;
  show(el, !!live);
  if (!live) return;
  el.dataset.state = live.status;
  const icons = { online: '●', connecting: '◌', reconnecting: '↻', offline: '✕', closed: '✕' };
  const pending = live.pendingCount();
  replace(el, h('span', { class: 'conn-icon', attrs: { 'aria-hidden': 'true' } }, icons[live.status] || ''),
    t(`conn.${live.status}`), pending ? ` · ${t('conn.pending', { n: pending })}` : '');
}

function renderHome() {
  document.title = t('ins.brand');
  const select = $('#create-session');
  if (S.sessions && select.options.length !== S.sessions.length) {
    replace(select, ...S.sessions.map((s) => h('option', { value: s.id },
      `${s.title} (W${s.position.week} D${s.position.day} S${s.position.session})`)));
  }
  const chosen = S.sessions ? S.sessions.find((s) => s.id === select.value) : null;
  prefillMinutes(chosen);
  show($('#field-prep'), $('#create-start').value === 'countdown');
  setText($('#create-session-info'), chosen && chosen.exercise
    ? t('ins.sessionInfo', { title: chosen.exercise.title, n: chosen.exercise.minutes ?? '?' })
    : (chosen ? t('ins.noExercise') : ''));
  const bySize = $('#mode-size').checked;
  show($('#field-groups'), !bySize);
  show($('#field-size'), bySize);
  show($('#field-students'), bySize);
  const createError = $('#create-error');
  setText(createError, S.createError);
  show(createError, !!S.createError);
  $('[data-testid="create-submit"]').disabled = S.creating || !S.sessions;

  const rows = S.workshops || [];
  show($('#list-empty'), S.workshops !== null && rows.length === 0);
  reconcile($('#workshop-rows'), rows, (w) => w.id,
    (w) => h('tr', { testid: 'workshop-row', dataset: { workshopId: w.id } },
      h('td', { class: 'c-created' }), h('td', { class: 'c-session' }), h('td', { class: 'c-code' }),
      h('td', { class: 'c-phase' }), h('td', { class: 'c-people' }),
      h('td', {}, h('div', { class: 'row-actions' },
        h('a', { class: 'button small primary', href: `#/w/${w.id}`, testid: 'workshop-open' }),
        h('button', { type: 'button', class: 'small', testid: 'workshop-projector', onclick: () => openProjector(w.id) }),
        ...['md', 'csv', 'json'].map((f) => h('button', { type: 'button', class: 'small', testid: `workshop-export-${f}`,
          onclick: () => exportWorkshop(w.id, f) }, f.toUpperCase())),
        h('button', { type: 'button', class: 'small', testid: 'workshop-delete', onclick: () => deleteWorkshop(w.id) })))),
    (row, w) => {
      setText(row.querySelector('.c-created'), formatDateTime(w.createdAt));
      setText(row.querySelector('.c-session'), w.name ? `${w.name} — ${w.sessionTitle} · ${w.exerciseTitle}` : `${w.sessionTitle} · ${w.exerciseTitle}`);
      setText(row.querySelector('.c-code'), w.joinCode);
      setText(row.querySelector('.c-phase'), w.phase === 'lobby' ? t('phase.lobby') : w.phase === 'ended' ? t('phase.ended') : t('ins.running'));
      setText(row.querySelector('.c-people'), `${w.groups} / ${w.students}`);
      setText(row.querySelector('[data-testid="workshop-open"]'), t('ins.open'));
      setText(row.querySelector('[data-testid="workshop-projector"]'), t('ins.projectorShort'));
      const del = row.querySelector('[data-testid="workshop-delete"]');
      const armed = S.confirm === `delete:${w.id}`;
      setText(del, armed ? t('ins.deleteConfirm') : t('ins.delete'));
      del.classList.toggle('danger', armed);
    });
}

// ------------------------------------------------------------------ the live workshop

const tileKeys = new Map();
let contentFor = null;
let dialogBuiltFor = null;

function renderWorkshop() {
  const live = S.live;
  if (!live || !live.workshop) {
    setText($('#ws-title'), t('loading.text'));
    return;
  }
  const w = live.workshop;
  document.title = `${t('ins.brand')} · ${w.name || w.exerciseTitle}`;
  setText($('#ws-title'), w.name ? `${w.name} — ${w.sessionTitle} · ${w.exerciseTitle}` : `${w.sessionTitle} · ${w.exerciseTitle}`);
  setText($('#ws-code'), w.joinCode);
  reviewLink(live.id);
  const c = live.commonClock || { kind: 'lobby' };
  const running = c.kind !== 'lobby' && c.kind !== 'ended';
  $('#start').disabled = c.kind !== 'lobby';
  show($('#pause'), !c.paused);
  show($('#resume'), !!c.paused);
  $('#pause').disabled = !running;
  $('#resume').disabled = !running;
  $('#plus').disabled = !running;
  $('#minus').disabled = !running;
  $('#next').disabled = !running;
  setText($('#next'), S.confirm === 'next' ? t('ins.nextConfirm') : t('ins.next'));
  $('#next').classList.toggle('danger', S.confirm === 'next');
  const stage = c.kind === 'presentation' ? (c.stage || (c.slot ? 'presenting' : 'ready')) : null;
  // Before the first presenter there is no common time to move (protocol 3.5).
  const noCommonTime = stage === 'ready' || (stage === 'waiting' && !c.slot);
  $('#plus').disabled = !running || noCommonTime;
  $('#minus').disabled = !running || noCommonTime;
  show($('#start-presentations'), stage === 'ready' || stage === 'countdown');
  show($('#next-presenter'), stage === 'presenting' && !!c.slot);
  if (c.slot) setText($('#next-presenter'), c.slot.index + 1 >= c.slot.count ? t('flow.lastPresenter') : t('flow.nextPresenter'));
  $('#end').disabled = c.kind === 'ended';
  setText($('#end'), S.confirm === 'end' ? t('ins.endConfirm') : t('ins.end'));
  $('#end').classList.toggle('danger', S.confirm === 'end');
  const armed = S.confirm === `delete:${live.id}`;
  setText($('#delete-workshop'), armed ? t('ins.deleteConfirm') : t('ins.delete'));
  $('#delete-workshop').classList.toggle('danger', armed);

  const groups = live.groupList();
  const students = live.students.size;
  const online = [...live.presence.values()].reduce((n, set) => n + set.size, 0);
  const help = groups.filter((g) => g.help).length;
  const submitted = groups.filter((g) => g.submitted).length;
  setText($('#ws-summary'), t('ins.summary', { groups: groups.length, students, online, submitted, help }));

  reconcile($('#grid'), tileGrid.arrange(groups), (g) => g.groupId, createTile, (el, g) => updateTile(el, g, live, c));
  helpAlert.render(groups, clock.now(), document.title);
  remotePager.follow(live.id);
  renderSentBroadcasts($('#sent-broadcasts-panel'), groups, c, clock.now(),
    (sentAt) => op({ type: 'broadcast.withdraw', sentAt }));
  renderOrder(live, c);

  const session = S.sessionDetails.get(w.sessionId);
  const contentKey = `${w.sessionId}|${session ? 'loaded' : 'loading'}|${document.documentElement.lang}`;
  if (contentFor !== contentKey) {
    contentFor = contentKey;
    renderContent($('#content-body'), session);
  }
  renderDialog(live, c);
}

function createTile(g) {
  const id = g.groupId;
  return h('article', { class: 'tile', testid: 'group-tile', dataset: { groupId: id }, attrs: { 'aria-labelledby': `tile-title-${id}` } },
    h('div', { class: 'tile-head' },
      h('h2', { id: `tile-title-${id}` }),
      h('span', { class: 'flag presenting', testid: 'tile-presenting' }),
      h('span', { class: 'flag submitted', testid: 'tile-submitted' }),
      h('span', { class: 'flag help', testid: 'tile-help' })),
    h('p', { class: 'tile-meta', testid: 'tile-meta' }),
    h('p', { class: 'tile-counts', testid: 'tile-counts' }),
    h('ul', { class: 'members', testid: 'tile-members' }),
    h('div', { class: 'tile-cards board', testid: 'tile-board' }),
    h('div', { class: 'tile-actions' },
      h('button', { type: 'button', class: 'small primary', testid: 'tile-open', dataset: { groupId: id, role: 'open' }, onclick: () => openGroup(id) }),
      h('button', { type: 'button', class: 'small', testid: 'tile-plus', dataset: { role: 'plus' }, onclick: () => op({ type: 'clock.adjust', seconds: 60, groupId: id }) }),
      h('button', { type: 'button', class: 'small', testid: 'tile-minus', dataset: { role: 'minus' }, onclick: () => op({ type: 'clock.adjust', seconds: -60, groupId: id }) }),
      h('button', { type: 'button', class: 'small', testid: 'tile-spotlight', dataset: { role: 'spotlight' }, onclick: () => op({ type: 'spotlight', groupId: id }) }),
      h('button', { type: 'button', class: 'small', testid: 'tile-help-clear', dataset: { role: 'help' }, onclick: () => op({ type: 'help.clear', groupId: id }) })));
}

function updateTile(el, g, live, c) {
  const presence = live.presence.get(g.groupId) || new Set();
  const spotlight = c.kind === 'presentation' && c.slot && c.slot.groupId === g.groupId;
  // Redraw the heavy parts only when the group changed (its seq), not on every tick.
  const key = `${g.seq}|${[...presence].join(',')}|${spotlight}|${c.kind}|${c.paused}|${document.documentElement.lang}`;
  el.dataset.help = String(!!g.help);
  el.dataset.submitted = String(!!g.submitted);
  el.dataset.spotlight = String(!!spotlight);
  setText(el.querySelector('.tile-meta'), tileMeta(g, live));
  renderTileCounts(el.querySelector('.tile-counts'), g, live.workshop.prompts, presence.size, clock.now());
  renderNudge(el, g, c, clock.now());
  if (tileKeys.get(g.groupId) === key) return;
  tileKeys.set(g.groupId, key);
  setText(el.querySelector('h2'), g.name);
  const presenting = el.querySelector('[data-testid="tile-presenting"]');
  setText(presenting, `★ ${t('ins.presenting')}`);
  show(presenting, !!spotlight);
  const submitted = el.querySelector('[data-testid="tile-submitted"]');
  setText(submitted, `✓ ${t('ins.submitted')}`);
  show(submitted, !!g.submitted);
  const help = el.querySelector('[data-testid="tile-help"]');
  setText(help, `⚑ ${t('ins.help')}`);
  show(help, !!g.help);
  reconcile(el.querySelector('.members'), g.members || [], (m) => m.studentId,
    () => h('li', { class: 'member' }, h('span', { class: 'presence', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'member-name' }),
      h('span', { class: 'sr-only presence-text' })),
    (li, m) => {
      const on = presence.has(m.studentId);
      li.dataset.online = String(on);
      setText(li.querySelector('.presence'), on ? '●' : '○');
      setText(li.querySelector('.member-name'), m.name);
      setText(li.querySelector('.presence-text'), on ? t('members.online') : t('members.offline'));
    });
  if (!(g.members || []).length) replace(el.querySelector('.members'), h('li', { class: 'empty' }, t('ins.noMembers')));
  renderBoard(el.querySelector('.tile-cards'), live.workshop.prompts, g.cards, { compact: true, testidPrefix: 'tile', extra: tileReactions(g) });
  const running = c.kind !== 'lobby' && c.kind !== 'ended';
  const buttons = el.querySelector('.tile-actions');
  const label = (role, text, aria, disabled) => {
    const b = buttons.querySelector(`[data-role="${role}"]`);
    setText(b, text);
    b.setAttribute('aria-label', aria);
    b.disabled = disabled;
  };
  label('open', t('ins.openBoard'), t('ins.openBoardOf', { group: g.name }), false);
  label('plus', t('ins.plusShort'), t('ins.plusOf', { group: g.name }), !running);
  label('minus', t('ins.minusShort'), t('ins.minusOf', { group: g.name }), !running);
  label('spotlight', `★ ${t('ins.spotlight')}`, t('ins.spotlightOf', { group: g.name }), !running);
  label('help', t('ins.helpClear'), t('ins.helpClearOf', { group: g.name }), !g.help);
  // Only a group that asked has something to resolve: no disabled button on every other tile.
  show(buttons.querySelector('[data-role="help"]'), !!g.help);
}

function tileMeta(g, live) {
  const extra = g.extraMs ? ` · ${t('ins.extra', { time: (g.extraMs > 0 ? '+' : '−') + formatMs(Math.abs(g.extraMs)) })}` : '';
  const wait = g.help && g.helpAt ? ` · ⚑ ${waited(clock.now() - g.helpAt)}` : '';
  return `${t('ins.cards', { n: cardCount(g) })} · ${t('ins.lastActivity', { when: ago(g.lastActivityAt, clock.now()) })}${extra}${wait}`;
}

function renderOrder(live, c) {
  const serverOrder = c.order && c.order.length ? c.order
    : live.groupList().filter((g) => (g.members || []).length).map((g) => g.groupId);
  const order = S.orderDraft || serverOrder;
  const names = new Map(live.groupList().map((g) => [g.groupId, g.name]));
  const missing = live.groupList().map((g) => g.groupId).filter((id) => !order.includes(id));
  const items = [...order.map((id) => ({ id, inOrder: true })), ...missing.map((id) => ({ id, inOrder: false }))];
  const edit = (fn) => {
    const draft = [...(S.orderDraft || serverOrder)];
    fn(draft);
    S.orderDraft = draft;
    store.changed();
  };
  reconcile($('#order-list'), items, (x) => `${x.id}`,
    (x) => h('li', { testid: 'order-item', dataset: { groupId: x.id } }, h('span'),
      h('button', { type: 'button', class: 'small icon', dataset: { role: 'up' } }, '↑'),
      h('button', { type: 'button', class: 'small icon', dataset: { role: 'down' } }, '↓'),
      h('button', { type: 'button', class: 'small', dataset: { role: 'toggle' } })),
    (li, x) => {
      const index = order.indexOf(x.id);
      const name = names.get(x.id) || x.id;
      setText(li.querySelector('span'), x.inOrder ? `${index + 1}. ${name}` : `– ${name} (${t('ins.notInOrder')})`);
      const up = li.querySelector('[data-role="up"]');
      const down = li.querySelector('[data-role="down"]');
      const toggle = li.querySelector('[data-role="toggle"]');
      up.disabled = !x.inOrder || index === 0;
      down.disabled = !x.inOrder || index === order.length - 1;
      up.setAttribute('aria-label', t('ins.orderUp', { group: name }));
      down.setAttribute('aria-label', t('ins.orderDown', { group: name }));
      setText(toggle, x.inOrder ? t('ins.orderRemove') : t('ins.orderAdd'));
      up.onclick = () => edit((d) => { const i = d.indexOf(x.id); d.splice(i, 1); d.splice(i - 1, 0, x.id); });
      down.onclick = () => edit((d) => { const i = d.indexOf(x.id); d.splice(i, 1); d.splice(i + 1, 0, x.id); });
      toggle.onclick = () => edit((d) => { const i = d.indexOf(x.id); if (i >= 0) d.splice(i, 1); else d.push(x.id); });
    });
  $('#order-save').disabled = !S.orderDraft || S.orderDraft.length === 0;
}

function renderDialog(live, c) {
  const dialog = $('#group-dialog');
  const g = S.openGroup ? live.groups.get(S.openGroup) : null;
  if (!g) {
    if (dialog.open) dialog.close();
    return;
  }
  const running = c.kind !== 'lobby' && c.kind !== 'ended';
  setText($('#dialog-title'), g.name);
  dialog.dataset.groupId = g.groupId;
  $('#dialog-plus').disabled = !running;
  $('#dialog-minus').disabled = !running;
  $('#dialog-spotlight').disabled = !running;
  $('#dialog-help').disabled = !g.help;
  renderBoard($('#dialog-board'), live.workshop.prompts, g.cards, { testidPrefix: 'dialog' });
  const presence = live.presence.get(g.groupId) || new Set();
  const others = live.groupList().filter((x) => x.groupId !== g.groupId);
  if (dialogBuiltFor !== g.groupId) {
    dialogBuiltFor = g.groupId;
    replace($('#dialog-members'));
    $('#feedback-input').value = '';
  }
  reconcile($('#dialog-members'), g.members || [], (m) => m.studentId,
    (m) => {
      const select = h('select', { testid: 'move-select', attrs: { 'aria-label': t('ins.moveTo', { name: m.name }) } },
        others.map((o) => h('option', { value: o.groupId }, o.name)));
      return h('li', { class: 'move-row', testid: 'dialog-member', dataset: { studentId: m.studentId } },
        h('span', { class: 'member-name' }), select,
        h('button', { type: 'button', class: 'small', testid: 'move-submit',
          onclick: () => op({ type: 'student.move', studentId: m.studentId, groupId: select.value }) }, t('ins.move')));
    },
    (li, m) => {
      const on = presence.has(m.studentId);
      setText(li.querySelector('.member-name'), `${on ? '●' : '○'} ${m.name} (${on ? t('members.online') : t('members.offline')})`);
    });
  reconcile($('#dialog-feedback'), g.feedback || [], (f) => `${f.at}`, () => h('li', { class: 'feedback-item' }), (li, f) => setText(li, f.text));
  if (!isComposing($('#feedback-input'))) $('#feedback-input').placeholder = t('ins.feedbackPlaceholder');
}

// ------------------------------------------------------------------ clock and "time since"

let agoTick = 0;

function tick() {
  const live = S.live;
  if (!live || !live.workshop || S.route.name !== 'workshop') return;
  const c = live.commonClock;
  // The same model as the projector and the phones (lib/clock.js): phase, slot and time agree.
  const view = clockDisplay(c, clock.now(), { graceMs: live.workshop.graceMs });
  const shown = view.ms;
  const el = $('#ws-clock');
  setText(el, formatDisplay(view));
  el.dataset.mode = view.mode;
  el.dataset.overtime = String(view.overtime);
  el.dataset.remainingMs = shown === null ? '' : String(Math.round(shown));
  // The deadline on this device's clock (server deadline minus offset): constant between ticks,
  // so pages can be compared exactly.
  el.dataset.endsLocal = shown === null ? '' : String(Math.round(Date.now() + (view.overtime ? -shown : shown)));
  setText($('#ws-phase'), phaseTitle(live.workshop, c));
  const groupName = (id) => { const g = live.groups.get(id); return g ? g.name : id; };
  setText($('#ws-clock-note'), displayNote(view, groupName));
  el.parentElement.dataset.paused = String(!!view.paused);
  announcer.update(c ? `${c.phase}:${view.mode}:${view.slot ? view.slot.index : ''}` : 'lobby', view.overtime ? null : shown, view.paused);
  // "Last activity" moves with time, not with events: refresh it every other tick.
  agoTick = (agoTick + 1) % 2;
  if (agoTick === 0) {
    for (const tile of $$('#grid .tile')) {
      const g = live.groups.get(tile.dataset.groupId);
      if (g) {
        setText(tile.querySelector('.tile-meta'), tileMeta(g, live));
        renderNudge(tile, g, c, clock.now());
      }
      if (g && g.help) renderTileCounts(tile.querySelector('.tile-counts'), g, live.workshop.prompts,
        (live.presence.get(g.groupId) || new Set()).size, clock.now());
    }
    helpAlert.render(live.groupList(), clock.now(), `${t('ins.brand')} · ${live.workshop.exerciseTitle}`);
    if (S.openGroup) {
      const g = live.groups.get(S.openGroup);
      if (g) setText($('#dialog-meta'), tileMeta(g, live));
    }
  }
}

boot();
