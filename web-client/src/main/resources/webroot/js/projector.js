// The projector view: readable from the back of the room. Before the start it shows how to
// join (code, QR, URL); during the discussion the clock; during presentations the spotlighted
// group's answers and its slot timer. It follows the workshop with the instructor's login.
import { $, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange } from './lib/i18n.js';
import { api, ApiError } from './lib/api.js';
import { ServerClock, phaseTitle, clockDisplay, formatDisplay, displayNote } from './lib/clock.js';
import { WorkshopLive, instructorToken } from './lib/workshop-live.js';
import { local } from './lib/storage.js';
import { Spotlight, renderArrivals, renderDiscussion, renderWrapUp } from './projector-views.js';
import { ProjectorSynthesis } from './projector-synthesis.js';
import { Store } from './lib/store.js';

const clock = new ServerClock();
const workshopId = new URLSearchParams(location.search).get('workshop') || '';
let live = null;
let synthesis = null;
let boardKey = null;
let spotlight = null;
// The page's state is the followed workshop (live); the shared store batches its redraws.
const store = new Store({});
store.addEventListener('change', () => render());

function changed() {
  store.changed();
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
  spotlight = new Spotlight();
  window.addEventListener('resize', changed);
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
  document.title = `${t('proj.title')} · ${w.name || w.exerciseTitle}`;
  setText($('#proj-brand'), w.name ? `${w.name} — ${w.sessionTitle} · ${w.exerciseTitle}` : `${w.sessionTitle} · ${w.exerciseTitle}`);
  const conn = $('#conn');
  conn.dataset.state = live.status;
  setText(conn, t(`conn.${live.status}`));
  show(conn, live.status !== 'online');

  const c = live.commonClock || { kind: 'lobby' };
  const lobby = c.kind === 'lobby';
  document.body.dataset.kind = c.kind;
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
  // The join code and QR stay small in a corner for latecomers, except over a presenting board.
  show($('#proj-small-join'), false);
  if (lobby) renderArrivals(live);
  const corner = !lobby && c.kind !== 'ended' && c.kind !== 'presentation';
  show($('#proj-corner'), corner);
  if (corner) {
    setText($('#proj-corner-code'), w.joinCode);
    setText($('#proj-corner-url'), url);
    const cornerQr = $('#proj-corner-qr');
    if (cornerQr.getAttribute('src') !== src) cornerQr.setAttribute('src', src);
    cornerQr.alt = t('proj.qrAlt', { url });
  }
  // Between the discussion and the first presenter the room still sees the work and its progress.
  const writing = c.kind === 'discussion' || c.kind === 'other' || (c.kind === 'presentation' && !c.slot);
  show($('#proj-discussion'), writing);
  if (writing) renderDiscussion(live);

  const presenting = c.kind === 'presentation' && c.slot;
  const spotWas = !$('#proj-spot').hidden;
  show($('#proj-spot'), !!presenting);
  if (spotWas && !presenting) spotlight.announce();
  if (presenting) {
    const g = live.groups.get(c.slot.groupId);
    const key = `${c.slot.groupId}|${c.slot.index}|${document.documentElement.lang}`;
    if (key !== boardKey) {
      boardKey = key;
      setText($('#proj-spot-title'), t('proj.presenting', { group: g ? g.name : c.slot.groupId, i: c.slot.index + 1, n: c.slot.count }));
      $('#proj-spot').dataset.groupId = c.slot.groupId;
    }
    spotlight.render(live, c.slot.groupId);
  }
  // The end is a wrap-up of the groups' work, never a bare 0:00.
  const ended = c.kind === 'ended';
  show($('#proj-end'), ended);
  show($('#proj-clock'), !ended);
  if (ended) renderWrapUp(live);
  // The gallery walk says what it is (the boards are on the phones).
  setText($('#proj-message'), c.kind === 'gallery' ? t('proj.gallery') : '');
  show($('#proj-message'), c.kind === 'gallery');
  if (synthesis) synthesis.update(c);
  tick();
}

function tick() {
  if (!live || !live.workshop) return;
  const c = live.commonClock;
  if (!c || c.kind === 'lobby') return;
  // The same model as the dashboard and the phones (lib/clock.js).
  const view = clockDisplay(c, clock.now(), { graceMs: live.workshop.graceMs });
  const shown = view.ms;
  const el = $('#proj-clock');
  // No bare clock where nothing is timed (the wait for the instructor, the end).
  setText(el, shown === null ? '' : formatDisplay(view));
  el.dataset.mode = view.mode;
  el.dataset.overtime = String(view.overtime);
  el.dataset.remainingMs = String(Math.round(shown || 0));
  // The deadline on this device's clock (server deadline minus offset): constant between ticks,
  // so pages can be compared exactly.
  el.dataset.endsLocal = shown === null ? '' : String(Math.round(Date.now() + (view.overtime ? -shown : shown)));
  // The handover's stage (ready, countdown, waiting) and the slot, as on the dashboard and phones.
  const note = view.mode === 'phase' ? '' : displayNote(view, (id) => (live.groups.get(id) || { name: id }).name);
  setText($('#proj-phase'), `${phaseTitle(live.workshop, c)}${view.paused ? ` · ${t('clock.paused')}` : ''}${note ? ` · ${note}` : ''}`);
}

start();
