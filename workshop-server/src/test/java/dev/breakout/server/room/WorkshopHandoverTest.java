package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.GRACE_MS;
import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.LEAD_MS;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_MS;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.ClockState.Stage;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.NextPresenter;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.ResumeClock;
import dev.breakout.server.room.Command.StartPresentations;
import dev.breakout.server.room.WorkshopPlan.Handover;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The handover from the discussion to the presentations (decision 010). */
class WorkshopHandoverTest {

  private static final long SLOT_GUIDE = PRESENTATION_MS / 3;

  private static RoomFixture presenterPaced() {
    RoomFixture f = RoomFixture.withHandover(3, Handover.PRESENTER_PACED);
    f.start(T0);
    return f;
  }

  private static String spotlit(List<Logged> events) {
    return events.stream().map(Logged::event).filter(Event.SpotlightChanged.class::isInstance)
        .map(e -> ((Event.SpotlightChanged) e).groupId()).reduce((a, b) -> b).orElseThrow();
  }

  @Nested
  class InstructorStarts {

    @Test
    @DisplayName("When the discussion ends nobody presents yet: the presentation phase waits, ready, for the instructor.")
    void discussionEndIsReady() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END - LEAD_MS);
      List<Logged> ended = f.tick(DISCUSSION_END);

      assertThat(types(in(ended, "g1"))).containsExactly("phase.changed");
      ClockState clock = f.workshop.clock();
      assertThat(clock.kind()).isEqualTo("presentation");
      assertThat(clock.stage()).isEqualTo(Stage.READY);
      assertThat(clock.slot()).isNull();
      assertThat(clock.endsAt()).isZero();
      assertThat(clock.order()).containsExactly("g1", "g2", "g3");
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
      assertThat(f.tick(DISCUSSION_END + 3_600_000)).isEmpty();
      assertThat(f.workshop.group("g2").spotlight()).isNull();
    }

    @Test
    @DisplayName("The instructor's start puts the first group in the spotlight with a slot guide of its share of the phase.")
    void instructorStarts() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      long at = DISCUSSION_END + 45_000;
      Outcome.Accepted started = f.instructor(new StartPresentations(), at);

      assertThat(types(in(started.events(), "g3"))).containsExactly("presentation.started", "spotlight.changed");
      assertThat(spotlit(started.events())).isEqualTo("g1");
      ClockState clock = f.workshop.clock();
      assertThat(clock.stage()).isEqualTo(Stage.PRESENTING);
      assertThat(clock.phaseStartedAt()).isEqualTo(at);
      assertThat(clock.endsAt()).isEqualTo(at + PRESENTATION_MS);
      assertThat(clock.slot()).isEqualTo(new ClockState.Slot(0, 3, "g1", at + SLOT_GUIDE, SLOT_GUIDE));
    }

    @Test
    @DisplayName("The slot time is a guide: long past the slot's and the phase's planned end the same group still presents.")
    void slotIsAGuide() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
      assertThat(f.tick(DISCUSSION_END + 10 * PRESENTATION_MS)).isEmpty();
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g1");
      assertThat(f.workshop.clock().kind()).isEqualTo("presentation");
    }

    @Test
    @DisplayName("Next moves the spotlight group by group with a fresh guide each; after the last group the workshop ends.")
    void nextGroupThenEnd() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      long at = DISCUSSION_END + 90_000;

      Outcome.Accepted second = f.instructor(new NextPresenter("g1"), at);
      assertThat(types(in(second.events(), "g1"))).containsExactly("spotlight.changed");
      assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(1, 3, "g2", at + SLOT_GUIDE, SLOT_GUIDE));
      f.instructor(new NextPresenter(null), at + 10_000);
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g3");

      Outcome.Accepted last = f.instructor(new NextPresenter("g3"), at + 20_000);
      assertThat(types(in(last.events(), "g2"))).containsExactly("phase.changed");
      assertThat(f.workshop.clock().kind()).isEqualTo("ended");
    }

    @Test
    @DisplayName("A second press for a group that has moved on already is a conflict, so a double click skips no group.")
    void staleNextIsRefused() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      f.instructor(new NextPresenter("g1"), DISCUSSION_END + 1_000);
      f.reject(INSTRUCTOR, new NextPresenter("g1"), DISCUSSION_END + 1_001, ErrorCode.CONFLICT);
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g2");
    }

    @Test
    @DisplayName("Start is refused during the discussion and once the presentations run; next is refused before they start.")
    void startAndNextRefusals() {
      RoomFixture f = presenterPaced();
      f.reject(INSTRUCTOR, new StartPresentations(), T0 + 1_000, ErrorCode.CONFLICT);
      f.reject(INSTRUCTOR, new NextPresenter(null), T0 + 1_000, ErrorCode.CONFLICT);
      f.tick(DISCUSSION_END);
      f.reject(INSTRUCTOR, new NextPresenter(null), DISCUSSION_END + 1, ErrorCode.CONFLICT);
      f.instructor(new StartPresentations(), DISCUSSION_END + 2);
      f.reject(INSTRUCTOR, new StartPresentations(), DISCUSSION_END + 3, ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("Students cannot start the presentations nor move on when the workshop does not let presenters advance.")
    void studentsCannotAdvanceByDefault() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.reject(f.student("g1", 0), new StartPresentations(), DISCUSSION_END + 1, ErrorCode.FORBIDDEN);
      f.instructor(new StartPresentations(), DISCUSSION_END + 2);
      f.reject(f.student("g1", 0), new NextPresenter("g1"), DISCUSSION_END + 3, ErrorCode.FORBIDDEN);
    }

    @Test
    @DisplayName("Time adjustments need started presentations; then they move the presenting group's guide.")
    void adjustDuringHandover() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.reject(INSTRUCTOR, new AdjustClock(60, null), DISCUSSION_END + 1, ErrorCode.CONFLICT);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      f.instructor(new AdjustClock(60, null), DISCUSSION_END + 5_000);
      assertThat(f.workshop.clock().slot().endsAt()).isEqualTo(DISCUSSION_END + SLOT_GUIDE + 60_000);
      assertThat(f.workshop.clock().endsAt()).isEqualTo(DISCUSSION_END + PRESENTATION_MS + 60_000);
    }

    @Test
    @DisplayName("Calling a group to present before the start starts the presentations with that group first.")
    void spotlightStarts() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      long at = DISCUSSION_END + 15_000;
      Outcome.Accepted called = f.instructor(new Command.Spotlight("g3"), at);

      assertThat(types(in(called.events(), "g1"))).containsExactly("presentation.started", "spotlight.changed");
      assertThat(f.workshop.clock().order()).containsExactly("g3", "g1", "g2");
      assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(0, 3, "g3", at + SLOT_GUIDE, SLOT_GUIDE));
      assertThat(f.workshop.clock().phaseStartedAt()).isEqualTo(at);
      f.instructor(new NextPresenter("g3"), at + 1_000);
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g1");
    }

    @Test
    @DisplayName("A pause while the class waits for the start is harmless: resuming leaves no deadline behind.")
    void pauseWhileReady() {
      RoomFixture f = presenterPaced();
      f.tick(DISCUSSION_END);
      f.instructor(new PauseClock(), DISCUSSION_END + 1_000);
      f.instructor(new ResumeClock(), DISCUSSION_END + 9_000);
      assertThat(f.workshop.clock().endsAt()).isZero();
      assertThat(f.workshop.clock().writableEndedAt()).isEqualTo(DISCUSSION_END + 8_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @Test
  @DisplayName("Where the workshop allows it, the presenting group moves on itself; other groups still cannot.")
  void presenterAdvances() {
    RoomFixture f = RoomFixture.withHandover(3, new Handover(true, 0, false, true, false));
    f.start(T0);
    f.tick(DISCUSSION_END);
    f.instructor(new StartPresentations(), DISCUSSION_END);
    f.reject(f.student("g2", 0), new NextPresenter(null), DISCUSSION_END + 1, ErrorCode.FORBIDDEN);

    Outcome.Accepted moved = f.accept(f.student("g1", 0), new NextPresenter(null), DISCUSSION_END + 2);
    assertThat(spotlit(moved.events())).isEqualTo("g2");
    assertThat(moved.events().get(0).actor()).isEqualTo(f.student("g1", 0).id());
  }

  @Nested
  class Countdown {

    @Test
    @DisplayName("With a preparation countdown the presentations start by themselves when it runs out.")
    void countdownStarts() {
      RoomFixture f = RoomFixture.withHandover(3, new Handover(false, 30_000, false, false, false));
      f.start(T0);
      f.tick(DISCUSSION_END);
      assertThat(f.workshop.clock().stage()).isEqualTo(Stage.COUNTDOWN);
      assertThat(f.workshop.clock().stageEndsAt()).isEqualTo(DISCUSSION_END + 30_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(DISCUSSION_END + 30_000);
      assertThat(f.tick(DISCUSSION_END + 29_999)).isEmpty();

      List<Logged> started = f.tick(DISCUSSION_END + 45_000);
      assertThat(types(in(started, "g1"))).containsExactly("presentation.started", "spotlight.changed");
      assertThat(started).allSatisfy(l -> assertThat(l.at()).isEqualTo(DISCUSSION_END + 30_000));
      assertThat(f.workshop.clock().phaseStartedAt()).isEqualTo(DISCUSSION_END + 30_000);
    }

    @Test
    @DisplayName("The instructor can start before the countdown runs out, or give the countdown more time.")
    void countdownCanBeCutOrExtended() {
      RoomFixture f = RoomFixture.withHandover(3, new Handover(false, 30_000, false, false, false));
      f.start(T0);
      f.tick(DISCUSSION_END);
      f.instructor(new AdjustClock(60, null), DISCUSSION_END + 1_000);
      assertThat(f.workshop.clock().stageEndsAt()).isEqualTo(DISCUSSION_END + 90_000);
      f.instructor(new StartPresentations(), DISCUSSION_END + 10_000);
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g1");
      assertThat(f.tick(DISCUSSION_END + 90_000)).isEmpty();
    }
  }

  @Nested
  class GroupsGivenExtraTime {

    @Test
    @DisplayName("A group still writing in its extra time is not called first: it presents after the groups that are done.")
    void extendedGroupPresentsLast() {
      RoomFixture f = presenterPaced();
      f.instructor(new AdjustClock(120, "g1"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      Outcome.Accepted started = f.instructor(new StartPresentations(), DISCUSSION_END + 5_000);
      assertThat(spotlit(started.events())).isEqualTo("g2");
      assertThat(f.workshop.clock().order()).containsExactly("g2", "g3", "g1");
    }

    @Test
    @DisplayName("When only groups still writing are left, the presentations wait for the first of them, then it presents.")
    void waitForTheLastWritingGroup() {
      RoomFixture f = presenterPaced();
      f.instructor(new AdjustClock(120, "g1"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      f.instructor(new NextPresenter("g2"), DISCUSSION_END + 10_000);

      long g1Done = DISCUSSION_END + 120_000 + GRACE_MS;
      Outcome.Accepted waiting = f.instructor(new NextPresenter("g3"), DISCUSSION_END + 20_000);
      assertThat(types(in(waiting.events(), "g1"))).containsExactly("presentation.waiting");
      Event.PresentationWaiting w = (Event.PresentationWaiting) waiting.events().get(0).event();
      assertThat(w.groupIds()).containsExactly("g1");
      assertThat(f.workshop.clock().stage()).isEqualTo(Stage.WAITING);
      assertThat(f.workshop.clock().stageEndsAt()).isEqualTo(g1Done);
      assertThat(f.workshop.nextDeadline()).isEqualTo(g1Done);
      f.reject(INSTRUCTOR, new NextPresenter(null), DISCUSSION_END + 21_000, ErrorCode.CONFLICT);

      List<Logged> next = f.tick(g1Done);
      assertThat(spotlit(next)).isEqualTo("g1");
      assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(2, 3, "g1", g1Done + SLOT_GUIDE, SLOT_GUIDE));
    }

    @Test
    @DisplayName("Cutting a waited-for group's extra time ends the wait as soon as its grace is over.")
    void cutEndsTheWait() {
      RoomFixture f = presenterPaced();
      f.instructor(new AdjustClock(120, "g1"), T0 + 200_000);
      f.instructor(new AdjustClock(120, "g2"), T0 + 200_000);
      f.instructor(new AdjustClock(120, "g3"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      assertThat(f.workshop.clock().stage()).isEqualTo(Stage.WAITING);

      long at = DISCUSSION_END + 30_000;
      f.instructor(new AdjustClock(-3600, "g2"), at);
      // Cut to now, the group keeps the grace for what is in flight, then presents.
      assertThat(f.workshop.clock().stageEndsAt()).isEqualTo(at + GRACE_MS);
      assertThat(spotlit(f.tick(at + GRACE_MS))).isEqualTo("g2");
    }

    @Test
    @DisplayName("During a wait the instructor's spotlight calls the group out of turn: the wait ends and it presents.")
    void spotlightEndsTheWait() {
      RoomFixture f = presenterPaced();
      f.instructor(new AdjustClock(120, "g3"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      f.instructor(new StartPresentations(), DISCUSSION_END);
      f.instructor(new NextPresenter("g1"), DISCUSSION_END + 10_000);
      f.instructor(new NextPresenter("g2"), DISCUSSION_END + 20_000);
      assertThat(f.workshop.clock().stage()).isEqualTo(Stage.WAITING);

      f.instructor(new Command.Spotlight("g3"), DISCUSSION_END + 30_000);
      assertThat(f.workshop.clock().stage()).isEqualTo(Stage.PRESENTING);
      assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g3");
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("If the instructor chose to wait, the presentations start only when every group is done writing, in the order as it was.")
    void waitForEveryone() {
      RoomFixture f = RoomFixture.withHandover(3, new Handover(true, 0, false, false, true));
      f.start(T0);
      f.instructor(new AdjustClock(60, "g1"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      Outcome.Accepted held = f.instructor(new StartPresentations(), DISCUSSION_END + 1_000);

      long g1Done = DISCUSSION_END + 60_000 + GRACE_MS;
      assertThat(types(in(held.events(), "g2"))).containsExactly("presentation.waiting");
      assertThat(f.workshop.clock().stageEndsAt()).isEqualTo(g1Done);
      assertThat(f.workshop.group("g2").spotlight()).isNull();

      List<Logged> started = f.tick(g1Done);
      assertThat(types(in(started, "g2"))).containsExactly("presentation.started", "spotlight.changed");
      assertThat(spotlit(started)).isEqualTo("g1");
      assertThat(f.workshop.clock().order()).containsExactly("g1", "g2", "g3");
    }

    @Test
    @DisplayName("With timed slots too, a group given extra time presents after the groups that are done.")
    void timedSlotsPutExtendedGroupLast() {
      RoomFixture f = RoomFixture.withHandover(3, Handover.TIMED);
      f.start(T0);
      f.instructor(new AdjustClock(30, "g1"), T0 + 200_000);
      f.tick(DISCUSSION_END - LEAD_MS);
      List<Logged> presented = f.tick(DISCUSSION_END);
      assertThat(types(in(presented, "g1"))).containsExactly("phase.changed", "spotlight.changed");
      assertThat(spotlit(presented)).isEqualTo("g2");
      assertThat(f.workshop.clock().order()).containsExactly("g2", "g3", "g1");
    }
  }

  @Test
  @DisplayName("Four presses of -1 min early in a 5 min discussion warn the class with the last press, not never.")
  void cutIntoTheLeadWarnsAtOnce() {
    RoomFixture f = presenterPaced();
    for (int i = 0; i < 3; i++) {
      assertThat(types(f.instructor(new AdjustClock(-60, null), T0 + 30_000 + i).events()))
          .containsOnly("clock.adjusted");
    }
    Outcome.Accepted fourth = f.instructor(new AdjustClock(-60, null), T0 + 32_000);
    assertThat(types(in(fourth.events(), "g1"))).containsExactly("clock.adjusted", "clock.warning");
    Event.ClockWarning warning = (Event.ClockWarning) in(fourth.events(), "g1").get(1).event();
    assertThat(warning.remainingMs()).isEqualTo(28_000);
    assertThat(f.workshop.clock().warned()).isTrue();
    assertThat(f.tick(T0 + 59_999)).isEmpty();
    assertThat(LEAD_MS).isGreaterThan(28_000);
  }

  @Test
  @DisplayName("A restart rebuilds the handover's stage from the log, and every new event reads back from its stored form.")
  void restoreAndStoredForm() {
    RoomFixture f = presenterPaced();
    f.instructor(new AdjustClock(120, "g1"), T0 + 200_000);
    f.tick(DISCUSSION_END);
    f.instructor(new StartPresentations(), DISCUSSION_END);
    f.instructor(new NextPresenter("g2"), DISCUSSION_END + 10_000);
    f.instructor(new NextPresenter("g3"), DISCUSSION_END + 20_000);

    List<Logged> stored = f.written.stream()
        .map(l -> new Logged(l.groupId(), l.seq(), l.at(), l.actor(), l.opId(), Json.event(Json.event(l.event(), 0))))
        .toList();
    assertThat(stored).isEqualTo(f.written);
    Workshop w = Workshop.restore(f.workshop.plan(), RoomFixture.LIMITS, List.copyOf(f.workshop.seats()), stored,
        Ids.secure());
    assertThat(w.clock()).isEqualTo(f.workshop.clock());
    assertThat(w.clock().stage()).isEqualTo(Stage.WAITING);
    assertThat(Json.plan(Json.plan(f.workshop.plan()))).isEqualTo(f.workshop.plan());
  }
}
