// A read-only board (the spotlighted group's answers, an instructor's view of a room, the
// projector): one block per prompt, cards in order, steps numbered with their label.
// No inputs inside, so replacing its children wholesale is safe for IME.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

/** extra(card): an optional element shown at the end of each card (reactions, replay marks). */
export function renderBoard(container, prompts, board, { compact = false, testidPrefix = 'board', extra = null } = {}) {
  const blocks = (prompts || []).map((prompt) => {
    const cards = (board && board[prompt.id]) || [];
    const steps = prompt.kind === 'steps';
    const list = h(steps ? 'ol' : 'ul', { class: `board-cards${steps ? ' steps' : ''}` },
      cards.map((card, i) => h('li', { class: 'board-card', testid: `${testidPrefix}-card`, dataset: { cardId: card.cardId } },
        steps ? h('span', { class: 'step-no', attrs: { 'aria-hidden': 'true' } }, String(i + 1)) : null,
        steps && card.label ? h('span', { class: 'card-label' }, card.label) : null,
        h('span', { class: 'board-card-text', testid: `${testidPrefix}-card-text` }, card.text),
        !compact && card.authorName ? h('span', { class: 'card-author' }, card.authorName) : null,
        card.late ? h('span', { class: 'badge late' }, t('card.late')) : null,
        extra ? extra(card) : null)));
    return h('section', { class: 'board-prompt', testid: `${testidPrefix}-prompt-${prompt.id}` },
      h(compact ? 'h4' : 'h3', { class: 'board-prompt-title' }, prompt.text,
        h('span', { class: 'count' }, ` (${cards.length})`)),
      cards.length ? list : h('p', { class: 'empty' }, t('board.empty')));
  });
  replace(container, ...blocks);
}
