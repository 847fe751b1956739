// Folds a group's log events into its <Group> state, exactly as docs/protocol.md 4.1 says.
// Shared by the student room, the instructor dashboard and the projector, so all three see the
// same thing from the same events.

/** Applies one event message {groupId, seq, at, event} to group (mutated). */
export function applyEvent(group, message) {
  const e = message.event;
  const at = message.at;
  group.cards = group.cards || {};
  switch (e.type) {
    case 'student.joined':
      group.members = (group.members || []).filter((m) => m.studentId !== e.studentId);
      group.members.push({ studentId: e.studentId, name: e.name, joinedAt: at });
      break;
    case 'student.left':
      group.members = (group.members || []).filter((m) => m.studentId !== e.studentId);
      break;
    case 'card.added': {
      const list = group.cards[e.card.prompt] || (group.cards[e.card.prompt] = []);
      if (!list.some((c) => c.cardId === e.card.cardId)) list.push({ ...e.card });
      group.lastActivityAt = at;
      break;
    }
    case 'card.edited': {
      const card = findCard(group, e.cardId);
      if (card) {
        card.text = e.text;
        card.label = e.label === undefined ? card.label : e.label;
        card.version = e.version;
        card.updatedAt = at;
        card.late = !!(card.late || e.late);
      }
      group.lastActivityAt = at;
      break;
    }
    case 'card.deleted':
      for (const prompt of Object.keys(group.cards)) {
        group.cards[prompt] = group.cards[prompt].filter((c) => c.cardId !== e.cardId);
      }
      group.lastActivityAt = at;
      break;
    case 'card.moved': {
      const card = findCard(group, e.cardId);
      if (card) {
        const list = group.cards[card.prompt];
        list.splice(list.indexOf(card), 1);
        list.splice(Math.max(0, Math.min(e.index, list.length)), 0, card);
      }
      group.lastActivityAt = at;
      break;
    }
    case 'group.submitted':
      group.submitted = !!e.submitted;
      group.lastActivityAt = at;
      break;
    case 'help.requested':
      // The wait counts from the first request while none is pending (docs/protocol.md 4.1).
      if (!group.help) group.helpAt = at;
      group.help = true;
      break;
    case 'help.cleared':
      group.help = false;
      group.helpAt = 0;
      break;
    case 'feedback.given':
      (group.feedback || (group.feedback = [])).push({ text: e.text, at });
      break;
    case 'broadcast.sent':
      (group.broadcasts || (group.broadcasts = [])).push({ text: e.text, at });
      break;
    case 'broadcast.withdrawn':
      group.broadcasts = (group.broadcasts || []).filter((b) => b.at !== e.sentAt);
      break;
    case 'clock.adjusted':
      if (e.groupId) group.extraMs = e.extraMs;
      break;
    case 'spotlight.changed':
      group.spotlight = { groupId: e.groupId, groupName: e.groupName, board: e.board, clock: e.clock };
      break;
    case 'gallery.opened':
      group.gallery = e.boards;
      break;
    case 'reaction.changed': {
      // The card's totals as of this change; who reacted, as far as this log knows (docs/protocol.md 4.1).
      const reactions = group.reactions || (group.reactions = {});
      const r = reactions[e.cardId] || (reactions[e.cardId] = { groupId: e.cardGroupId, agree: 0, new: 0, by: { agree: [], new: [] } });
      r.agree = e.counts.agree;
      r.new = e.counts.new;
      r.by[e.kind] = r.by[e.kind].filter((id) => id !== e.studentId);
      if (e.on) r.by[e.kind].push(e.studentId);
      break;
    }
    default:
      break;
  }
  if (e.clock) group.clock = e.clock;
  group.seq = message.seq;
}

export function findCard(group, cardId) {
  for (const list of Object.values(group.cards || {})) {
    const card = list.find((c) => c.cardId === cardId);
    if (card) return card;
  }
  return null;
}

/**
 * What to do with an event message for a group whose last applied seq is lastSeq:
 * 'apply' (the next one), 'skip' (already applied: a replay overlapping what we had) or 'gap'
 * (one was lost: reconnect with lastSeq to get it).
 */
export function seqCheck(lastSeq, seq) {
  if (seq <= lastSeq) return 'skip';
  if (seq === lastSeq + 1) return 'apply';
  return 'gap';
}

export function cardCount(group) {
  return Object.values(group.cards || {}).reduce((n, list) => n + list.length, 0);
}
