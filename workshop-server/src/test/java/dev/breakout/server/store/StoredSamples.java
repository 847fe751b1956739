package dev.breakout.server.store;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.content.Exercise.Prompt;
import dev.breakout.content.Exercise.PromptKind;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.WorkshopPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of every event record type and plans, with every optional part present somewhere
 * (a clock with a slot and a handover stage, a board, Korean text, JSON-hostile characters), for
 * {@link StoredJsonTest}.
 */
final class StoredSamples {
  static final long AT = 1_764_200_000_000L;

  private StoredSamples() {}

  static final Card CARD = new Card("c1", "p1", "레거시 \"통합\" <b>&\\ 🙂", "1단계", "s-1", "김하나", 3, true,
      AT - 5_000, AT - 1_000);
  static final Card OTHER_CARD = new Card("c2", "p2", "둘째 카드", null, "s-2", "이둘", 1, false, AT - 4_000, AT - 4_000);
  /** A running presentation clock with a slot and the handover stage of decision 010. */
  static final ClockState PRESENTING = new ClockState("phase2", 1, "presentation", AT - 60_000, AT + 60_000, false, 0,
      true, AT - 61_000, new ClockState.Slot(0, 2, "g1", AT + 30_000, 90_000), List.of("g1", "g2"),
      ClockState.Stage.PRESENTING, 0);
  /** A paused discussion clock, as every clock was before decision 010 (no stage). */
  static final ClockState PAUSED = new ClockState("phase1", 0, "discussion", AT - 120_000, AT + 180_000, true,
      AT - 10_000, false, 0, null, List.of());
  static final ClockState COUNTDOWN = new ClockState("phase2", 1, "presentation", AT - 1_000, AT + 120_000, false, 0,
      false, AT - 1_000, null, List.of("g2", "g1"), ClockState.Stage.COUNTDOWN, AT + 30_000);
  static final ClockState ENDED = new ClockState("ended", 2, "ended", AT, 0, false, 0, true, AT - 61_000, null,
      List.of("g1", "g2"));

  static Map<String, List<Card>> board() {
    Map<String, List<Card>> board = new LinkedHashMap<>();
    board.put("p1", List.of(CARD));
    board.put("p2", List.of(OTHER_CARD));
    return board;
  }

  /** By a name for the fixture: one of every record type of {@link Event}, a few types twice. */
  static Map<String, Event> events() {
    Map<String, Event> e = new LinkedHashMap<>();
    e.put("StudentJoined", new Event.StudentJoined("s-1", "김하나"));
    e.put("StudentLeft", new Event.StudentLeft("s-1", "g2"));
    e.put("CardAdded", new Event.CardAdded(CARD));
    e.put("CardAdded without label", new Event.CardAdded(OTHER_CARD));
    e.put("CardEdited", new Event.CardEdited("c1", "고친 글", "2단계", 4, "s-2", false));
    e.put("CardDeleted", new Event.CardDeleted("c1", true));
    e.put("CardMoved", new Event.CardMoved("c1", 2, false));
    e.put("SubmissionChanged", new Event.SubmissionChanged(true, "s-1", false));
    e.put("HelpRequested", new Event.HelpRequested("s-2"));
    e.put("HelpCleared", new Event.HelpCleared());
    e.put("FeedbackGiven", new Event.FeedbackGiven("좋은 의견입니다\n다음 줄"));
    e.put("GroupClockAdjusted", new Event.GroupClockAdjusted("g2", 60, 90_000));
    e.put("PhaseChanged", new Event.PhaseChanged(PAUSED));
    e.put("ClockPaused", new Event.ClockPaused(PAUSED));
    e.put("ClockResumed", new Event.ClockResumed(PRESENTING));
    e.put("ClockAdjusted", new Event.ClockAdjusted(-30, PAUSED));
    e.put("ClockWarning", new Event.ClockWarning(60_000, PAUSED));
    e.put("BroadcastSent", new Event.BroadcastSent("1분 남았습니다"));
    e.put("SpotlightChanged", new Event.SpotlightChanged("g1", "가조", board(), PRESENTING));
    e.put("PresentationOrdered", new Event.PresentationOrdered(List.of("g2", "g1"), COUNTDOWN));
    e.put("WorkshopEnded", new Event.WorkshopEnded(ENDED));
    e.put("PresentationStarted", new Event.PresentationStarted(PRESENTING));
    e.put("PresentationWaiting", new Event.PresentationWaiting(List.of("g2"),
        new ClockState("phase2", 1, "presentation", AT - 1_000, AT + 120_000, false, 0, false, AT - 1_000, null,
            List.of("g1", "g2"), ClockState.Stage.WAITING, AT + 45_000)));
    e.put("BroadcastWithdrawn", new Event.BroadcastWithdrawn(AT - 2_000));
    e.put("GalleryOpened", new Event.GalleryOpened(List.of(new Event.GroupBoard("g1", "가조", board()),
        new Event.GroupBoard("g2", "나조", Map.of()))));
    e.put("ReactionChanged", new Event.ReactionChanged("g1", "c1", "agree", "s-3", true, 2, 1));
    e.put("ClustersMerged", new Event.ClustersMerged("p1", "c1", "c2"));
    e.put("CardRegrouped", new Event.CardRegrouped("p1", "c1", "c2"));
    e.put("CardRegrouped alone", new Event.CardRegrouped("p1", "c1", null));
    e.put("ClusterRenamed", new Event.ClusterRenamed("p1", "c1", "통합의 어려움"));
    return e;
  }

  /** A plan with every field, named, zoned and presenter-paced. */
  static WorkshopPlan plan() {
    return new WorkshopPlan("w1", "s7", "DevOps 성공 사례 분석", "사례 분석", "시나리오 \"인용\"", List.of("조건 1", "조건 2"),
        "123456", List.of(new WorkshopPlan.GroupInfo("g1", "가조"), new WorkshopPlan.GroupInfo("g2", "나조")), true,
        List.of(new Prompt("p1", "예상되는 장애물은?", PromptKind.LIST, "장애물"),
            new Prompt("p2", "단계별 계획", PromptKind.STEPS, "계획")),
        List.of(new WorkshopPlan.PhasePlan("phase1", "그룹 토론", PhaseKind.DISCUSSION, 300_000),
            new WorkshopPlan.PhasePlan("phase2", "발표 및 피드백", PhaseKind.PRESENTATION, 120_000),
            new WorkshopPlan.PhasePlan("phase3", "갤러리", PhaseKind.GALLERY, 60_000)),
        60_000, 10_000, AT - 60_000, "3반 11월 27일", "Asia/Seoul",
        new WorkshopPlan.Handover(false, 30_000, true, true, true));
  }

  /** A plan as workshops had them before names, zones and the handover options: null name and zone, timed. */
  static WorkshopPlan oldPlan() {
    return new WorkshopPlan("w0", "s1", "세션", "연습", "시나리오", List.of(), "654321",
        List.of(new WorkshopPlan.GroupInfo("g1", "가조")), false,
        List.of(new Prompt("p1", "질문", PromptKind.LIST, "질문")),
        List.of(new WorkshopPlan.PhasePlan("phase1", "토론", PhaseKind.DISCUSSION, 600_000)),
        60_000, 0, AT - 3_600_000);
  }
}
