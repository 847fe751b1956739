// The student page's state: its one store, the storage keys, the operations a student sends,
// and what the screens derive from the store (the board with this student's queued changes).
import { ServerClock, clockView } from './lib/clock.js';
import { findCard } from './lib/group-state.js';
import { reactionButtons } from './lib/reactions-view.js';
import { uuid } from './lib/ids.js';
import { session } from './lib/storage.js';
import { Store } from './lib/store.js';

export const clock = new ServerClock();
export const keys = {
  lastCode: 'breakout.lastCode',
  seat: (code) => `breakout.seat.${code}`,
  pending: (seat) => `breakout.pending.${seat.workshopId}.${seat.studentId}`,
  cache: (seat) => `breakout.cache.${seat.workshopId}.${seat.studentId}`,
  drafts: (seat) => `breakout.drafts.${seat.workshopId}.${seat.studentId}`,
  unsaved: (seat) => `breakout.unsaved.${seat.workshopId}.${seat.studentId}`,
};

/** The page's one store (js/lib/store.js): everything the student page draws from. */
export const store = new Store({
  booted: false,
  code: '',
  joinInfo: null,
  joinInfoFor: '',
  joinError: '',
  joining: false,
  seat: null,
  workshop: null,
  group: null,
  online: new Set(),
  status: 'idle',
  ui: {
    activeTab: session.get('breakout.tab', null),
    editing: new Map(),
    confirmDelete: null,
    menuFor: null,
    dismissed: new Set(session.get('breakout.dismissed', [])),
    unsaved: [],
    notice: '',
    refocus: null,
  },
});
export const S = store.state;

/**
 * What the page holds besides the store: the live connection (null before joining and after
 * leaving) and the writing window last drawn (the clock's tick redraws when it changes).
 */
export const page = { conn: null, lastWriting: null };

// ==================================================================== operations

export function send(op) {
  if (!page.conn) return null;
  const opId = page.conn.send(op);
  store.changed();
  return opId;
}

/** The reaction buttons of another group's card (presentation and gallery). */
export function reactTo(card) {
  return reactionButtons(S.group, page.conn ? page.conn.pending : [], S.seat.studentId, card, send);
}

export function addCard(promptId, text, label) {
  const op = { type: 'card.add', cardId: uuid(), prompt: promptId, text };
  if (label) op.label = label;
  send(op);
}

export function editCard(cardId, text, label, version) {
  const op = { type: 'card.edit', cardId, text, version };
  if (label !== undefined) op.label = label || null;
  send(op);
}

/**
 * The version an edit opened now is based on: the confirmed one plus this student's own queued
 * edits of the card (each will bump it). Someone else's save in between makes it a conflict,
 * which reopens the editor instead of silently overwriting them.
 */
export function baseVersion(cardId) {
  const confirmed = S.group ? findCard(S.group, cardId) : null;
  const own = page.conn ? page.conn.pending.filter((p) => p.op.cardId === cardId && p.op.type === 'card.edit').length : 0;
  return (confirmed ? confirmed.version : 1) + own;
}

export function viewCard(cardId) {
  for (const list of Object.values(viewBoard())) {
    const card = list.find((c) => c.cardId === cardId);
    if (card) return card;
  }
  return null;
}

// ==================================================================== derived state

export function screen() {
  if (!S.booted) return 'loading';
  if (!S.seat) return 'join';
  if (!S.workshop || !S.group) return 'loading';
  if (!S.group.clock || S.group.clock.kind === 'lobby') return 'lobby';
  return 'room';
}

/** The board as this student sees it: the confirmed cards with their own queued changes on top. */
export function viewBoard() {
  const board = {};
  for (const prompt of S.workshop.prompts) {
    board[prompt.id] = ((S.group.cards || {})[prompt.id] || []).map((c) => ({ ...c, pending: false }));
  }
  const find = (cardId) => {
    for (const list of Object.values(board)) {
      const card = list.find((c) => c.cardId === cardId);
      if (card) return card;
    }
    return null;
  };
  for (const { op, queuedAt } of page.conn ? page.conn.pending : []) {
    if (op.type === 'card.add') {
      if (!find(op.cardId) && board[op.prompt]) {
        board[op.prompt].push({ cardId: op.cardId, prompt: op.prompt, text: op.text, label: op.label || null,
          authorId: S.seat.studentId, authorName: S.seat.name, version: 1, late: false, pending: true, queuedAt });
      }
      continue;
    }
    const card = op.cardId ? find(op.cardId) : null;
    if (!card) continue;
    card.pending = true;
    if (op.type === 'card.edit') {
      card.text = op.text;
      if ('label' in op) card.label = op.label;
    } else if (op.type === 'card.delete') {
      card.deleting = true;
    } else if (op.type === 'card.move') {
      const list = board[card.prompt];
      list.splice(list.indexOf(card), 1);
      list.splice(Math.max(0, Math.min(op.index, list.length)), 0, card);
    }
  }
  return board;
}

export function viewSubmitted() {
  let submitted = !!S.group.submitted;
  for (const { op } of page.conn ? page.conn.pending : []) if (op.type === 'group.submit') submitted = op.submitted;
  return submitted;
}

export function viewHelp() {
  return !!S.group.help || (page.conn ? page.conn.pending.some((p) => p.op.type === 'help.request') : false);
}

export function currentClockView() {
  return clockView(S.group.clock, S.group.extraMs, S.workshop.graceMs, clock.now());
}
