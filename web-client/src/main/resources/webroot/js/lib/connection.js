// The protocol connection (docs/protocol.md section 3), shared by every page:
// - hello/welcome with lastSeq, so a reconnect resumes instead of starting over;
// - a queue of operations that were sent but not answered, resent with the same opId after a
//   reconnect (the server applies an opId once), optionally persisted so a reload keeps them;
// - reconnect at once when the page becomes visible or the network comes back, else with
//   backoff; a ping keeps the clock offset fresh and finds dead sockets phones leave behind.
// The page's store decides what the messages mean; this class only moves them.
import { uuid } from './ids.js';
import { local } from './storage.js';

const BACKOFF_MS = [300, 1000, 2000, 4000, 8000, 15000];
const PING_EVERY_MS = 15000;
const SILENCE_LIMIT_MS = 40000;
const WELCOME_TIMEOUT_MS = 10000;

export class LiveConnection extends EventTarget {
  /**
   * @param hello      () => the hello fields (token, lastSeq, workshopId...), read at each connect
   * @param clock      a ServerClock to keep in step with the server
   * @param pendingKey localStorage key for the unanswered operations, or null to keep them in memory
   */
  constructor({ hello, clock, pendingKey = null }) {
    super();
    this.helloFields = hello;
    this.clock = clock;
    this.pendingKey = pendingKey;
    this.pending = pendingKey ? local.get(pendingKey, []) : [];
    /** opIds this page saw answered, so a merge with storage does not bring them back. */
    this.answered = new Set();
    this.status = 'idle';
    this.ws = null;
    this.welcomed = false;
    this.attempt = 0;
    this.retryTimer = null;
    this.stopped = false;
    this.lastHeard = 0;
    this.pingSentAt = 0;
    this.onVisible = () => {
      if (document.visibilityState === 'visible') this.checkNow();
    };
    this.onOnline = () => this.checkNow();
    this.onOffline = () => {
      // The socket may linger half-open for a long time: say so now. The 'online' event brings
      // us back at once; the backoff keeps trying in case that event never comes.
      this.drop();
      this.scheduleRetry();
    };
  }

  start() {
    this.stopped = false;
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.pingTimer = setInterval(() => this.heartbeat(), PING_EVERY_MS);
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.drop();
    this.setStatus('closed');
  }

  /** Sends an operation; it stays pending (and shown so) until its ack or error. Returns opId. */
  send(op) {
    const message = { ...op, opId: op.opId || uuid() };
    this.pending.push({ op: message, queuedAt: Date.now() });
    this.persist();
    if (this.isLive()) this.ws.send(JSON.stringify(message));
    this.emit('pending');
    return message.opId;
  }

  /** Drops the socket and connects again now: after a seq gap, or to start over from a snapshot. */
  reconnectNow() {
    this.drop();
    this.attempt = 0;
    this.connect();
  }

  isLive() {
    return this.ws !== null && this.welcomed && this.ws.readyState === WebSocket.OPEN;
  }

  // ------------------------------------------------------------------ internals

  checkNow() {
    if (this.stopped) return;
    if (this.isLive()) {
      // A phone that slept may hold a socket that died silently: probe it.
      this.ping();
      return;
    }
    if (!this.ws) {
      clearTimeout(this.retryTimer);
      this.attempt = 0;
      this.connect();
    }
  }

  connect() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(`${scheme}//${location.host}/ws`);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    this.setStatus(this.attempt === 0 && this.status !== 'offline' ? 'connecting' : this.status);
    const welcomeTimer = setTimeout(() => { if (this.ws === ws && !this.welcomed) this.reconnectLater(); }, WELCOME_TIMEOUT_MS);
    ws.onopen = () => {
      if (this.ws !== ws) return;
      ws.send(JSON.stringify({ type: 'hello', ...this.helloFields() }));
    };
    ws.onmessage = (e) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let message;
      try { message = JSON.parse(e.data); } catch { return; }
      this.receive(message);
    };
    ws.onclose = (e) => {
      clearTimeout(welcomeTimer);
      if (this.ws !== ws) return;
      this.ws = null;
      this.welcomed = false;
      if (e.code === 1008) {
        // Bad or expired token, or the seat/workshop is gone: the page decides (a student gets a
        // fresh token with its rejoinKey; an instructor logs in again).
        this.setStatus('reconnecting');
        this.emit('auth-failed', { code: e.code, reason: e.reason });
        return;
      }
      if (e.code === 4001) {
        // The seat opened too many connections and this, its oldest, was replaced: stay closed.
        this.setStatus('closed');
        return;
      }
      if (e.code === 1000 && e.reason) {
        // The workshop was deleted.
        this.setStatus('closed');
        this.emit('gone', { code: e.code, reason: e.reason });
        return;
      }
      this.scheduleRetry();
    };
  }

  receive(message) {
    switch (message.type) {
      case 'welcome':
        this.welcomed = true;
        this.attempt = 0;
        this.clock.syncWelcome(message.serverTime);
        this.setStatus('online');
        this.emit('message', message);
        this.flush();
        this.ping();
        break;
      case 'pong':
        if (this.pingSentAt) this.clock.syncPong(message.serverTime, this.pingSentAt, Date.now());
        this.pingSentAt = 0;
        this.emit('tick');
        break;
      case 'ack': {
        const entry = this.take(message.opId);
        if (entry) this.emit('ack', { op: entry.op, message });
        else this.emit('ack', { op: null, message });
        break;
      }
      case 'error': {
        const entry = this.pending.find((p) => p.op.opId === message.opId);
        if (entry && message.code === 'rate-limited') {
          // Nothing was applied; send it again shortly with the same opId.
          setTimeout(() => { if (this.isLive() && this.pending.includes(entry)) this.ws.send(JSON.stringify(entry.op)); }, 1000);
          break;
        }
        if (entry && message.code === 'unavailable') {
          // The server could not save: keep the op, reconnect and resend (protocol 5).
          this.reconnectLater();
          break;
        }
        if (entry) this.take(message.opId);
        this.emit('rejected', { op: entry ? entry.op : null, message });
        break;
      }
      default:
        this.emit('message', message);
    }
  }

  flush() {
    for (const entry of this.pending) this.ws.send(JSON.stringify(entry.op));
  }

  take(opId) {
    this.answered.add(opId);
    if (this.answered.size > 1000) this.answered.delete(this.answered.values().next().value);
    const index = this.pending.findIndex((p) => p.op.opId === opId);
    if (index < 0) return null;
    const [entry] = this.pending.splice(index, 1);
    this.persist();
    this.emit('pending');
    return entry;
  }

  /**
   * Two tabs of one student share the key: merge rather than overwrite, so neither drops the
   * other's unsent operations. An op answered here leaves storage; one queued by another tab stays
   * (if both send it, the server applies the opId once).
   */
  persist() {
    if (!this.pendingKey) return;
    const mine = new Set(this.pending.map((p) => p.op.opId));
    const others = local.get(this.pendingKey, []).filter((p) => p && p.op && !mine.has(p.op.opId) && !this.answered.has(p.op.opId));
    local.set(this.pendingKey, [...others, ...this.pending]);
  }

  heartbeat() {
    if (!this.isLive()) return;
    if (Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
      this.reconnectLater();
      return;
    }
    this.ping();
  }

  ping() {
    if (!this.isLive()) return;
    const sentAt = Date.now();
    this.pingSentAt = sentAt;
    this.ws.send(JSON.stringify({ type: 'ping' }));
    // No answer within a few seconds after a probe: the socket is dead.
    setTimeout(() => {
      if (this.pingSentAt === sentAt && this.isLive() && Date.now() - this.lastHeard > 5000) this.reconnectLater();
    }, 6000);
  }

  drop() {
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    if (ws) {
      try { ws.close(); } catch { /* already closing */ }
    }
  }

  reconnectLater() {
    this.drop();
    this.scheduleRetry();
  }

  scheduleRetry() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    // Jitter, so a class whose Wi-Fi came back does not reconnect in one burst.
    const delay = base / 2 + Math.random() * base;
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
