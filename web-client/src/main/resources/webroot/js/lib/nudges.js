// The dashboard's live nudges, the same rules as the server's NudgeRules (docs/protocol.md 8):
// during a discussion, a group with members and no card after noCardMs is flagged "no-card";
// a group with no card or submit event for idleMs (counted from the phase start at the earliest)
// is flagged "idle". A paused clock counts at its pause.
import { cardCount } from './group-state.js';

export const DEFAULT_RULES = { noCardMs: 90000, idleMs: 120000 };

/** The flags of group g under clock c at now (server time). */
export function nudgeFlags(rules, c, g, now) {
  const flags = [];
  if (!c || c.kind !== 'discussion' || !(g.members || []).length) return flags;
  const at = c.paused ? c.pausedAt : now;
  if (cardCount(g) === 0 && at - c.phaseStartedAt >= rules.noCardMs) flags.push('no-card');
  if (at - Math.max(c.phaseStartedAt, g.lastActivityAt || 0) >= rules.idleMs) flags.push('idle');
  return flags;
}
