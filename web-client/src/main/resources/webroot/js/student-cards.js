// The cards of one prompt's column: a card, its menu (reorder, delete with a second tap) and its
// editor, which keeps what the student typed through conflicts, deletions and IME compositions.
import { h, reconcile, replace, setText, show } from './lib/dom.js';
import { t, getLang } from './lib/i18n.js';
import { composingWithin, isComposing, isImeEnter } from './lib/ime.js';
import { uuid } from './lib/ids.js';
import { local } from './lib/storage.js';
import { isTouchOnly } from './lib/keyboard-inset.js';
import { promptShort } from './lib/prompt-label.js';
import { store, S, keys, send, editCard, baseVersion, viewCard } from './student-store.js';

export function renderColumn(column, prompt, cards, writable) {
  const steps = prompt.kind === 'steps';
  const form = column.querySelector('.add-card');
  const input = form.querySelector('textarea');
  const labels = form.querySelectorAll('.add-label');
  setText(labels[0], t('card.new', { prompt: prompt.text }));
  if (labels[1]) setText(labels[1], t('card.labelField'));
  // Enter and Shift+Enter mean nothing on a phone's keyboard: no hint there.
  const hint = form.querySelector('.hint');
  setText(hint, isTouchOnly() ? '' : t('card.addHint'));
  show(hint, !isTouchOnly());
  const labelInput = form.querySelector('input');
  if (labelInput && !isComposing(labelInput)) labelInput.placeholder = t('card.labelPlaceholderFor');
  if (!isComposing(input)) input.placeholder = t('card.placeholderFor', { prompt: promptShort(prompt) });
  // Disabling keeps what is typed; it comes back if the instructor gives more time.
  input.disabled = !writable;
  if (labelInput) labelInput.disabled = !writable;
  setText(form.querySelector('button'), t('card.add'));
  form.querySelector('button').disabled = !writable;
  if (steps) setText(column.querySelector('.steps-hint'), t('card.stepsHint'));

  const list = column.querySelector('.cards');
  if (composingWithin(list)) {
    // Someone's syllable is being built in a card editor here: leave the list's structure
    // alone; compositionend triggers the render that catches up.
    return;
  }
  // A card deleted (by a group-mate) while this student edits it: keep what they typed.
  for (const [cardId, editing] of S.ui.editing) {
    const el = list.querySelector(`.card[data-card-id="${CSS.escape(cardId)}"]`);
    if (el && !cards.some((c) => c.cardId === cardId)) {
      S.ui.editing.delete(cardId);
      S.ui.unsaved.push({ id: uuid(), text: editing.text, reason: t('card.deletedWhileEditing') });
      local.set(keys.unsaved(S.seat), S.ui.unsaved);
    }
  }
  reconcile(list, cards, (c) => c.cardId, (card) => createCard(card), (el, card, index) =>
    updateCard(el, card, index, cards.length, prompt, writable));
}

function createCard(card) {
  // seenAt/queuedAt: when this page first drew the card and when its author queued it; the
  // browser tests measure delivery delays from them.
  // A light card: its text is the button that opens the editor; the rarer actions (reorder,
  // delete) sit behind one "⋯" button, so three roadmap steps no longer fill a phone's screen.
  const el = h('li', { class: 'card', testid: 'card', tabIndex: -1,
    dataset: { cardId: card.cardId, seenAt: String(Date.now()), queuedAt: card.queuedAt ? String(card.queuedAt) : undefined } },
    h('span', { class: 'step-no', attrs: { 'aria-hidden': 'true' } }),
    h('div', { class: 'card-main' },
      h('span', { class: 'card-label', testid: 'card-label' }),
      h('button', { type: 'button', class: 'card-body', testid: 'card-edit', dataset: { role: 'edit' },
        onclick: () => openEditor(card.cardId) },
      h('span', { class: 'sr-only card-edit-prefix' }),
      h('span', { class: 'card-text', testid: 'card-text' })),
      h('p', { class: 'card-meta' },
        h('span', { class: 'card-author' }),
        h('span', { class: 'badge pending', testid: 'card-pending' }),
        h('span', { class: 'badge late' })),
      h('div', { class: 'card-editor-slot' })),
    h('button', { type: 'button', class: 'small icon card-more', testid: 'card-menu', dataset: { role: 'menu' },
      attrs: { 'aria-expanded': 'false', 'aria-controls': `menu-${card.cardId}` },
      onclick: () => toggleMenu(card.cardId) }, '⋯'),
    h('div', { class: 'card-actions', id: `menu-${card.cardId}`, attrs: { role: 'group' },
      onkeydown: (e) => { if (e.key === 'Escape') closeMenu(card.cardId); } }));
  return el;
}

function toggleMenu(cardId) {
  S.ui.menuFor = S.ui.menuFor === cardId ? null : cardId;
  S.ui.confirmDelete = null;
  if (S.ui.menuFor) S.ui.refocus = { cardId, role: 'first-action' };
  store.changed();
}

function closeMenu(cardId) {
  if (S.ui.menuFor !== cardId) return;
  S.ui.menuFor = null;
  S.ui.refocus = { cardId, role: 'menu' };
  store.changed();
}

function updateCard(el, card, index, count, prompt, writable) {
  const steps = prompt.kind === 'steps';
  el.dataset.pending = String(!!card.pending);
  el.classList.toggle('deleting', !!card.deleting);
  el.classList.toggle('step', steps);
  const stepNo = el.querySelector('.step-no');
  setText(stepNo, steps ? `${index + 1}` : '');
  show(stepNo, steps);
  const label = el.querySelector('.card-label');
  setText(label, steps && card.label ? card.label : '');
  show(label, !!(steps && card.label));
  const text = el.querySelector('.card-text');
  setText(text, card.text);
  setText(el.querySelector('.card-edit-prefix'), `${t('card.edit')}: `);
  setText(el.querySelector('.card-author'), card.authorName || '');
  const pending = el.querySelector('.badge.pending');
  setText(pending, card.deleting ? t('card.deletingPending') : t('card.pending'));
  show(pending, !!card.pending);
  const late = el.querySelector('.badge.late');
  setText(late, t('card.late'));
  show(late, !!card.late);

  const editing = S.ui.editing.get(card.cardId);
  const canWrite = writable && !card.deleting;
  const body = el.querySelector('.card-body');
  body.disabled = !canWrite;
  show(body, !editing);
  const more = el.querySelector('.card-more');
  const menuOpen = S.ui.menuFor === card.cardId && !editing && canWrite;
  more.setAttribute('aria-expanded', String(menuOpen));
  more.setAttribute('aria-label', t('card.moreLabel', { text: card.text.slice(0, 40) }));
  more.disabled = !canWrite;
  show(more, !editing);
  const actions = el.querySelector(':scope > .card-actions');
  show(actions, menuOpen);
  if (menuOpen) renderCardActions(actions, card, index, count, steps, writable);
  renderEditor(el.querySelector('.card-editor-slot'), card, editing, steps, writable);
}

function renderCardActions(actions, card, index, count, steps, writable) {
  const confirming = S.ui.confirmDelete === card.cardId;
  const key = `${writable}|${steps}|${index}|${count}|${confirming}|${!!card.deleting}|${getLang()}|${card.text}`;
  if (actions.dataset.key === key) return;
  actions.dataset.key = key;
  const buttons = [];
  const canWrite = writable && !card.deleting;
  if (steps) {
    buttons.push(h('button', { type: 'button', class: 'small', testid: 'card-up', disabled: !canWrite || index === 0,
      dataset: { role: 'up' }, attrs: { 'aria-label': t('card.up') }, onclick: () => move(card, index - 1, 'up') },
    h('span', { attrs: { 'aria-hidden': 'true' } }, '↑ '), t('card.upShort')));
    buttons.push(h('button', { type: 'button', class: 'small', testid: 'card-down', disabled: !canWrite || index >= count - 1,
      dataset: { role: 'down' }, attrs: { 'aria-label': t('card.down') }, onclick: () => move(card, index + 1, 'down') },
    h('span', { attrs: { 'aria-hidden': 'true' } }, '↓ '), t('card.downShort')));
  }
  buttons.push(h('button', { type: 'button', class: `small${confirming ? ' danger' : ''}`, testid: 'card-delete', disabled: !canWrite,
    dataset: { role: 'delete' },
    onclick: () => {
      if (S.ui.confirmDelete === card.cardId) {
        S.ui.confirmDelete = null;
        S.ui.menuFor = null;
        send({ type: 'card.delete', cardId: card.cardId });
      } else {
        // One tap on a phone is too easy to make by accident: the second tap deletes.
        S.ui.confirmDelete = card.cardId;
        S.ui.refocus = { cardId: card.cardId, role: 'delete' };
        setTimeout(() => { if (S.ui.confirmDelete === card.cardId) { S.ui.confirmDelete = null; store.changed(); } }, 5000);
        store.changed();
      }
    } }, confirming ? t('card.deleteConfirm') : t('card.delete')));
  replace(actions, ...buttons);
}

function move(card, index, role) {
  S.ui.refocus = { cardId: card.cardId, role };
  send({ type: 'card.move', cardId: card.cardId, index });
}

function openEditor(cardId) {
  const card = viewCard(cardId);
  if (!card) return;
  S.ui.editing.set(cardId, { text: card.text, label: card.label || '', fresh: true, version: baseVersion(cardId) });
  S.ui.refocus = null;
  S.ui.menuFor = null;
  store.changed();
}

function renderEditor(slot, card, editing, steps, writable) {
  if (!editing) {
    if (slot.firstChild) replace(slot);
    return;
  }
  let form = slot.firstChild;
  if (!form || editing.fresh) {
    // Built once when the editor opens; afterwards its fields belong to the student.
    editing.fresh = false;
    const textarea = h('textarea', { class: 'edit-text', testid: 'card-edit-input', rows: 3, maxLength: 500,
      attrs: { 'aria-label': t('card.editText') } });
    textarea.value = editing.text;
    textarea.addEventListener('input', () => { editing.text = textarea.value; });
    const labelInput = steps ? h('input', { class: 'edit-label', testid: 'card-edit-label', maxLength: 60,
      attrs: { list: 'label-suggestions', 'aria-label': t('card.labelField') } }) : null;
    if (labelInput) {
      labelInput.value = editing.label || '';
      labelInput.addEventListener('input', () => { editing.label = labelInput.value; });
    }
    const save = () => {
      const text = textarea.value.trim();
      if (!text) { textarea.focus(); return; }
      S.ui.editing.delete(card.cardId);
      const version = editing.conflict ? editing.conflict.version : editing.version;
      editCard(card.cardId, text, steps ? (labelInput.value.trim() || null) : undefined, version);
      S.ui.refocus = { cardId: card.cardId, role: 'edit' };
    };
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !isImeEnter(e)) { e.preventDefault(); save(); }
      if (e.key === 'Escape') cancel();
    });
    const cancel = () => {
      S.ui.editing.delete(card.cardId);
      S.ui.refocus = { cardId: card.cardId, role: 'edit' };
      store.changed();
    };
    form = h('form', { class: 'card-editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
      editing.conflict ? h('p', { class: 'conflict', attrs: { role: 'alert' } },
        t('card.conflict'), h('q', {}, editing.conflict.text)) : null,
      textarea, labelInput,
      h('div', { class: 'card-actions' },
        h('button', { type: 'submit', class: 'small primary', testid: 'card-save' }, t('card.save')),
        h('button', { type: 'button', class: 'small', testid: 'card-cancel', onclick: cancel }, t('card.cancel'))));
    replace(slot, form);
    requestAnimationFrame(() => textarea.focus());
  }
  const saveButton = form.querySelector('[data-testid="card-save"]');
  if (saveButton) saveButton.disabled = !writable;
}
