package dev.breakout.server.room;

import dev.breakout.content.Exercise.PhaseKind;

/**
 * The rules of peer reactions: during a presentation or a gallery phase, a student may react to a
 * card of another group of the same workshop, once per kind, and take it back.
 */
final class Reactions {
  static final String AGREE = "agree";
  static final String NEW = "new";

  private Reactions() {}

  static boolean isKind(String kind) {
    return AGREE.equals(kind) || NEW.equals(kind);
  }

  static Rejection react(Rooms rooms, PhaseKind phase, Seat seat, Command.React react, long now, Step step) {
    if (!isKind(react.kind())) {
      return Rejection.of(Reason.REACTION_KIND);
    }
    if (phase != PhaseKind.PRESENTATION && phase != PhaseKind.GALLERY) {
      return Rejection.of(Reason.REACTIONS_CLOSED);
    }
    GroupRoom target = rooms.withCard(react.cardId()).orElse(null);
    if (target == null) {
      return Rejection.of(Reason.NO_CARD, "cardId", react.cardId());
    }
    if (target.groupId().equals(seat.groupId())) {
      return Rejection.of(Reason.OWN_CARD);
    }
    boolean reacted = target.reacted(react.cardId(), react.kind(), seat.studentId());
    if (react.on() && reacted) {
      return Rejection.of(Reason.ALREADY_REACTED);
    }
    if (!react.on() && !reacted) {
      return Rejection.of(Reason.NO_REACTION);
    }
    GroupView.Reaction before = target.reaction(react.cardId());
    int delta = react.on() ? 1 : -1;
    int agree = before.agree() + (AGREE.equals(react.kind()) ? delta : 0);
    int newToMe = before.newToMe() + (NEW.equals(react.kind()) ? delta : 0);
    Event.ReactionChanged event = new Event.ReactionChanged(target.groupId(), react.cardId(), react.kind(),
        seat.studentId(), react.on(), agree, newToMe);
    step.append(target.groupId(), event, now);
    step.append(seat.groupId(), event, now);
    return null;
  }
}
