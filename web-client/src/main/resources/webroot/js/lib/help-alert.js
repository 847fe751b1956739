// A help request the instructor cannot miss: a sticky red bar at the top of the dashboard with
// every waiting group and how long it has waited, the tab's title, and (if the instructor
// turned it on) a short sound made with WebAudio (no audio file to download).
import { h, reconcile, setText, show } from './dom.js';
import { t } from './i18n.js';
import { local } from './storage.js';

const SOUND_KEY = 'breakout.helpSound';
/** Rows in the bar; more waiting groups are counted in one line. */
const MAX_ROWS = 3;

/** "1분 12초" / "1 min 12 s": how long a group has waited. */
export function waited(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('help.waitedSeconds', { s });
  return t('help.waitedMinutes', { m: Math.floor(s / 60), s: s % 60 });
}

export class HelpAlert {
  /**
   * @param container the sticky region (#help-alert)
   * @param soundBox  the "sound on" checkbox
   * @param actions   {open(groupId), clear(groupId)}
   */
  constructor(container, soundBox, actions) {
    this.container = container;
    this.soundBox = soundBox;
    this.actions = actions;
    this.seen = new Map();
    this.primed = false;
    this.audio = null;
    this.live = h('p', { class: 'sr-only', attrs: { 'aria-live': 'assertive', 'aria-atomic': 'true' } });
    this.list = h('div', { class: 'help-alert-list' });
    this.more = h('p', { class: 'help-alert-more', testid: 'help-alert-more' });
    container.append(this.live, this.list, this.more);
    soundBox.checked = local.get(SOUND_KEY, false) === true;
    soundBox.addEventListener('change', () => {
      local.set(SOUND_KEY, soundBox.checked);
      // Browsers start audio only from a user's gesture: this change is one.
      if (soundBox.checked) this.beep();
    });
  }

  /**
   * @param groups the workshop's groups (with help, helpAt, name)
   * @param now    the server's time
   * @param baseTitle the tab's title without the alert
   */
  render(groups, now, baseTitle) {
    const waiting = groups.filter((g) => g.help).sort((a, b) => (a.helpAt || 0) - (b.helpAt || 0));
    show(this.container, waiting.length > 0);
    // The longest waits, each with its buttons; the rest are counted (their tiles come first anyway),
    // so a sticky bar never covers the screen.
    const rows = waiting.slice(0, MAX_ROWS);
    setText(this.more, waiting.length > rows.length ? t('help.more', { n: waiting.length - rows.length }) : '');
    show(this.more, waiting.length > rows.length);
    reconcile(this.list, rows, (g) => g.groupId,
      (g) => h('div', { class: 'help-alert-row', testid: 'help-alert-row', dataset: { groupId: g.groupId } },
        h('span', { class: 'help-alert-text' }),
        h('button', { type: 'button', class: 'small', testid: 'help-alert-open', onclick: () => this.actions.open(g.groupId) }),
        h('button', { type: 'button', class: 'small secondary', testid: 'help-alert-clear', onclick: () => this.actions.clear(g.groupId) })),
      (row, g) => {
        const wait = g.helpAt ? waited(now - g.helpAt) : '';
        setText(row.querySelector('.help-alert-text'), `⚑ ${wait ? t('help.rowWaiting', { group: g.name, wait }) : t('help.row', { group: g.name })}`);
        const open = row.querySelector('[data-testid="help-alert-open"]');
        setText(open, t('help.open'));
        open.setAttribute('aria-label', t('ins.openBoardOf', { group: g.name }));
        const clear = row.querySelector('[data-testid="help-alert-clear"]');
        setText(clear, t('ins.helpClear'));
        clear.setAttribute('aria-label', t('ins.helpClearOf', { group: g.name }));
      });
    // New requests: say so, and sound if asked to. The first render only learns what is there.
    const fresh = waiting.filter((g) => this.seen.get(g.groupId) !== (g.helpAt || true));
    this.seen = new Map(waiting.map((g) => [g.groupId, g.helpAt || true]));
    if (this.primed && fresh.length) {
      setText(this.live, t('help.announce', { groups: fresh.map((g) => g.name).join(', ') }));
      if (this.soundBox.checked) this.beep();
    }
    this.primed = true;
    const title = waiting.length ? `⚑ ${t('help.title', { n: waiting.length })} · ${baseTitle}` : baseTitle;
    if (document.title !== title) document.title = title;
  }

  /** Two short rising tones: noticeable, not alarming. */
  beep() {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      if (!this.audio) this.audio = new Ctx();
      const ctx = this.audio;
      if (ctx.state === 'suspended') ctx.resume();
      const start = ctx.currentTime + 0.02;
      [[660, 0], [880, 0.18]].forEach(([freq, offset]) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
        osc.connect(gain).connect(ctx.destination);
        osc.start(start + offset);
        osc.stop(start + offset + 0.18);
      });
      this.beeps = (this.beeps || 0) + 1;
      this.container.dataset.beeps = String(this.beeps);
    } catch {
      // No audio on this device: the bar and the title still show the request.
    }
  }
}
