// Timeline replay as a model, no DOM: the board of one group at any moment of its log, folded by
// the very fold the live board uses (group-state.js applyEvent). Seeking folds from the nearest
// snapshot (one every SNAPSHOT_EVERY events), so a scrub over a long log stays cheap on a phone.
import { applyEvent } from './group-state.js';

export const SNAPSHOT_EVERY = 64;

/** The state of a group before its first event, exactly as the server's empty room shows it. */
export function emptyGroup(groupId, name, promptIds) {
  const cards = {};
  for (const p of promptIds) cards[p] = [];
  return {
    groupId, name, seq: 0, members: [], cards, submitted: false, help: false, helpAt: 0, feedback: [],
    lastActivityAt: 0, extraMs: 0,
    clock: { phase: 'lobby', phaseIndex: -1, kind: 'lobby', phaseStartedAt: 0, endsAt: 0, paused: false,
      pausedAt: 0, warned: false, writableEndedAt: 0, order: [] },
    broadcasts: [], reactions: {}, gallery: [],
  };
}

export class Replay {
  /** log: the group's event messages {groupId, seq, at, event} in seq order. */
  constructor(initial, log) {
    this.log = log;
    this.snapshots = [structuredClone(initial)];
    const g = structuredClone(initial);
    log.forEach((m, i) => {
      applyEvent(g, m);
      if ((i + 1) % SNAPSHOT_EVERY === 0) this.snapshots.push(structuredClone(g));
    });
    this.start = log.length ? log[0].at : 0;
    this.end = log.length ? log[log.length - 1].at : 0;
  }

  /** How many events happened at or before time t. */
  countAt(t) {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.log[mid].at <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The group's state after its first n events (a fresh object the caller may keep). */
  stateAfter(n) {
    const k = Math.min(Math.floor(n / SNAPSHOT_EVERY), this.snapshots.length - 1);
    const g = structuredClone(this.snapshots[k]);
    for (let i = k * SNAPSHOT_EVERY; i < n; i++) applyEvent(g, this.log[i]);
    return g;
  }

  /** The state as it stood at time t, and the event that led to it (null before the first). */
  at(t) {
    const n = this.countAt(t);
    return { n, group: this.stateAfter(n), last: n > 0 ? this.log[n - 1] : null };
  }
}

/** Time left on the clock at t, as the live screens show it (a paused clock stands still). */
export function remainingAt(clock, t) {
  if (!clock || !clock.endsAt) return null;
  return Math.max(0, clock.endsAt - (clock.paused ? clock.pausedAt : t));
}
