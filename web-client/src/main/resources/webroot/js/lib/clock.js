// The exercise clock is a deadline (endsAt), never a ticking counter: every page renders
// endsAt against its estimate of the server's time, so browsers agree with each other and a
// reload or a reconnect cannot reset a countdown.
import { t } from './i18n.js';

export class ServerClock {
  constructor() {
    this.offset = 0;
    this.bestRtt = Infinity;
    this.synced = false;
  }

  /** From a welcome: no round-trip estimate, so the error is the one-way delay. */
  syncWelcome(serverTime) {
    if (typeof serverTime !== 'number') return;
    if (this.bestRtt === Infinity) this.offset = serverTime - Date.now();
    this.synced = true;
  }

  /** From a pong: the server's time was read about halfway through the round trip. */
  syncPong(serverTime, sentAt, receivedAt) {
    if (typeof serverTime !== 'number') return;
    const rtt = receivedAt - sentAt;
    // A quick round trip bounds the error tightly; a slow one (queueing) is trusted only when
    // nothing better has been seen for a while (bestRtt decays on every sample).
    this.bestRtt *= 1.2;
    if (rtt <= this.bestRtt) {
      this.bestRtt = rtt;
      this.offset = serverTime - (sentAt + receivedAt) / 2;
    }
    this.synced = true;
  }

  now() {
    return Date.now() + this.offset;
  }
}

export const WRITABLE = new Set(['discussion', 'other']);

/**
 * What a group's clock shows at now: remaining ms of the phase (group extra time included in a
 * writing phase), the presentation slot's remaining ms, and the writing window.
 */
export function clockView(clock, extraMs, graceMs, now) {
  if (!clock) return { kind: 'lobby', remainingMs: null, writing: 'closed' };
  const extra = extraMs || 0;
  const at = clock.paused ? clock.pausedAt : now;
  const writable = WRITABLE.has(clock.kind);
  let remainingMs = null;
  if (clock.endsAt) {
    remainingMs = Math.max(0, clock.endsAt + (writable ? extra : 0) - at);
  }
  let slotRemainingMs = null;
  if (clock.slot && clock.slot.endsAt) slotRemainingMs = Math.max(0, clock.slot.endsAt - at);

  // The writing window (docs/protocol.md 3.3): open until the group's own deadline, then "late"
  // for graceMs. In a later phase the window runs from writableEndedAt.
  let writing = 'closed';
  let graceLeftMs = 0;
  let deadline = null;
  if (writable && clock.endsAt) deadline = clock.endsAt + extra;
  else if (clock.writableEndedAt) deadline = clock.writableEndedAt + extra;
  // In the lobby and after the end nothing is written, grace or not (protocol 3.3).
  if (deadline !== null && clock.kind !== 'lobby' && clock.kind !== 'ended') {
    if (at < deadline) writing = writable ? 'open' : 'extra';
    else if (at < deadline + (graceMs || 0)) {
      writing = 'grace';
      graceLeftMs = deadline + graceMs - at;
    }
  }
  return { kind: clock.kind, paused: !!clock.paused, remainingMs, slotRemainingMs, writing, graceLeftMs };
}

/** 65 s → "1:05"; rounds up, so "0:00" appears only at the deadline itself. */
export function formatMs(ms) {
  if (ms === null || ms === undefined) return '--:--';
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/**
 * Says 2:00, 1:00 and 0:10 through an aria-live region as the countdown passes them, and never
 * every second (a screen reader would talk over the class). Only crossings seen live count: a page
 * opened at 0:50 does not announce 1:00.
 */
export class CountdownAnnouncer {
  constructor(region) {
    this.region = region;
    this.lastKey = null;
    this.lastSeconds = null;
  }

  update(key, remainingMs, paused) {
    if (remainingMs === null || paused) {
      this.lastSeconds = null;
      this.lastKey = key;
      return;
    }
    const seconds = Math.ceil(remainingMs / 1000);
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastSeconds = seconds;
      return;
    }
    const before = this.lastSeconds;
    this.lastSeconds = seconds;
    if (before === null) return;
    for (const mark of [120, 60, 10]) {
      if (before > mark && seconds <= mark) {
        this.region.textContent = t(`announce.${mark}`);
      }
    }
  }
}

export function phaseTitle(workshop, clock) {
  if (!clock || clock.kind === 'lobby') return t('phase.lobby');
  if (clock.kind === 'ended') return t('phase.ended');
  const phase = workshop && workshop.phases ? workshop.phases.find((p) => p.id === clock.phase) : null;
  return phase ? phase.title : clock.phase;
}

/**
 * What every screen shows as the clock, from one model (decision 010): the dashboard, the
 * projector and the phones call this with the same clock and so show the same phase, slot and
 * time. Only a phone of a group given extra time passes its own extraMs, and then shows its own
 * deadline while other groups present.
 *
 * mode: 'lobby' | 'phase' (a discussion or other phase) | 'ready' (the presentations wait for the
 * instructor) | 'countdown' | 'waiting' (for groups still writing) | 'slot' (a group presents) |
 * 'own' (this group still writes in its extra time) | 'ended'.
 * ms: the time to show (null: none); overtime: ms counts up past a slot's guide.
 */
export function clockDisplay(clock, now, { extraMs = 0, graceMs = 0 } = {}) {
  if (!clock || clock.kind === 'lobby') return { mode: 'lobby', ms: null, overtime: false, paused: false };
  const paused = !!clock.paused;
  const at = paused ? clock.pausedAt : now;
  if (clock.kind === 'ended') return { mode: 'ended', ms: null, overtime: false, paused: false };
  if (clock.kind !== 'presentation') {
    const view = clockView(clock, extraMs, graceMs, now);
    return { mode: 'phase', ms: view.remainingMs, overtime: false, paused, writing: view.writing };
  }
  const own = extraMs > 0 ? clockView(clock, extraMs, graceMs, now) : null;
  if (own && own.writing === 'extra') {
    return { mode: 'own', ms: Math.max(0, clock.writableEndedAt + extraMs - at), overtime: false, paused, writing: 'extra' };
  }
  const stage = clock.stage || (clock.slot ? 'presenting' : 'ready');
  if (stage === 'ready') return { mode: 'ready', ms: null, overtime: false, paused };
  if (stage === 'countdown' || stage === 'waiting') {
    return { mode: stage, ms: Math.max(0, clock.stageEndsAt - at), overtime: false, paused,
      slot: clock.slot || null };
  }
  if (!clock.slot) return { mode: 'ready', ms: null, overtime: false, paused };
  const left = clock.slot.endsAt - at;
  return { mode: 'slot', ms: Math.abs(left), overtime: left < 0, paused, slot: clock.slot };
}

/** The time of a clockDisplay: "1:05", "+0:12" in overtime, "--:--" when there is none. */
export function formatDisplay(display) {
  if (display.ms === null) return '--:--';
  return display.overtime ? `+${formatMs(display.ms)}` : formatMs(display.ms);
}

/**
 * The line under the clock, the same on every screen: who presents (i/n), what the class waits
 * for. groupName maps a group id to its name.
 */
export function displayNote(display, groupName) {
  if (display.paused) return t('clock.paused');
  switch (display.mode) {
    case 'ready': return t('flow.ready');
    case 'countdown': return t('flow.countdown');
    case 'waiting': return t('flow.waiting');
    case 'slot': return t(display.overtime ? 'flow.slotOver' : 'flow.slot',
      { group: groupName(display.slot.groupId), i: display.slot.index + 1, n: display.slot.count });
    case 'own': return t('flow.own');
    default: return '';
  }
}
