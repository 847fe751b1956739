// One workshop followed live by an instructor connection: every group's state, the students,
// the common clock and who is online. Shared by the dashboard and the projector view.
import { api, ApiError } from './api.js';
import { LiveConnection } from './connection.js';
import { applyEvent, seqCheck } from './group-state.js';
import { session } from './storage.js';

const TOKEN_KEY = 'breakout.instructorToken';

/** The instructor token lives in sessionStorage: it ends with the tab, not on a shared PC's disk. */
export const instructorToken = {
  get: () => session.get(TOKEN_KEY, null),
  set: (token) => session.set(TOKEN_KEY, token),
  clear: () => session.remove(TOKEN_KEY),
};

export class WorkshopLive extends EventTarget {
  constructor(workshopId, token, clock) {
    super();
    this.id = workshopId;
    this.token = token;
    this.clock = clock;
    this.workshop = null;
    this.groups = new Map();
    this.students = new Map();
    this.presence = new Map();
    this.commonClock = null;
    this.status = 'connecting';
    this.conn = null;
  }

  /** Loads the current state over HTTP (fast first paint), then follows it over the socket. */
  async start() {
    const snapshot = await api('GET', `/api/workshops/${encodeURIComponent(this.id)}`, { token: this.token });
    this.workshop = snapshot.workshop;
    this.commonClock = snapshot.clock;
    if (typeof snapshot.serverTime === 'number' && !this.clock.synced) this.clock.syncWelcome(snapshot.serverTime);
    for (const g of snapshot.groups) this.groups.set(g.groupId, g);
    for (const s of snapshot.students) this.students.set(s.studentId, s);
    this.conn = new LiveConnection({
      clock: this.clock,
      hello: () => ({ token: this.token, workshopId: this.id, lastSeq: this.lastSeqs() }),
    });
    this.conn.addEventListener('message', (e) => this.receive(e.detail));
    this.conn.addEventListener('status', (e) => { this.status = e.detail; this.changed(); });
    this.conn.addEventListener('pending', () => this.changed());
    this.conn.addEventListener('ack', (e) => this.dispatchEvent(new CustomEvent('ack', { detail: e.detail })));
    this.conn.addEventListener('rejected', (e) => this.dispatchEvent(new CustomEvent('rejected', { detail: e.detail })));
    this.conn.addEventListener('auth-failed', () => this.authFailed());
    this.conn.addEventListener('gone', () => this.dispatchEvent(new Event('gone')));
    this.conn.start();
    this.changed();
  }

  stop() {
    if (this.conn) this.conn.stop();
    this.conn = null;
  }

  send(op) {
    return this.conn ? this.conn.send(op) : null;
  }

  pendingCount() {
    return this.conn ? this.conn.pending.length : 0;
  }

  lastSeqs() {
    const seqs = {};
    for (const [id, g] of this.groups) seqs[id] = g.seq || 0;
    return seqs;
  }

  /** Groups in the workshop's order. */
  groupList() {
    return (this.workshop ? this.workshop.groups : []).map((g) => this.groups.get(g.id)).filter(Boolean);
  }

  /** A 1008 close: the token expired, or the workshop is gone. Tell them apart over HTTP. */
  async authFailed() {
    try {
      await api('GET', `/api/workshops/${encodeURIComponent(this.id)}`, { token: this.token });
      // Still there and the token still works over HTTP: a hiccup; try again.
      setTimeout(() => this.conn && this.conn.reconnectNow(), 2000);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.dispatchEvent(new Event('unauthorized'));
      else if (e instanceof ApiError && e.status === 404) this.dispatchEvent(new Event('gone'));
      else setTimeout(() => this.conn && this.conn.reconnectNow(), 3000);
    }
  }

  receive(message) {
    switch (message.type) {
      case 'welcome': {
        if (message.role !== 'instructor') return;
        this.workshop = message.workshop;
        const state = message.state || {};
        for (const g of state.groups || []) this.groups.set(g.groupId, g);
        if (state.clock) this.commonClock = state.clock;
        if (state.students) {
          this.students = new Map(state.students.map((s) => [s.studentId, s]));
        }
        // Every group's presence comes inside the welcome (docs/protocol.md, section 3.1).
        if (message.presence) {
          this.presence = new Map(Object.entries(message.presence).map(([g, online]) => [g, new Set(online)]));
        }
        break;
      }
      case 'event': {
        const group = this.groups.get(message.groupId);
        if (!group) return;
        const check = seqCheck(group.seq || 0, message.seq);
        if (check === 'gap') {
          this.conn.reconnectNow();
          return;
        }
        if (check === 'skip') return;
        applyEvent(group, message);
        const e = message.event;
        // Workshop-wide events are written into every group's log; the common clock is theirs.
        if (e.clock && !(e.type === 'clock.adjusted' && e.groupId)) this.commonClock = e.clock;
        if (e.type === 'student.joined') this.students.set(e.studentId, { studentId: e.studentId, name: e.name, groupId: message.groupId });
        break;
      }
      case 'presence':
        this.presence.set(message.groupId, new Set(message.online));
        break;
      default:
        return;
    }
    this.changed();
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}
