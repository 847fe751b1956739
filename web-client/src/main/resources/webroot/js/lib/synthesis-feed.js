// Keeps a workshop's class synthesis fresh for a page that shows it. The server tells instructor
// sockets "synthesis.changed" (at most every 300 ms); while the page shows the synthesis it then
// fetches GET /api/workshops/{id}/synthesis, one request at a time, again if a change came
// meanwhile. A page that does not show it fetches nothing, so the server computes nothing for it.
import { api } from './api.js';

export class SynthesisFeed extends EventTarget {
  constructor(live) {
    super();
    this.live = live;
    this.data = null;
    this.error = null;
    this.active = false;
    this.loading = false;
    this.stale = true;
    this.retryTimer = 0;
    this.onMessage = (e) => {
      if (e.detail && e.detail.type === 'synthesis.changed') this.invalidate();
    };
    this.onStatus = (e) => {
      // After a reconnect a change may have been missed: fetch again.
      if (e.detail === 'online') this.invalidate();
    };
    if (live.conn) {
      live.conn.addEventListener('message', this.onMessage);
      live.conn.addEventListener('status', this.onStatus);
    }
  }

  /** Whether the page shows the synthesis now; showing it fetches it if it is not fresh. */
  setActive(active) {
    this.active = active;
    if (active) this.fetch();
  }

  invalidate() {
    this.stale = true;
    this.fetch();
  }

  async fetch() {
    if (!this.active || this.loading || !this.stale) return;
    this.loading = true;
    this.stale = false;
    try {
      this.data = await api('GET', `/api/workshops/${encodeURIComponent(this.live.id)}/synthesis`, { token: this.live.token });
      this.error = null;
    } catch (e) {
      this.error = e;
      this.stale = true;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.fetch(), 3000);
    } finally {
      this.loading = false;
    }
    this.dispatchEvent(new Event('change'));
    if (this.stale && !this.error) this.fetch();
  }

  stop() {
    this.active = false;
    clearTimeout(this.retryTimer);
    if (this.live.conn) {
      this.live.conn.removeEventListener('message', this.onMessage);
      this.live.conn.removeEventListener('status', this.onStatus);
    }
  }
}

/** Failure cases and success factors: the lesson's key points, named in full when missed. */
const KEY_KINDS = ['failure-case', 'success-factor'];

/**
 * The lesson points no group raised: the key ones (failure cases, success factors) and the rest
 * (case studies and their practices, which a document can have dozens of).
 */
export function missedPoints(points) {
  const missed = (points || []).filter((p) => !(p.groupIds || []).length);
  return {
    key: missed.filter((p) => KEY_KINDS.includes(p.kind)),
    other: missed.filter((p) => !KEY_KINDS.includes(p.kind)),
  };
}

/** "Netflix: 클라우드 네이티브 DevOps의 선구자" → "Netflix": what fits a projector line. */
export function shortTitle(title) {
  const i = String(title || '').indexOf(': ');
  return i > 0 ? title.slice(0, i) : title;
}

/** Clusters of one prompt: those several groups raised, then the ideas only one group had. */
export function splitClusters(prompt) {
  const clusters = prompt.clusters || [];
  return {
    shared: clusters.filter((c) => (c.groupIds || []).length > 1),
    unique: clusters.filter((c) => (c.groupIds || []).length <= 1),
  };
}
