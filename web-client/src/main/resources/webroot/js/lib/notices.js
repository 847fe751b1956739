// One notice at a time above the board. A phone has room for the group's own work, not for a
// stack of banners: the most urgent notice shows as one banner (dismissible), and every notice
// of the moment, dismissed ones included, is one tap away in a short list. Callers pass the
// notices in priority order, most urgent first; they decide what is current (a broadcast leaves
// with its phase, a warning with its discussion).
import { h, reconcile, setText, show } from './dom.js';
import { t } from './i18n.js';

/**
 * A notice: {key, kind ('error'|'warning'|'info'|'broadcast'), testid, icon?, prefix?, text,
 * live? (announce it), dismissible? (default true)}.
 */
export class NoticeBoard {
  /**
   * @param container the element the banner, the toggle and the list go in
   * @param onDismiss called with a notice when its close button is pressed
   */
  constructor(container, { onDismiss }) {
    this.container = container;
    this.onDismiss = onDismiss;
    this.open = false;
    this.banner = h('div', { class: 'notice-slot' });
    this.toggle = h('button', { type: 'button', class: 'small notices-toggle', testid: 'notices-toggle',
      attrs: { 'aria-expanded': 'false', 'aria-controls': 'notices-list' },
      onclick: () => { this.open = !this.open; this.render(this.items, this.dismissed); } });
    this.list = h('ul', { class: 'notices-list', id: 'notices-list', testid: 'notices-list' });
    container.append(this.banner, h('div', { class: 'notices-bar' }, this.toggle), this.list);
    this.items = [];
    this.dismissed = new Set();
  }

  /** Draws the first notice not dismissed, and the list of all of them. */
  render(items, dismissed) {
    this.items = items;
    this.dismissed = dismissed;
    const current = items.find((n) => n.dismissible === false || !dismissed.has(n.key));
    reconcile(this.banner, current ? [current] : [], (n) => n.key, (n) => this.createBanner(n), (el, n) => this.fill(el, n));
    const others = items.length - (current ? 1 : 0);
    show(this.toggle.parentElement, others > 0);
    if (others === 0) this.open = false;
    setText(this.toggle, this.open ? t('notices.hide') : t('notices.more', { n: others }));
    this.toggle.setAttribute('aria-expanded', String(this.open));
    show(this.list, this.open && others > 0);
    reconcile(this.list, this.open ? items.filter((n) => n !== current) : [], (n) => n.key,
      (n) => h('li', { class: `notice-item ${n.kind}`, testid: 'notice-item', dataset: { kind: n.testid } },
        n.icon ? h('span', { class: 'banner-icon', attrs: { 'aria-hidden': 'true' } }, n.icon) : null,
        h('div', { class: 'banner-body' }, h('strong', { class: 'banner-prefix' }), h('span', { class: 'banner-text' }))),
      (el, n) => this.fillBody(el, n));
  }

  createBanner(n) {
    // role=status only on notices that should be read out as they appear; a broadcast is one.
    const attrs = n.live || n.kind === 'broadcast' ? { role: 'status' } : {};
    return h('div', { class: `banner ${n.kind}`, testid: n.testid, attrs },
      n.icon ? h('span', { class: 'banner-icon', attrs: { 'aria-hidden': 'true' } }, n.icon) : null,
      h('div', { class: 'banner-body' }, h('strong', { class: 'banner-prefix' }), h('span', { class: 'banner-text' })),
      n.dismissible === false ? null : h('button', { type: 'button', class: 'small banner-close', testid: 'banner-dismiss',
        onclick: () => this.onDismiss(this.items.find((x) => x.key === n.key) || n) }));
  }

  fill(el, n) {
    this.fillBody(el, n);
    const button = el.querySelector('.banner-close');
    if (button) {
      setText(button, t('banner.dismiss'));
      button.setAttribute('aria-label', t('notices.dismissLabel', { text: (n.prefix ? `${n.prefix} ` : '') + n.text.slice(0, 40) }));
    }
  }

  fillBody(el, n) {
    const prefix = el.querySelector('.banner-prefix');
    setText(prefix, n.prefix || '');
    show(prefix, !!n.prefix);
    setText(el.querySelector('.banner-text'), n.text);
  }
}

/** Broadcasts still current: sent in the phase now running (docs/protocol.md 4.3). */
export function currentBroadcasts(broadcasts, clock) {
  const since = clock && clock.phaseStartedAt ? clock.phaseStartedAt : 0;
  return (broadcasts || []).filter((b) => b.at >= since);
}
