// The room's banners, most urgent first (offline, unsaved text, the end, grace, the clock's
// warning, the instructor's broadcasts), and the one-line notice of a refused operation.
import { $, setText, show } from './lib/dom.js';
import { t } from './lib/i18n.js';
import { formatMs } from './lib/clock.js';
import { local, session } from './lib/storage.js';
import { NoticeBoard, currentBroadcasts } from './lib/notices.js';
import { store, S, keys } from './student-store.js';

let notices = null;

export function renderBanners(view) {
  // Most urgent first: the notice board shows the first one not dismissed (js/lib/notices.js).
  const items = [];
  const c = S.group.clock;
  const ended = c.kind === 'ended';
  if (S.status === 'offline' || S.status === 'reconnecting') {
    items.push({ key: 'offline', kind: 'error', testid: 'offline-banner', icon: '✕', text: t('room.offline'), live: true,
      dismissible: false });
  }
  for (const u of S.ui.unsaved) {
    items.push({ key: `u${u.id}`, kind: 'error', testid: 'unsaved', icon: '⚠', prefix: t('room.unsaved', { reason: u.reason }),
      text: u.text, unsaved: u.id });
  }
  if (ended) items.push({ key: 'ended', kind: 'info', testid: 'ended-banner', text: t('room.ended') });
  // While a group presents, "finish writing" speaks only to a group given extra time: to the
  // others (and to the presenters) it was noise over the presentation.
  const presentingNow = c.kind === 'presentation' && !!c.slot;
  if (view.writing === 'grace' && !(presentingNow && !(S.group.extraMs > 0))) {
    items.push({ key: `grace:${c.phase}`, kind: 'warning', testid: 'grace-notice', icon: '◔',
      text: t('room.grace', { s: Math.ceil(view.graceLeftMs / 1000) }), live: true });
  }
  if (c.kind === 'discussion' && c.warned && !view.paused && view.remainingMs > 0) {
    items.push({ key: `warning:${c.phase}:${c.endsAt}`, kind: 'warning', testid: 'clock-warning', icon: '⚠',
      text: t('room.warning', { time: formatMs(view.remainingMs) }), live: true });
  }
  // Newest broadcast first; they leave with the phase they were sent in.
  for (const b of currentBroadcasts(S.group.broadcasts, c).slice().reverse()) {
    items.push({ key: `b${b.at}`, kind: 'broadcast', testid: 'broadcast-banner', icon: '✉', text: b.text,
      prefix: t('room.broadcast') });
  }
  if (view.writing === 'extra') {
    items.push({ key: `extra:${c.phase}`, kind: 'info', testid: 'extra-notice', text: t('room.extra') });
  }
  if (!notices) {
    notices = new NoticeBoard($('#banners'), { onDismiss: (n) => {
      if (n.unsaved) {
        S.ui.unsaved = S.ui.unsaved.filter((x) => x.id !== n.unsaved);
        local.set(keys.unsaved(S.seat), S.ui.unsaved);
      } else {
        S.ui.dismissed.add(n.key);
        session.set('breakout.dismissed', [...S.ui.dismissed]);
      }
      store.changed();
    } });
  }
  notices.render(items, S.ui.dismissed);
  const notice = $('#notice');
  setText($('#notice-text'), S.ui.notice);
  show(notice, !!S.ui.notice);
}
