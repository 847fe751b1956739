// The student app: join, lobby, and the group room. Phones first.
// One store (student-store.js) holds everything; render() draws the page from it. Inputs are
// never rebuilt by a render (keyed reconciliation keeps them), and nothing structural happens
// around an input while an IME composition is running in it.
// The screens: student-join.js, student-room.js (lobby and room), student-cards.js (cards and
// their editor), student-banners.js; the seat and connection: student-connection.js.
import { h, $, setText, show } from './lib/dom.js';
import { t, initI18n, wireLangToggle, onLangChange } from './lib/i18n.js';
import { formatMs, CountdownAnnouncer, phaseTitle, clockDisplay, formatDisplay, displayNote } from './lib/clock.js';
import { onCompositionEnd } from './lib/ime.js';
import { local } from './lib/storage.js';
import { trackKeyboardInset } from './lib/keyboard-inset.js';
import { store, S, page, keys, clock, screen, currentClockView } from './student-store.js';
import { resume } from './student-connection.js';
import { wireJoinForm, lookUpCode, renderJoin } from './student-join.js';
import { renderLobby, wireRoom, renderRoom } from './student-room.js';
import { renderBanners } from './student-banners.js';

// ==================================================================== boot

function boot() {
  initI18n();
  wireLangToggle($('#lang'));
  onLangChange(() => { page.lastWriting = null; render(); });
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

// ==================================================================== render

let lastScreen = null;
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
  const pendingCount = page.conn ? page.conn.pending.length : 0;
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
  if (view.writing !== page.lastWriting) {
    page.lastWriting = view.writing;
    store.changed();
  } else if (view.writing === 'grace' || (c.warned && c.kind === 'discussion')) {
    renderBanners(view);
  }
}

boot();
