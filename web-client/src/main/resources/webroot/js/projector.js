// The projector view: readable from the back of the room. Before the start it shows how to
// join (code, QR, URL); during the discussion the clock; during presentations the spotlighted
// group's answers and its slot timer. It follows the workshop with the instructor's login.
import { $, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { ServerClock, clockView, formatMs, phaseTitle } from './lib/clock.js';
import { renderBoard } from './lib/board-view.js';
import { countsBadge } from './lib/reactions-view.js';
import { WorkshopLive, instructorToken } from './lib/workshop-live.js';
import { local } from './lib/storage.js';
import { ProjectorSynthesis } from './projector-synthesis.js';

const clock = new ServerClock();
const workshopId = new URLSearchParams(location.search).get('workshop') || '';
let live = null;
let synthesis = null;
let boardKey = null;
let frame = 0;

function changed() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = 0; render(); });
}

function notice(text) {
  setText($('#notice'), text);
  show($('#notice'), !!text);
}

async function start() {
  initI18n();
  wireLangToggle($('#lang'));
  onLangChange(() => { boardKey = null; render(); });
  setInterval(tick, 250);
  $('#login-form').addEventListener('submit', login);
  if (!workshopId) {
    notice(t('proj.noWorkshop'));
    return;
  }
  const token = instructorToken.get();
  if (!token) {
    showLogin('');
    return;
  }
  live = new WorkshopLive(workshopId, token, clock);
  live.addEventListener('change', changed);
  live.addEventListener('unauthorized', () => { live.stop(); live = null; showLogin(t('ins.expired')); });
  live.addEventListener('gone', () => notice(t('ins.gone')));
  try {
    await live.start();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      live = null;
      showLogin(t('ins.expired'));
    } else notice(e instanceof ApiError && e.status === 404 ? t('ins.gone') : e.localized());
    return;
  }
  show($('#proj-login'), false);
  synthesis = new ProjectorSynthesis($('#proj-synthesis'), $('#proj-syn-toggle'), live);
  changed();
}

function showLogin(message) {
  show($('#proj-login'), true);
  show($('#proj-join'), false);
  show($('#proj-live'), false);
  setText($('#login-error'), message);
  show($('#login-error'), !!message);
}

async function login(e) {
  e.preventDefault();
  try {
    const { token } = await api('POST', '/api/instructor/login', { body: { password: $('#login-password').value } });
    instructorToken.set(token);
    $('#login-password').value = '';
    start();
  } catch (err) {
    setText($('#login-error'), err instanceof ApiError && err.status === 401 ? t('ins.wrongPassword') : err.localized());
    show($('#login-error'), true);
  }
}

function joinUrl(code) {
  // The server builds the URL from its public address when the workshop is created; the
  // dashboard keeps it. Otherwise this page's own origin is the best guess.
  return local.get(`breakout.joinUrl.${workshopId}`, null) || `${location.origin}/join?code=${code}`;
}

function render() {
  if (!live || !live.workshop) return;
  const w = live.workshop;
  document.title = `${t('proj.title')} · ${w.exerciseTitle}`;
  setText($('#proj-brand'), `${w.sessionTitle} · ${w.exerciseTitle}`);
  const conn = $('#conn');
  conn.dataset.state = live.status;
  setText(conn, t(`conn.${live.status}`));
  show(conn, live.status !== 'online');

  const c = live.commonClock || { kind: 'lobby' };
  const lobby = c.kind === 'lobby';
  show($('#proj-join'), lobby);
  show($('#proj-live'), !lobby);
  const url = joinUrl(w.joinCode);
  setText($('#proj-code'), w.joinCode);
  setText($('#proj-url'), url);
  const qr = $('#proj-qr');
  const src = `/api/join/${encodeURIComponent(w.joinCode)}/qr.svg`;
  if (qr.getAttribute('src') !== src) qr.setAttribute('src', src);
  qr.alt = t('proj.qrAlt', { url });
  const students = live.students.size;
  const online = [...live.presence.values()].reduce((n, set) => n + set.size, 0);
  setText($('#proj-count'), t('proj.count', { n: students, online }));
  setText($('#proj-small-join'), c.kind === 'ended' ? '' : t('proj.smallJoin', { code: w.joinCode, url }));

  const presenting = c.kind === 'presentation' && c.slot;
  show($('#proj-spot'), !!presenting);
  if (presenting) {
    const g = live.groups.get(c.slot.groupId);
    const key = `${c.slot.groupId}|${g ? g.seq : 0}|${document.documentElement.lang}`;
    if (key !== boardKey) {
      boardKey = key;
      setText($('#proj-spot-title'), t('proj.presenting', { group: g ? g.name : c.slot.groupId, i: c.slot.index + 1, n: c.slot.count }));
      $('#proj-spot').dataset.groupId = c.slot.groupId;
      // The live board of the presenting group: edits made during the grace show up too.
      renderBoard($('#proj-board'), w.prompts, g ? g.cards : {}, { compact: true, testidPrefix: 'projector',
        extra: (card) => countsBadge(g, card) });
    }
  }
  let message = '';
  if (c.kind === 'ended') message = t('proj.ended');
  else if (c.kind === 'discussion' || c.kind === 'other') message = t('proj.discussing');
  else if (c.kind === 'gallery') message = t('proj.gallery');
  setText($('#proj-message'), message);
  if (synthesis) synthesis.update(c);
  tick();
}

function tick() {
  if (!live || !live.workshop) return;
  const c = live.commonClock;
  if (!c || c.kind === 'lobby') return;
  const view = clockView(c, 0, live.workshop.graceMs, clock.now());
  const slot = c.kind === 'presentation' && view.slotRemainingMs !== null;
  const shown = c.kind === 'ended' ? 0 : slot ? view.slotRemainingMs : view.remainingMs;
  const el = $('#proj-clock');
  setText(el, formatMs(shown));
  el.dataset.remainingMs = String(Math.round(shown || 0));
  // The deadline on this device's clock (server deadline minus offset): constant between ticks,
  // so pages can be compared exactly.
  el.dataset.endsLocal = shown === null ? '' : String(Math.round(Date.now() + shown));
  setText($('#proj-phase'), `${phaseTitle(live.workshop, c)}${view.paused ? ` · ${t('clock.paused')}` : ''}`);
}

start();
