// The class synthesis on the instructor's dashboard: per prompt the ideas of all groups (the
// most widely raised first, then the ideas only one group had), the lesson coverage, and the
// instructor's corrections (merge, move, rename), which are operations like any other.
// Mounted by dashboard-workshop.js into #synthesis-panel; it draws itself from its SynthesisFeed.
import { h, replace, setText, show } from './lib/dom.js';
import { t, onLangChange } from './lib/i18n.js';
import { isComposing } from './lib/ime.js';
import { local } from './lib/storage.js';
import { SynthesisFeed, splitClusters, missedPoints } from './lib/synthesis-feed.js';

const OPEN_KEY = 'breakout.synthesisOpen';

export class SynthesisView {
  /** send(op) sends an operation over the workshop's socket (it gets an opId there). */
  constructor(root, live, send) {
    this.root = root;
    this.live = live;
    this.send = send;
    this.open = local.get(OPEN_KEY, true) !== false;
    this.openEditors = new Set();
    this.deferred = false;
    this.feed = new SynthesisFeed(live);
    this.feed.addEventListener('change', () => this.render());
    this.onLang = () => this.render(true);
    onLangChange(this.onLang);
    // A correction typed in a field is never redrawn away: wait until the focus leaves the panel.
    this.root.addEventListener('focusout', () => setTimeout(() => { if (this.deferred) this.render(); }, 0));
    this.build();
    this.feed.setActive(this.open);
    this.render();
  }

  build() {
    this.toggle = h('button', { type: 'button', class: 'small', testid: 'synthesis-toggle',
      attrs: { 'aria-expanded': String(this.open), 'aria-controls': 'synthesis-body' },
      onclick: () => this.setOpen(!this.open) });
    this.status = h('span', { class: 'hint syn-status', testid: 'synthesis-status', attrs: { role: 'status' } });
    this.title = h('h2', { id: 'synthesis-title' });
    this.hint = h('p', { class: 'hint' });
    this.body = h('div', { id: 'synthesis-body', class: 'syn-body', testid: 'synthesis-body' });
    replace(this.root, h('div', { class: 'syn-head' }, this.title, this.status, this.toggle), this.hint, this.body);
    this.root.setAttribute('aria-labelledby', 'synthesis-title');
  }

  setOpen(open) {
    this.open = open;
    local.set(OPEN_KEY, open);
    this.feed.setActive(open);
    this.render(true);
  }

  stop() {
    this.feed.stop();
  }

  /** Whether redrawing now could take a field from under the instructor's hands. */
  busy() {
    const active = document.activeElement;
    return !!active && this.body.contains(active) && (active.tagName === 'INPUT' || active.tagName === 'SELECT'
      || isComposing(active));
  }

  render(force = false) {
    setText(this.title, t('syn.title'));
    setText(this.hint, t('syn.hint'));
    setText(this.toggle, this.open ? t('syn.hide') : t('syn.show'));
    this.toggle.setAttribute('aria-expanded', String(this.open));
    show(this.body, this.open);
    show(this.hint, this.open);
    const feed = this.feed;
    const data = feed.data;
    let status = '';
    if (this.open) {
      if (feed.error) status = t('syn.failed');
      else if (!data) status = t('syn.loading');
      else status = t('syn.updated', { time: new Date(data.computedAt).toLocaleTimeString() });
    }
    setText(this.status, status);
    if (!this.open || !data || !this.live.workshop) return;
    if (!force && this.busy()) {
      this.deferred = true;
      return;
    }
    this.deferred = false;
    this.draw(data);
  }

  draw(data) {
    const names = new Map(this.live.workshop.groups.map((g) => [g.id, g.name]));
    const titles = new Map((data.lesson || []).map((p) => [p.id, p.title]));
    const prompts = (data.prompts || []).map((p, i) => this.prompt(p, i, names, titles));
    replace(this.body, ...prompts, this.lesson(data.lesson || [], names), this.reacted(data.mostReacted || [], names));
    this.body.dataset.computedAt = String(data.computedAt);
  }

  prompt(p, index, names, titles) {
    const { shared, unique } = splitClusters(p);
    const all = p.clusters || [];
    const section = h('section', { class: 'syn-prompt', testid: `synthesis-prompt-${p.prompt}`, dataset: { prompt: p.prompt } },
      h('h3', {}, `${index + 1}. ${p.text || p.prompt}`));
    if (!all.length) {
      section.append(h('p', { class: 'empty' }, t('syn.noCards')));
      return section;
    }
    if (shared.length) {
      section.append(h('h4', { class: 'syn-sub' }, t('syn.shared')),
        h('ol', { class: 'syn-clusters', testid: 'synthesis-shared' }, shared.map((c) => this.cluster(p, c, all, names, titles))));
    }
    if (unique.length) {
      section.append(h('h4', { class: 'syn-sub syn-unique-title' }, t('syn.unique')),
        h('ul', { class: 'syn-clusters unique', testid: 'synthesis-unique' }, unique.map((c) => this.cluster(p, c, all, names, titles))));
    }
    return section;
  }

  cluster(p, c, all, names, titles) {
    const groups = (c.groupIds || []).map((id) => names.get(id) || id);
    const refs = (c.lessonRefs || []).map((id) => titles.get(id) || id);
    const others = all.filter((o) => o.id !== c.id);
    const anchor = c.cards[0];
    const head = h('div', { class: 'syn-cluster-head' },
      h('strong', { class: 'syn-label', testid: 'synthesis-label' }, c.label),
      c.renamed ? h('span', { class: 'badge syn-renamed' }, t('syn.renamed')) : null,
      h('span', { class: 'syn-count', testid: 'synthesis-count' }, t('syn.groups', { n: groups.length })),
      h('span', { class: 'syn-groups' }, groups.join(', ')));
    const cards = h('ul', { class: 'syn-cards' }, c.cards.map((card) => h('li', {
      class: 'syn-card', testid: 'synthesis-card', dataset: { cardId: card.cardId, groupId: card.groupId } },
    h('span', { class: 'syn-card-group' }, names.get(card.groupId) || card.groupId),
    h('span', { class: 'syn-card-text' }, card.text))));
    const editor = h('details', { class: 'syn-edit', testid: 'synthesis-edit' },
      h('summary', { attrs: { 'aria-label': t('syn.editOf', { label: c.label }) } }, t('syn.edit')));
    if (this.openEditors.has(c.id)) editor.open = true;
    editor.addEventListener('toggle', () => {
      if (editor.open) this.openEditors.add(c.id);
      else this.openEditors.delete(c.id);
    });
    // Rename
    const renameId = `syn-rename-${c.id}`;
    const renameInput = h('input', { id: renameId, testid: 'synthesis-rename-input', maxLength: 60, value: c.label,
      attrs: { autocomplete: 'off' } });
    const rename = h('form', { class: 'syn-row', attrs: { novalidate: true }, onsubmit: (e) => {
      e.preventDefault();
      const label = renameInput.value.trim();
      if (!label || isComposing(renameInput)) return;
      this.send({ type: 'synthesis.rename', prompt: p.prompt, cardId: anchor.cardId, label });
      renameInput.blur();
    } }, h('label', { attrs: { for: renameId } }, t('syn.renameLabel')), renameInput,
    h('button', { type: 'submit', class: 'small', testid: 'synthesis-rename' }, t('syn.rename')));
    editor.append(rename);
    // Merge
    if (others.length) {
      const mergeId = `syn-merge-${c.id}`;
      const select = h('select', { id: mergeId, testid: 'synthesis-merge-select' },
        others.map((o) => h('option', { value: o.id }, `${o.label} (${t('syn.groups', { n: (o.groupIds || []).length })})`)));
      editor.append(h('div', { class: 'syn-row' }, h('label', { attrs: { for: mergeId } }, t('syn.mergeLabel')), select,
        h('button', { type: 'button', class: 'small', testid: 'synthesis-merge', onclick: () => {
          const target = others.find((o) => o.id === select.value);
          if (target) this.send({ type: 'synthesis.merge', prompt: p.prompt, cardId: anchor.cardId, otherCardId: target.cards[0].cardId });
        } }, t('syn.merge'))));
    } else {
      editor.append(h('p', { class: 'hint' }, t('syn.noOther')));
    }
    // Move each card
    const moves = h('ul', { class: 'syn-moves' }, c.cards.map((card) => {
      const select = h('select', { testid: 'synthesis-move-select', attrs: { 'aria-label': t('syn.moveLabel', { text: card.text }) } },
        c.cards.length > 1 ? h('option', { value: '' }, t('syn.alone')) : null,
        others.map((o) => h('option', { value: o.id }, o.label)));
      return h('li', { class: 'syn-row', dataset: { cardId: card.cardId } },
        h('span', { class: 'syn-card-text' }, card.text), select,
        h('button', { type: 'button', class: 'small', testid: 'synthesis-move', disabled: select.options.length === 0, onclick: () => {
          const target = others.find((o) => o.id === select.value);
          this.send({ type: 'synthesis.move', prompt: p.prompt, cardId: card.cardId, toCardId: target ? target.cards[0].cardId : null });
        } }, t('syn.move')));
    }));
    editor.append(moves);
    return h('li', { class: `syn-cluster${c.unique ? ' unique' : ''}`, testid: 'synthesis-cluster',
      dataset: { clusterId: c.id, groups: String(groups.length) } },
    head, refs.length ? h('p', { class: 'syn-refs hint' }, t('syn.lessonRefs', { titles: refs.join(', ') })) : null,
    cards, editor);
  }

  /** The cards the class reacted to most during the presentations (none before them). */
  reacted(cards, names) {
    if (!cards.length) return null;
    return h('section', { class: 'syn-reacted', testid: 'synthesis-reacted' }, h('h3', {}, t('syn.reacted')),
      h('ol', { class: 'syn-cards' }, cards.map((c) => h('li', { class: 'syn-card', testid: 'synthesis-reacted-card',
        dataset: { cardId: c.cardId, groupId: c.groupId } },
      h('span', { class: 'syn-card-group' }, names.get(c.groupId) || c.groupId),
      h('span', { class: 'syn-card-text' }, c.text),
      h('span', { class: 'syn-count' }, t('syn.reactedItem', { agree: c.agree, new: c.new }))))));
  }

  lesson(points, names) {
    const section = h('section', { class: 'syn-lesson', testid: 'synthesis-lesson' }, h('h3', {}, t('syn.lesson')));
    if (!points.length) {
      section.append(h('p', { class: 'hint' }, t('syn.noLesson')));
      return section;
    }
    const raised = points.filter((p) => (p.groupIds || []).length)
      .sort((a, b) => b.groupIds.length - a.groupIds.length);
    const missed = missedPoints(points);
    section.append(h('ul', { class: 'syn-points' }, raised.map((p) => h('li', { testid: 'synthesis-point', dataset: { pointId: p.id } },
      h('strong', {}, p.title), ` · ${t(`syn.kind.${p.kind}`)} · `,
      h('span', { class: 'syn-count' }, t('syn.groups', { n: p.groupIds.length })), ` (${p.groupIds.map((id) => names.get(id) || id).join(', ')})`))));
    let main = t('syn.allRaised');
    if (missed.key.length) main = t('syn.missed', { titles: missed.key.map((p) => p.title).join(', ') });
    else if (missed.other.length) main = t('syn.keyRaised');
    section.append(h('p', { class: missed.key.length ? 'syn-missed' : 'hint', testid: 'synthesis-missed' }, main));
    if (missed.other.length) {
      section.append(h('p', { class: 'hint syn-missed-more', testid: 'synthesis-missed-more' },
        t('syn.missedMore', { n: missed.other.length, titles: missed.other.map((p) => p.title).join(', ') })));
    }
    return section;
  }
}
