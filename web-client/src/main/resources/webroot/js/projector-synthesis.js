// The class synthesis on the projector, for the plenary: in large type, per prompt the ideas the
// most groups raised with their group counts, then which lesson points the class raised and which
// it missed. Shown at the end of the workshop above the wrap-up of the boards, or alone whenever
// the toggle in the top bar says so (also ?view=synthesis in the page's address). Mounted by
// projector.js into #proj-synthesis.
import { h, replace, setText, show } from './lib/dom.js';
import { t, onLangChange } from './lib/i18n.js';
import { SynthesisFeed, missedPoints, shortTitle } from './lib/synthesis-feed.js';

/** Ideas per prompt that fit a projector screen from the back of the room. */
const TOP = 5;
/** Raised lesson points shown by name; the rest are counted. */
const TOP_POINTS = 8;
/** Most-reacted cards named on the projector. */
const TOP_REACTED = 3;

export class ProjectorSynthesis {
  constructor(root, toggle, live) {
    this.root = root;
    this.toggle = toggle;
    this.live = live;
    // null: automatic (shown once the workshop ended); true/false: the instructor chose.
    this.choice = new URLSearchParams(location.search).get('view') === 'synthesis' ? true : null;
    this.clock = null;
    this.feed = new SynthesisFeed(live);
    this.feed.addEventListener('change', () => this.draw());
    onLangChange(() => this.update(this.clock));
    toggle.addEventListener('click', () => {
      this.choice = !this.showing();
      this.update(this.clock);
    });
    show(toggle, true);
  }

  showing() {
    if (this.choice !== null) return this.choice;
    return !!this.clock && this.clock.kind === 'ended';
  }

  /** Called on every render of the projector with the common clock. */
  update(clock) {
    this.clock = clock;
    const on = this.showing();
    document.body.classList.toggle('showing-synthesis', on);
    document.body.classList.toggle('synthesis-only', on && !(clock && clock.kind === 'ended'));
    show(this.root, on);
    setText(this.toggle, on ? t('syn.projBack') : t('syn.projToggle'));
    this.toggle.setAttribute('aria-pressed', String(on));
    this.feed.setActive(on);
    if (on) this.draw();
  }

  draw() {
    const data = this.feed.data;
    if (!this.showing() || !this.live.workshop) return;
    if (!data) {
      replace(this.root, h('p', { class: 'proj-status' }, this.feed.error ? t('syn.failed') : t('syn.loading')));
      return;
    }
    const key = `${data.computedAt}|${document.documentElement.lang}`;
    if (this.root.dataset.key === key) return;
    this.root.dataset.key = key;
    this.root.dataset.computedAt = String(data.computedAt);
    const prompts = (data.prompts || []).map((p, i) => {
      const clusters = p.clusters || [];
      const top = clusters.slice(0, TOP);
      return h('section', { class: 'proj-syn-prompt', testid: `projector-synthesis-${p.prompt}` },
        h('h3', {}, `${i + 1}. ${p.text || p.prompt}`),
        top.length ? h('ol', { class: 'proj-syn-ideas' }, top.map((c) => h('li', { testid: 'projector-idea',
          dataset: { clusterId: c.id, unique: String(!!c.unique) } },
        h('span', { class: 'proj-syn-label' }, c.label),
        h('span', { class: 'proj-syn-count', testid: 'projector-idea-count' }, t('syn.groups', { n: (c.groupIds || []).length })))))
          : h('p', { class: 'empty' }, t('syn.noCards')),
        clusters.length > TOP ? h('p', { class: 'proj-syn-more' }, t('syn.projMore', { n: clusters.length - TOP })) : null);
    });
    const points = data.lesson || [];
    const raised = points.filter((p) => (p.groupIds || []).length)
      .sort((a, b) => b.groupIds.length - a.groupIds.length);
    const missed = missedPoints(points);
    let main = t('syn.allRaised');
    if (missed.key.length) main = t('syn.missed', { titles: missed.key.map((p) => shortTitle(p.title)).join(', ') });
    else if (missed.other.length) main = t('syn.keyRaised');
    const lesson = h('section', { class: 'proj-syn-lesson', testid: 'projector-synthesis-lesson' },
      h('h3', {}, t('syn.lesson')),
      raised.length ? h('ul', { class: 'proj-syn-points' }, raised.slice(0, TOP_POINTS).map((p) => h('li', {},
        h('span', { class: 'proj-syn-label' }, shortTitle(p.title)),
        h('span', { class: 'proj-syn-count' }, t('syn.groups', { n: p.groupIds.length })))),
      raised.length > TOP_POINTS ? h('li', { class: 'proj-syn-more' }, t('syn.projMore', { n: raised.length - TOP_POINTS })) : null)
        : null,
      points.length ? h('p', { class: 'proj-syn-missed', testid: 'projector-synthesis-missed' }, main)
        : h('p', { class: 'empty' }, t('syn.noLesson')),
      missed.other.length ? h('p', { class: 'proj-syn-more' }, t('syn.projMissedMore', { n: missed.other.length })) : null);
    const reacted = (data.mostReacted || []).slice(0, TOP_REACTED);
    const names = new Map(this.live.workshop.groups.map((g) => [g.id, g.name]));
    const reactions = reacted.length ? h('section', { class: 'proj-syn-lesson', testid: 'projector-synthesis-reacted' },
      h('h3', {}, t('syn.reacted')),
      h('ol', { class: 'proj-syn-points' }, reacted.map((c) => h('li', {},
        h('span', { class: 'proj-syn-label' }, `${names.get(c.groupId) || c.groupId} · ${c.text}`),
        h('span', { class: 'proj-syn-count' }, t('syn.reactedItem', { agree: c.agree, new: c.new }))))))
      : null;
    replace(this.root, h('h2', { class: 'proj-syn-title' }, t('syn.projTitle')),
      h('div', { class: 'proj-syn-prompts' }, prompts), lesson, reactions);
  }
}
