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

  static Rejection react(Workshop w, Seat seat, String opId, Command.React react, long now) {
    if (!isKind(react.kind())) {
      return Rejection.of(ErrorCode.BAD_REQUEST, "kind must be 'agree' or 'new'. / 반응 종류가 올바르지 않습니다.");
    }
    PhaseKind phase = w.currentKind();
    if (phase != PhaseKind.PRESENTATION && phase != PhaseKind.GALLERY) {
      return Rejection.of(ErrorCode.PHASE_CLOSED,
          "Reactions are open during presentations and the gallery. / 반응은 발표와 갤러리 단계에서만 할 수 있습니다.");
    }
    GroupRoom target = w.roomWithCard(react.cardId()).orElse(null);
    if (target == null) {
      return Rejection.of(ErrorCode.NOT_FOUND,
          "No card '" + react.cardId() + "' in this workshop. / 이 워크숍에 없는 카드입니다.");
    }
    if (target.groupId().equals(seat.groupId())) {
      return Rejection.of(ErrorCode.FORBIDDEN,
          "You cannot react to your own group's cards. / 우리 조의 카드에는 반응할 수 없습니다.");
    }
    boolean reacted = target.reacted(react.cardId(), react.kind(), seat.studentId());
    if (react.on() && reacted) {
      return Rejection.of(ErrorCode.CONFLICT, "You reacted so already. / 이미 반응했습니다.");
    }
    if (!react.on() && !reacted) {
      return Rejection.of(ErrorCode.CONFLICT, "There is no such reaction to take back. / 취소할 반응이 없습니다.");
    }
    GroupView.Reaction before = target.reaction(react.cardId());
    int delta = react.on() ? 1 : -1;
    int agree = before.agree() + (AGREE.equals(react.kind()) ? delta : 0);
    int newToMe = before.newToMe() + (NEW.equals(react.kind()) ? delta : 0);
    Event.ReactionChanged event = new Event.ReactionChanged(target.groupId(), react.cardId(), react.kind(),
        seat.studentId(), react.on(), agree, newToMe);
    w.appendTo(target.groupId(), event, now, seat.studentId(), opId);
    w.appendTo(seat.groupId(), event, now, seat.studentId(), opId);
    return null;
  }
}
