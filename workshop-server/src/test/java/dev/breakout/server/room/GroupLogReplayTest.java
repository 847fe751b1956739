package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_MS;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.EditCard;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupLogReplayTest {

  /** The discussion runs 10 s longer for a pause and 30 s longer for an adjustment. */
  private static final long DISCUSSION_ENDS = DISCUSSION_END + 40_000;

  private RoomFixture f;

  /** A busy exercise in three groups touching every kind of event. */
  @BeforeAll
  void runAnExercise() {
    f = RoomFixture.groups(3);
    List<Seat> seats = f.seat(6);
    Actor a = RoomFixture.student(seats.get(0));
    Actor b = RoomFixture.student(seats.get(1));
    Actor c = RoomFixture.student(seats.get(2));
    Actor d = RoomFixture.student(seats.get(3));
    f.instructor(new Command.PresentationOrder(List.of("g2", "g1", "g3")), T0 - 1_000);
    f.start(T0);
    f.accept(a, new AddCard("a1", "p1", "Risk", null), T0 + 1_000);
    f.accept(a, new AddCard("a2", "p3", "Step one", "W1"), T0 + 2_000);
    f.accept(d, new AddCard("a3", "p3", "Step zero", "W0"), T0 + 3_000);
    f.accept(a, new Command.MoveCard("a3", 0), T0 + 4_000);
    f.accept(d, new EditCard("a1", "Risk, sharpened", null, false, 1), T0 + 5_000);
    f.accept(b, new AddCard("b1", "p2", "Sponsor", null), T0 + 6_000);
    f.accept(b, new AddCard("b2", "p2", "Board", null), T0 + 7_000);
    f.accept(b, new Command.DeleteCard("b2"), T0 + 8_000);
    f.accept(b, new Command.RequestHelp(), T0 + 9_000);
    f.instructor(new Command.ClearHelp("g2"), T0 + 10_000);
    f.accept(c, new Command.RequestHelp(), T0 + 11_000);
    f.instructor(new Command.Feedback("g1", "Sharpen the risk."), T0 + 12_000);
    f.instructor(new Command.Broadcast("Halfway."), T0 + 150_000);
    f.instructor(new Command.PauseClock(), T0 + 160_000);
    f.instructor(new Command.ResumeClock(), T0 + 170_000);
    f.instructor(new AdjustClock(30, null), T0 + 180_000);
    f.instructor(new AdjustClock(45, "g3"), T0 + 190_000);
    f.instructor(new Command.MoveStudent(seats.get(5).studentId(), "g1"), T0 + 200_000);
    f.accept(a, new Command.Submit(true), T0 + 210_000);
    for (long t = T0; t <= DISCUSSION_ENDS; t += 20_000) {
      f.tick(t);
    }
    // Group 3's own 45 s outlast the grace.
    f.accept(c, new AddCard("c1", "p1", "Extra time", null), DISCUSSION_ENDS + 20_000);
    f.instructor(new Command.Spotlight("g3"), DISCUSSION_ENDS + 30_000);
    f.tick(DISCUSSION_ENDS + PRESENTATION_MS + 60_000);
  }

  private GroupRoom replay(String groupId, String name, List<Logged> log) {
    GroupRoom room = new GroupRoom(groupId, name,
        f.workshop.plan().prompts().stream().map(Exercise.Prompt::id).toList());
    log.forEach(room::apply);
    return room;
  }

  @Test
  @DisplayName("The exercise used for replay reached the end and every group saw cards, clock and spotlight events.")
  void scenarioCoversEverything() {
    assertThat(f.workshop.clock().kind()).isEqualTo("ended");
    assertThat(f.written.stream().map(l -> l.event().type()).distinct()).contains("student.joined",
        "student.left", "card.added", "card.edited", "card.deleted", "card.moved", "group.submitted",
        "help.requested", "help.cleared", "feedback.given", "clock.adjusted", "phase.changed", "clock.paused",
        "clock.resumed", "clock.warning", "broadcast.sent", "spotlight.changed", "presentation.ordered");
  }

  @Test
  @DisplayName("Every group's log numbers its events 1, 2, 3, ... without gaps.")
  void seqsAreContiguous() {
    for (GroupView view : f.workshop.groups()) {
      List<Logged> log = f.log(view.groupId());
      assertThat(log).extracting(Logged::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, log.size()).boxed().toList());
      assertThat(view.seq()).isEqualTo(log.size());
    }
  }

  @Test
  @DisplayName("Within each group's log, events never go back in time.")
  void timesNeverGoBack() {
    for (GroupView view : f.workshop.groups()) {
      List<Long> times = f.log(view.groupId()).stream().map(Logged::at).toList();
      assertThat(times).isSorted();
    }
  }

  @Test
  @DisplayName("Every workshop-wide event is written into every group's log in the same order.")
  void workshopWideEventsEverywhere() {
    List<Event> inG1 = wide("g1");
    assertThat(inG1).isNotEmpty();
    assertThat(wide("g2")).isEqualTo(inG1);
    assertThat(wide("g3")).isEqualTo(inG1);
  }

  private List<Event> wide(String groupId) {
    return f.log(groupId).stream().map(Logged::event).filter(Event.WorkshopWide.class::isInstance).toList();
  }

  @Test
  @DisplayName("A group's own clock adjustment is only in that group's log.")
  void groupAdjustmentOnlyInItsLog() {
    assertThat(f.events("g3", Event.GroupClockAdjusted.class)).hasSize(1);
    assertThat(f.events("g1", Event.GroupClockAdjusted.class)).isEmpty();
    assertThat(f.events("g2", Event.GroupClockAdjusted.class)).isEmpty();
  }

  @Test
  @DisplayName("Replaying one group's log into a fresh room rebuilds exactly the view the workshop shows for that group.")
  void replayRebuildsView() {
    for (WorkshopPlan.GroupInfo group : f.workshop.plan().groups()) {
      GroupRoom rebuilt = replay(group.id(), group.name(), f.log(group.id()));
      assertThat(rebuilt.view()).isEqualTo(f.workshop.group(group.id()));
    }
    assertThat(f.workshop.group("g1").spotlight().groupId()).isEqualTo("g3");
    assertThat(f.workshop.group("g3").extraMs()).isEqualTo(45_000);
  }

  @Test
  @DisplayName("A log with a gap cannot be replayed.")
  void gapIsRefused() {
    List<Logged> log = f.log("g1");
    GroupRoom room = replay("g1", "Group 1", log.subList(0, 3));
    assertThatThrownBy(() -> room.apply(log.get(4))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expects seq 4");
  }
}
