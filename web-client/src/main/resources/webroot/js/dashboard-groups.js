// One group on the dashboard: its tile in the grid and the dialog that opens it (its board,
// its members to move, feedback, time and spotlight for it alone).
import { h, $, reconcile, replace, setText, show } from './lib/dom.js';
import { t, ago } from './lib/i18n.js';
import { formatMs } from './lib/clock.js';
import { cardCount } from './lib/group-state.js';
import { renderBoard } from './lib/board-view.js';
import { isComposing } from './lib/ime.js';
import { waited } from './lib/help-alert.js';
import { renderTileCounts } from './dashboard-tiles.js';
import { renderNudge, tileReactions } from './dashboard-insights.js';
import { store, S, clock, op } from './dashboard-store.js';

/** Per tile, what its heavy parts were last drawn from. */
const tileKeys = new Map();
let dialogBuiltFor = null;

/** Redraw every tile in full at the next render (a language change, another workshop). */
export function forgetTiles() {
  tileKeys.clear();
}

/** Rebuild the open dialog at the next render (a language change). */
export function forgetDialog() {
  dialogBuiltFor = null;
}

export function openGroup(groupId) {
  S.openGroup = groupId;
  dialogBuiltFor = null;
  const dialog = $('#group-dialog');
  if (!dialog.open) dialog.showModal();
  store.changed();
}

export function wireGroupDialog() {
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

export function createTile(g) {
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

export function updateTile(el, g, live, c) {
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

export function tileMeta(g, live) {
  const extra = g.extraMs ? ` · ${t('ins.extra', { time: (g.extraMs > 0 ? '+' : '−') + formatMs(Math.abs(g.extraMs)) })}` : '';
  const wait = g.help && g.helpAt ? ` · ⚑ ${waited(clock.now() - g.helpAt)}` : '';
  return `${t('ins.cards', { n: cardCount(g) })} · ${t('ins.lastActivity', { when: ago(g.lastActivityAt, clock.now()) })}${extra}${wait}`;
}

export function renderDialog(live, c) {
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
