// The replay of one group: a play button and a slider over the log's time, the board as it stood
// then (who wrote each card, late edits marked), the phase and the clock, and what just happened.
// Read-only; user text is set with textContent only.
import { h, setText } from './lib/dom.js';
import { t, formatDateTime } from './lib/i18n.js';
import { formatMs, phaseTitle } from './lib/clock.js';
import { renderBoard } from './lib/board-view.js';
import { countsBadge } from './lib/reactions-view.js';
import { Replay, emptyGroup, remainingAt } from './lib/replay.js';

const SPEED = 20; // exercise seconds per real second while playing

/** Mounts a replay of group (from the JSON export: name, groupId, log) into container. */
export function mountReplay(container, workshop, group, { timeText = defaultTime } = {}) {
  const replay = new Replay(emptyGroup(group.groupId, group.name, workshop.prompts.map((p) => p.id)), group.log);
  const slider = h('input', { type: 'range', testid: 'replay-slider', attrs: { 'aria-label': t('replay.slider') } });
  slider.min = String(replay.start);
  slider.max = String(replay.end);
  slider.step = '1';
  slider.value = String(replay.end);
  const play = h('button', { type: 'button', class: 'primary small', testid: 'replay-play' });
  const when = h('span', { class: 'replay-when', testid: 'replay-time' });
  const phase = h('span', { class: 'phase-name', testid: 'replay-phase' });
  const clock = h('span', { class: 'clock', testid: 'replay-clock' });
  const what = h('p', { class: 'hint replay-what', testid: 'replay-event' });
  const board = h('div', { class: 'board', testid: 'replay-board' });
  container.replaceChildren(
    h('div', { class: 'controls replay-controls' }, play, slider, when),
    h('div', { class: 'ws-clock' }, phase, clock), what, board);

  let timer = 0;
  let shownN = -1;
  const show = () => {
    const at = Number(slider.value);
    const { n, group: g, last } = replay.at(at);
    container.dataset.time = String(at);
    container.dataset.events = String(n);
    setText(when, `${timeText(at)} · ${t('replay.events', { n, total: replay.log.length })}`);
    setText(phase, phaseTitle(workshop, g.clock));
    setText(clock, formatMs(remainingAt(g.clock, at)));
    setText(what, last ? describe(last, g) : t('replay.before'));
    if (n === shownN) return;
    shownN = n;
    renderBoard(board, workshop.prompts, g.cards, { testidPrefix: 'replay', extra: (card) => countsBadge(g, card, 'replay-reactions') });
  };
  const stop = () => {
    if (timer) cancelAnimationFrame(timer);
    timer = 0;
    setText(play, `▶ ${t('replay.play')}`);
  };
  const start = () => {
    if (Number(slider.value) >= replay.end) slider.value = String(replay.start);
    let before = performance.now();
    const step = (now) => {
      const next = Math.min(replay.end, Number(slider.value) + (now - before) * SPEED);
      before = now;
      slider.value = String(Math.round(next));
      show();
      if (next >= replay.end) stop();
      else timer = requestAnimationFrame(step);
    };
    setText(play, `❚❚ ${t('replay.pause')}`);
    timer = requestAnimationFrame(step);
  };
  play.addEventListener('click', () => (timer ? stop() : start()));
  // A dragged slider fires faster than the screen draws: fold and draw once per frame.
  let pending = 0;
  slider.addEventListener('input', () => {
    stop();
    if (!pending) pending = requestAnimationFrame(() => { pending = 0; show(); });
  });
  stop();
  show();
  return { replay, show, stop, destroy: stop };
}

function defaultTime(ms) {
  return formatDateTime(ms);
}

/** One line on what the event at this moment did, from the state it led to. */
function describe(message, g) {
  const e = message.event;
  const member = (id) => {
    const m = (g.members || []).find((x) => x.studentId === id);
    return m ? m.name : '';
  };
  const card = (id) => {
    for (const list of Object.values(g.cards || {})) {
      const c = list.find((x) => x.cardId === id);
      if (c) return c;
    }
    return null;
  };
  switch (e.type) {
    case 'card.added': return t('replay.ev.added', { who: e.card.authorName, text: e.card.text });
    case 'card.edited': return t('replay.ev.edited', { who: member(e.editorId), text: e.text }) + (e.late ? ` (${t('card.late')})` : '');
    case 'card.deleted': return t('replay.ev.deleted') + (e.late ? ` (${t('card.late')})` : '');
    case 'card.moved': return t('replay.ev.moved', { text: card(e.cardId) ? card(e.cardId).text : '' });
    case 'student.joined': return t('replay.ev.joined', { who: e.name });
    case 'group.submitted': return e.submitted ? t('replay.ev.submitted') : t('replay.ev.unsubmitted');
    case 'reaction.changed': return t('replay.ev.reaction');
    default: return t('replay.ev.other', { type: e.type });
  }
}
