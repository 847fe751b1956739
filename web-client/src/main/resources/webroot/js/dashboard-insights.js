// What the dashboard adds from issue 14, kept out of instructor.js: the live nudge flags on each
// tile (thresholds from the server's settings via /analytics), the reaction counts on the tiles'
// cards, and the way to the review page (replay and analytics, live or afterwards).
import { h, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { api } from './lib/api.js';
import { nudgeFlags, DEFAULT_RULES } from './lib/nudges.js';
import { countsBadge } from './lib/reactions-view.js';

let rules = DEFAULT_RULES;

/** Reads the configured nudge thresholds once a workshop opens; the defaults stand until then. */
export async function loadNudgeRules(workshopId, token) {
  try {
    const a = await api('GET', `/api/workshops/${encodeURIComponent(workshopId)}/analytics`, { token });
    if (a && a.nudgeRules) rules = a.nudgeRules;
  } catch {
    // The flags are a hint: without the settings the documented defaults apply.
  }
}

/** Shows or hides the tile's nudge flag for group g at now (server time). */
export function renderNudge(tile, g, clock, now) {
  let flag = tile.querySelector('[data-testid="tile-nudge"]');
  if (!flag) {
    flag = h('span', { class: 'flag nudge', testid: 'tile-nudge' });
    tile.querySelector('.tile-head').append(flag);
  }
  const flags = nudgeFlags(rules, clock, g, now);
  flag.dataset.flags = flags.join(' ');
  setText(flag, flags.map((f) => `⚠ ${t(f === 'no-card' ? 'ins.nudgeNoCard' : 'ins.nudgeIdle')}`).join(' · '));
  show(flag, flags.length > 0);
}

/** The reaction counts of one of group g's cards, for renderBoard's extra. */
export function tileReactions(g) {
  return (card) => countsBadge(g, card, 'tile-reaction-counts');
}

/** Points the dashboard's review link at this workshop. */
export function reviewLink(workshopId) {
  let link = document.getElementById('open-review');
  if (!link) {
    link = h('a', { id: 'open-review', class: 'button small', testid: 'open-review' });
    document.getElementById('open-projector').after(link);
  }
  link.href = `/review.html#/w/${encodeURIComponent(workshopId)}`;
  setText(link, t('ins.review'));
}
