// Peer reactions on a board (docs/protocol.md 9): 👍 agree and 💡 new to me. The counts come from
// the card's group's state (`reactions`), which the projector and dashboard follow live; a student
// toggles with reaction.set, sending the opposite of what their state (confirmed plus queued) shows.
import { h } from './dom.js';
import { t } from './i18n.js';
import { renderBoard } from './board-view.js';

export const KINDS = [
  { kind: 'agree', icon: '👍', label: 'react.agree' },
  { kind: 'new', icon: '💡', label: 'react.new' },
];

/** {agree, new} of one card as a group's state knows them. */
export function counts(group, cardId) {
  const r = group && group.reactions && group.reactions[cardId];
  return { agree: r ? r.agree : 0, new: r ? r.new : 0 };
}

/** Read-only counts (projector, dashboard, review); nothing when the card has none. */
export function countsBadge(group, card, testid = 'reaction-counts') {
  const c = counts(group, card.cardId);
  if (!c.agree && !c.new) return null;
  return h('span', { class: 'reactions', testid, dataset: { agree: String(c.agree), new: String(c.new) },
    attrs: { 'aria-label': t('react.counts', { agree: c.agree, new: c.new }) } },
  `👍 ${c.agree}  💡 ${c.new}`);
}

/**
 * Whether this student's reaction of kind to cardId is on: the confirmed state, then their queued
 * reaction.set operations in order.
 */
export function isOn(group, pending, studentId, cardId, kind) {
  const r = group && group.reactions && group.reactions[cardId];
  let on = !!(r && r.by && r.by[kind] && r.by[kind].includes(studentId));
  for (const p of pending || []) {
    if (p.op.type === 'reaction.set' && p.op.cardId === cardId && p.op.kind === kind) on = p.op.on;
  }
  return on;
}

/** The two toggle buttons of a student's card, with the counts their own log knows. */
export function reactionButtons(group, pending, studentId, card, send) {
  const c = counts(group, card.cardId);
  return h('span', { class: 'reactions react-buttons', testid: 'react-buttons' },
    KINDS.map(({ kind, icon, label }) => {
      const on = isOn(group, pending, studentId, card.cardId, kind);
      return h('button', {
        type: 'button', class: `small react${on ? ' on' : ''}`, testid: `react-${kind}`,
        dataset: { cardId: card.cardId, kind },
        attrs: { 'aria-pressed': String(on), 'aria-label': t(label) },
        onclick: () => send({ type: 'reaction.set', cardId: card.cardId, kind, on: !on }),
      }, `${icon} ${c[kind]}`);
    }));
}

/**
 * The gallery: every other group's board as it stood when the gallery began, with the reaction
 * buttons; put right after `anchor`, hidden outside a gallery phase.
 */
export function renderGallery(anchor, prompts, group, extra) {
  let section = document.getElementById('gallery');
  if (!section) {
    section = h('section', { id: 'gallery', class: 'gallery spotlight', testid: 'gallery' });
    anchor.after(section);
  }
  const open = group && group.clock && group.clock.kind === 'gallery';
  section.hidden = !open;
  if (!open) return;
  const boards = (group.gallery || []).filter((b) => b.groupId !== group.groupId);
  section.replaceChildren(h('h2', {}, t('gallery.title')), ...boards.map((b) => {
    const box = h('div', { class: 'board', testid: 'gallery-board', dataset: { groupId: b.groupId } });
    renderBoard(box, prompts, b.board, { testidPrefix: 'gallery', extra });
    return h('section', { class: 'gallery-group' }, h('h3', {}, b.groupName), box);
  }));
}
