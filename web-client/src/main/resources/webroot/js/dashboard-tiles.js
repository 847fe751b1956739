// The dashboard's group tiles as a grid the instructor can order and compress: help first,
// least active first or by number; a comfortable density that shows each group's whole board,
// and a compact one (a line of facts per group) so that 30 groups fit a 1366×768 screen.
import { h, reconcile, setText } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { local } from './lib/storage.js';
import { promptShort } from './lib/prompt-label.js';
import { waited } from './lib/help-alert.js';

const SORT_KEY = 'breakout.tileSort';
const DENSITY_KEY = 'breakout.tileDensity';
/** Above this many groups the grid starts compact, unless the instructor chose otherwise. */
const COMPACT_FROM = 12;

export class TileGrid {
  constructor(grid, sortSelect, densitySelect, onChange) {
    this.grid = grid;
    this.sortSelect = sortSelect;
    this.densitySelect = densitySelect;
    this.sort = local.get(SORT_KEY, 'help');
    this.density = local.get(DENSITY_KEY, null);
    sortSelect.value = this.sort;
    sortSelect.addEventListener('change', () => {
      this.sort = sortSelect.value;
      local.set(SORT_KEY, this.sort);
      onChange();
    });
    densitySelect.addEventListener('change', () => {
      this.density = densitySelect.value;
      local.set(DENSITY_KEY, this.density);
      onChange();
    });
  }

  /** The groups in the chosen order; the density applied to the grid. */
  arrange(groups) {
    const density = this.density || (groups.length > COMPACT_FROM ? 'compact' : 'comfortable');
    this.grid.dataset.density = density;
    if (this.densitySelect.value !== density) this.densitySelect.value = density;
    const number = new Map(groups.map((g, i) => [g.groupId, i]));
    const byNumber = (a, b) => number.get(a.groupId) - number.get(b.groupId);
    const list = [...groups];
    if (this.sort === 'number') return list;
    if (this.sort === 'idle') {
      // Least active first: never active before anything, then the longest silence.
      return list.sort((a, b) => (a.lastActivityAt || 0) - (b.lastActivityAt || 0) || byNumber(a, b));
    }
    // Help first, the longest wait at the top; then by number.
    return list.sort((a, b) => (b.help ? 1 : 0) - (a.help ? 1 : 0)
      || (a.help && b.help ? (a.helpAt || 0) - (b.helpAt || 0) : 0) || byNumber(a, b));
  }
}

/**
 * The compact tile's facts on one line: cards per prompt ("3·2·1", each prompt named for screen
 * readers and in the tooltip), people, and how long a help request has waited.
 */
export function renderTileCounts(el, g, prompts, onlineCount, now) {
  const cards = g.cards || {};
  const counts = prompts.map((p) => (cards[p.id] || []).length);
  const full = prompts.map((p, i) => `${promptShort(p)} ${counts[i]}`).join(', ');
  const items = [
    { key: 'cards', text: t('ins.cardsShort', { counts: counts.join('·') }), label: t('ins.cardsPerPrompt', { list: full }) },
    { key: 'members', text: t('ins.membersShort', { n: (g.members || []).length, online: onlineCount }),
      label: t('ins.membersCount', { n: (g.members || []).length, online: onlineCount }) },
  ];
  if (g.help && g.helpAt) items.push({ key: 'wait', text: `⚑ ${waited(now - g.helpAt)}`, cls: 'tile-wait' });
  el.title = `${full} · ${items[1].label}`;
  reconcile(el, items, (x) => x.key,
    (x) => h('span', { class: x.cls || '' }, h('span', { attrs: { 'aria-hidden': x.label ? 'true' : null } }),
      x.label ? h('span', { class: 'sr-only' }) : null),
    (span, x) => {
      setText(span.firstChild, x.text);
      if (x.label) setText(span.lastChild, x.label);
    });
}
