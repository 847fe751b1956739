// The broadcasts the instructor sent, listed under the controls: when, whether phones still show
// them (only during the phase they were sent in, docs/protocol.md 4.3), and a button to take one
// back (broadcast.withdraw).
import { h, reconcile, setText, show } from './lib/dom.js';
import { t, ago } from './lib/i18n.js';
import { currentBroadcasts } from './lib/notices.js';

/**
 * @param panel  the <details> that holds the list
 * @param groups the workshop's groups: every group's log holds every broadcast, so the first
 *               group's list is the workshop's
 * @param clock  the common clock
 * @param now    the server's time
 * @param withdraw called with a broadcast's sentAt
 */
export function renderSentBroadcasts(panel, groups, clock, now, withdraw) {
  const all = groups.length ? (groups[0].broadcasts || []) : [];
  const current = new Set(currentBroadcasts(all, clock).map((b) => b.at));
  show(panel, all.length > 0);
  setText(panel.querySelector('summary'), t('ins.sentTitle', { n: all.length, current: current.size }));
  const newestFirst = [...all].reverse();
  reconcile(panel.querySelector('ul'), newestFirst, (b) => `${b.at}`,
    (b) => h('li', { class: 'sent-broadcast', testid: 'sent-broadcast', dataset: { sentAt: b.at } },
      h('span', { class: 'sent-broadcast-text' }),
      h('span', { class: 'sent-broadcast-meta' }),
      h('button', { type: 'button', class: 'small', testid: 'broadcast-withdraw', onclick: () => withdraw(b.at) })),
    (li, b) => {
      const live = current.has(b.at);
      li.dataset.current = String(live);
      setText(li.querySelector('.sent-broadcast-text'), b.text);
      setText(li.querySelector('.sent-broadcast-meta'), `${ago(b.at, now)} · ${live ? t('ins.sentShown') : t('ins.sentExpired')}`);
      const button = li.querySelector('button');
      setText(button, t('ins.withdraw'));
      button.setAttribute('aria-label', t('ins.withdrawOf', { text: b.text.slice(0, 40) }));
    });
}
