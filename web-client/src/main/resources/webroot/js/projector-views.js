// The projector's views of the room, besides the clock: who is arriving (lobby), what the
// groups work on and how far they are (discussion), the presenting group's whole board fitted
// to the screen (presentations), and every group's board at the end.
import { $, h, reconcile, replace, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { renderBoard } from './lib/board-view.js';
import { countsBadge } from './lib/reactions-view.js';
import { fitBoard, turnTo } from './lib/fit-board.js';
import { promptShort } from './lib/prompt-label.js';
import { ProjectorLink } from './lib/projector-link.js';

/** At most this many names on the join screen; the rest are counted. */
const MAX_NAMES = 48;
/** More groups than this: the progress table is split in two, side by side. */
const SPLIT_FROM = 12;

// ------------------------------------------------------------------ lobby

export function renderArrivals(live) {
  const students = [...live.students.values()];
  const newestFirst = students.slice().reverse();
  const shown = newestFirst.slice(0, MAX_NAMES);
  const items = shown.map((s) => ({ key: s.studentId, text: s.name }));
  if (students.length > shown.length) items.push({ key: 'more', text: t('proj.moreNames', { n: students.length - shown.length }), more: true });
  reconcile($('#proj-names'), items, (x) => x.key,
    (x) => h('li', { class: x.more ? 'more' : '', testid: x.more ? 'projector-names-more' : 'projector-name' }),
    (li, x) => setText(li, x.text));
}

// ------------------------------------------------------------------ discussion

export function renderDiscussion(live) {
  const w = live.workshop;
  setText($('#proj-scenario'), w.scenario || '');
  reconcile($('#proj-conditions'), (w.conditions || []).map((c, i) => ({ c, i })), (x) => `${x.i}`,
    () => h('li'), (li, x) => setText(li, x.c));
  reconcile($('#proj-prompts'), w.prompts || [], (p) => p.id, () => h('li'), (li, p) => setText(li, p.text));

  const groups = live.groupList().filter((g) => (g.members || []).length > 0 || live.groupList().length <= SPLIT_FROM);
  const halves = groups.length > SPLIT_FROM ? [groups.slice(0, Math.ceil(groups.length / 2)), groups.slice(Math.ceil(groups.length / 2))] : [groups];
  const key = JSON.stringify([document.documentElement.lang, halves.map((half) => half.map((g) => [g.groupId, g.name,
    (g.members || []).length, !!g.submitted, w.prompts.map((p) => ((g.cards || {})[p.id] || []).length)]))]);
  $('#proj-discussion').dataset.many = String(halves.length > 1);
  const box = $('#proj-progress');
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.style.display = halves.length > 1 ? 'grid' : '';
  box.style.gridTemplateColumns = halves.length > 1 ? '1fr 1fr' : '';
  box.style.gap = halves.length > 1 ? '1vw' : '';
  replace(box, ...halves.map((half) => progressTable(half, w.prompts, halves.length > 1)));
}

function progressTable(groups, prompts, many) {
  return h('table', { class: 'proj-progress', dataset: { many: String(many) } },
    h('caption', { class: 'sr-only' }, t('proj.progress')),
    h('thead', {}, h('tr', {},
      h('th', { attrs: { scope: 'col' } }, t('proj.group')),
      h('th', { attrs: { scope: 'col' } }, t('proj.people')),
      ...prompts.map((p) => h('th', { attrs: { scope: 'col', title: p.text } }, promptShort(p))),
      h('th', { attrs: { scope: 'col' } }, t('proj.submitted')))),
    h('tbody', {}, groups.map((g) => h('tr', { testid: 'projector-group', dataset: { groupId: g.groupId } },
      h('th', { attrs: { scope: 'row' } }, g.name),
      h('td', {}, String((g.members || []).length)),
      ...prompts.map((p) => h('td', { testid: 'projector-count-cell' }, String(((g.cards || {})[p.id] || []).length))),
      h('td', { class: g.submitted ? 'done' : '' }, g.submitted ? `✓ ${t('proj.done')}` : '–')))));
}

// ------------------------------------------------------------------ spotlight

/** The presenting group's board, fitted to the rest of the screen; pages turn with keys or buttons. */
export class Spotlight {
  constructor() {
    this.frame = $('#proj-fit');
    this.board = $('#proj-board');
    this.key = null;
    this.groupId = null;
    this.page = 0;
    this.pages = 1;
    $('#proj-prev').addEventListener('click', () => this.turn(-1));
    $('#proj-next').addEventListener('click', () => this.turn(1));
    document.addEventListener('keydown', (e) => {
      if ($('#proj-spot').hidden || e.altKey || e.ctrlKey || e.metaKey) return;
      // Presentation clickers send PageDown/PageUp (or the arrow keys).
      if (['ArrowRight', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); this.turn(1); }
      if (['ArrowLeft', 'PageUp'].includes(e.key)) { e.preventDefault(); this.turn(-1); }
    });
    window.addEventListener('resize', () => { this.key = null; });
    // The dashboard (same browser) can turn the pages too.
    const workshopId = new URLSearchParams(location.search).get('workshop');
    this.link = workshopId ? new ProjectorLink(workshopId, (m) => {
      if (m.type === 'turn') this.turn(m.delta > 0 ? 1 : -1);
      if (m.type === 'hello') this.announce();
    }) : null;
  }

  /** Tells the dashboard how many pages the board has now (0: no board shown). */
  announce() {
    const shown = !$('#proj-spot').hidden;
    if (this.link) this.link.send({ type: 'pages', page: shown ? this.page : 0, pages: shown ? this.pages : 0 });
  }

  render(live, groupId) {
    const g = live.groups.get(groupId);
    const key = `${groupId}|${g ? g.seq : 0}|${document.documentElement.lang}|${innerWidth}x${innerHeight}`;
    if (key === this.key) return;
    this.key = key;
    if (groupId !== this.groupId) this.page = 0;
    this.groupId = groupId;
    // The live board of the presenting group: edits made during the grace show up too.
    renderBoard(this.board, live.workshop.prompts, g ? g.cards : {}, { compact: true, testidPrefix: 'projector',
      extra: (card) => countsBadge(g, card) });
    this.layout();
  }

  layout() {
    const top = this.frame.getBoundingClientRect().top;
    this.frame.style.height = `${Math.max(200, Math.floor(innerHeight - top - innerHeight * 0.03))}px`;
    const fit = fitBoard(this.frame, this.board);
    this.pages = fit.pages;
    this.page = Math.min(this.page, this.pages - 1);
    this.frame.dataset.scale = String(fit.scale);
    this.frame.dataset.pages = String(fit.pages);
    this.show();
  }

  turn(delta) {
    const next = Math.max(0, Math.min(this.pages - 1, this.page + delta));
    if (next === this.page) return;
    this.page = next;
    this.show();
  }

  show() {
    turnTo(this.frame, this.board, this.page);
    this.frame.dataset.page = String(this.page);
    show($('#proj-pager'), this.pages > 1);
    setText($('#proj-page'), t('proj.page', { i: this.page + 1, n: this.pages }));
    $('#proj-prev').disabled = this.page === 0;
    $('#proj-next').disabled = this.page >= this.pages - 1;
    this.announce();
  }
}

// ------------------------------------------------------------------ the end

export function renderWrapUp(live) {
  setText($('#proj-end-title'), t('proj.ended'));
  const groups = live.groupList().filter((g) => (g.members || []).length > 0 || Object.values(g.cards || {}).some((l) => l.length));
  const key = JSON.stringify([document.documentElement.lang, groups.map((g) => [g.groupId, g.seq])]);
  const wrap = $('#proj-wrap');
  if (wrap.dataset.key === key) return;
  wrap.dataset.key = key;
  replace(wrap, ...groups.map((g) => {
    const board = h('div', { class: 'board' });
    renderBoard(board, live.workshop.prompts, g.cards, { compact: true, testidPrefix: 'wrap' });
    return h('section', { class: 'proj-wrap-group', testid: 'projector-wrap-group', dataset: { groupId: g.groupId },
      attrs: { 'aria-label': g.name } }, h('h3', {}, g.name), board);
  }));
}
