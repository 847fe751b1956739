package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.EditCard;
import dev.breakout.server.room.Command.EndWorkshop;
import dev.breakout.server.room.Command.MoveCard;
import dev.breakout.server.room.Command.NextPhase;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.RequestHelp;
import dev.breakout.server.room.Command.StartExercise;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopLifecycleTest {

  @Test
  @DisplayName("A whole exercise runs from the lobby through the discussion and one presentation slot per group to the end.")
  void wholeExercise() {
    RoomFixture f = RoomFixture.groups(2);
    List<Seat> seats = f.seat(6);
    assertThat(seats).extracting(Seat::groupId).containsExactly("g1", "g2", "g1", "g2", "g1", "g2");
    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.members()).hasSize(3));
    assertThat(f.workshop.clock()).isEqualTo(ClockState.lobby());
    Actor ann = f.student("g1", 0);
    Actor bea = f.student("g1", 1);
    Actor cid = f.student("g2", 0);

    Outcome.Accepted started = f.start(T0);
    assertThat(started.events()).extracting(Logged::groupId).containsExactly("g1", "g2");
    assertThat(types(started.events())).containsOnly("phase.changed");
    ClockState discussion = f.workshop.clock();
    assertThat(discussion.phase()).isEqualTo("phase1");
    assertThat(discussion.kind()).isEqualTo("discussion");
    assertThat(discussion.phaseStartedAt()).isEqualTo(T0);
    assertThat(discussion.endsAt()).isEqualTo(DISCUSSION_END);

    f.addCard(ann, "c1", "p1", "Budget overrun", T0 + 10_000);
    f.accept(bea, new AddCard("c2", "p3", "Draft the plan", "Week 1"), T0 + 20_000);
    f.accept(bea, new AddCard("c3", "p3", "Agree on scope", "Week 0"), T0 + 30_000);
    f.accept(ann, new MoveCard("c3", 0), T0 + 40_000);
    f.accept(ann, new EditCard("c1", "Budget overrun by 20%", null, false, 1), T0 + 50_000);
    f.addCard(cid, "d1", "p2", "The sponsor", T0 + 60_000);

    assertThat(f.tick(T0 + 239_999)).isEmpty();
    List<Logged> warning = f.tick(T0 + 240_000);
    assertThat(types(warning)).containsExactly("clock.warning", "clock.warning");

    List<Logged> presentation = f.tick(DISCUSSION_END);
    assertThat(types(in(presentation, "g1"))).containsExactly("phase.changed", "spotlight.changed");
    ClockState.Slot first = f.workshop.clock().slot();
    assertThat(first).isEqualTo(new ClockState.Slot(0, 2, "g1", DISCUSSION_END + 60_000, 60_000));
    Event.SpotlightChanged g1Spot = (Event.SpotlightChanged) presentation.get(presentation.size() - 1).event();
    assertThat(g1Spot.groupId()).isEqualTo("g1");
    assertThat(g1Spot.groupName()).isEqualTo("Group 1");
    assertThat(g1Spot.board().get("p1")).extracting(Card::text).containsExactly("Budget overrun by 20%");
    assertThat(g1Spot.board().get("p3")).extracting(Card::label).containsExactly("Week 0", "Week 1");
    assertThat(g1Spot.board().get("p2")).isEmpty();
    // Group 2 sees group 1's board from its own log.
    assertThat(f.workshop.group("g2").spotlight()).isEqualTo(g1Spot);

    List<Logged> second = f.tick(DISCUSSION_END + 60_000);
    assertThat(types(second)).containsExactly("spotlight.changed", "spotlight.changed");
    Event.SpotlightChanged g2Spot = (Event.SpotlightChanged) second.get(0).event();
    assertThat(g2Spot.groupId()).isEqualTo("g2");
    assertThat(g2Spot.board().get("p2")).extracting(Card::cardId).containsExactly("d1");
    assertThat(f.workshop.clock().slot())
        .isEqualTo(new ClockState.Slot(1, 2, "g2", PRESENTATION_END, 60_000));

    List<Logged> end = f.tick(PRESENTATION_END);
    assertThat(types(end)).containsExactly("phase.changed", "phase.changed");
    ClockState ended = f.workshop.clock();
    assertThat(ended.kind()).isEqualTo("ended");
    assertThat(ended.phase()).isEqualTo("ended");
    assertThat(ended.phaseIndex()).isEqualTo(2);
    assertThat(ended.endsAt()).isZero();
    assertThat(ended.slot()).isNull();
    assertThat(ended.running()).isFalse();
    assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(f.tick(PRESENTATION_END + 600_000)).isEmpty();
    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.clock()).isEqualTo(ended));

    f.reject(ann, new AddCard("c9", "p1", "Too late", null), PRESENTATION_END + 1, ErrorCode.PHASE_CLOSED);
    assertThat(f.workshop.group("g1").cards().get("p1")).extracting(Card::cardId).containsExactly("c1");
    assertThat(f.workshop.group("g1").members()).hasSize(3);
  }

  @Test
  @DisplayName("In the lobby nobody can write and the clock has no deadline.")
  void lobbyIsClosed() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.reject(f.student("g1", 0), new AddCard("c1", "p1", "Early", null), T0 - 1, ErrorCode.PHASE_CLOSED);
    assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(f.tick(T0 + 10 * 60_000)).isEmpty();
    assertThat(f.workshop.clock().kind()).isEqualTo("lobby");
  }

  @Test
  @DisplayName("The exercise can be started only once.")
  void startOnce() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.reject(RoomFixture.INSTRUCTOR, new StartExercise(), T0 + 1, ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("Commands that move the clock are refused before the exercise starts.")
  void clockCommandsNeedAStartedExercise() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.reject(RoomFixture.INSTRUCTOR, new PauseClock(), T0, ErrorCode.CONFLICT);
    f.reject(RoomFixture.INSTRUCTOR, new NextPhase(), T0, ErrorCode.CONFLICT);
    f.reject(RoomFixture.INSTRUCTOR, new Command.AdjustClock(60, null), T0, ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("Next phase ends the discussion now, starts the presentation now and then ends the workshop.")
  void nextPhase() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    long at = T0 + 100_000;

    Outcome.Accepted toPresentation = f.instructor(new NextPhase(), at);
    assertThat(types(in(toPresentation.events(), "g2"))).containsExactly("phase.changed", "spotlight.changed");
    ClockState clock = f.workshop.clock();
    assertThat(clock.kind()).isEqualTo("presentation");
    assertThat(clock.phaseStartedAt()).isEqualTo(at);
    assertThat(clock.endsAt()).isEqualTo(at + RoomFixture.PRESENTATION_MS);
    assertThat(clock.writableEndedAt()).isEqualTo(at);
    assertThat(clock.slot()).isEqualTo(new ClockState.Slot(0, 2, "g1", at + 60_000, 60_000));
    assertThat(toPresentation.ack().seqs()).containsOnlyKeys("g1", "g2");
    assertThat(toPresentation.ack().warnings()).isEmpty();

    Outcome.Accepted toEnd = f.instructor(new NextPhase(), at + 5_000);
    assertThat(types(toEnd.events())).containsOnly("phase.changed");
    assertThat(f.workshop.clock().kind()).isEqualTo("ended");
    assertThat(f.workshop.clock().phaseStartedAt()).isEqualTo(at + 5_000);
    assertThat(f.workshop.clock().writableEndedAt()).isEqualTo(at);

    f.reject(RoomFixture.INSTRUCTOR, new NextPhase(), at + 6_000, ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("Ending the workshop writes workshop.ended into every group's log and stops the clock.")
  void endWorkshop() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    long at = T0 + 100_000;

    Outcome.Accepted end = f.instructor(new EndWorkshop(), at);
    assertThat(end.events()).extracting(Logged::groupId).containsExactly("g1", "g2", "g3");
    assertThat(types(end.events())).containsOnly("workshop.ended");
    assertThat(end.events()).allSatisfy(l -> assertThat(l.at()).isEqualTo(at));
    ClockState clock = f.workshop.clock();
    assertThat(clock.kind()).isEqualTo("ended");
    assertThat(clock.phaseIndex()).isEqualTo(2);
    assertThat(clock.writableEndedAt()).isEqualTo(at);
    assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    assertThat(f.tick(DISCUSSION_END)).isEmpty();

    f.reject(RoomFixture.INSTRUCTOR, new EndWorkshop(), at + 1, ErrorCode.CONFLICT);
    f.reject(RoomFixture.INSTRUCTOR, new PauseClock(), at + 1, ErrorCode.CONFLICT);
    f.reject(f.student("g1", 0), new RequestHelp(), at + 1, ErrorCode.PHASE_CLOSED);
    f.reject(f.student("g1", 0), new AddCard("c1", "p1", "After the end", null), at + RoomFixture.GRACE_MS,
        ErrorCode.PHASE_CLOSED);
  }

  @Test
  @DisplayName("Help requests are recorded in the group's log until the instructor clears them.")
  void help() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.accept(f.student("g2", 0), new RequestHelp(), T0 + 1_000);
    assertThat(f.workshop.group("g2").help()).isTrue();
    assertThat(f.workshop.group("g1").help()).isFalse();

    f.instructor(new Command.ClearHelp("g2"), T0 + 2_000);
    assertThat(f.workshop.group("g2").help()).isFalse();
    f.reject(RoomFixture.INSTRUCTOR, new Command.ClearHelp("g9"), T0 + 3_000, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("A broadcast reaches every group's log and feedback reaches only the addressed group.")
  void broadcastAndFeedback() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.instructor(new Command.Broadcast("  Two minutes, please wrap up.  "), T0 + 5_000);
    f.instructor(new Command.Feedback("g1", "Good risks list."), T0 + 6_000);

    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.broadcasts())
        .containsExactly(new GroupView.Note("Two minutes, please wrap up.", T0 + 5_000)));
    assertThat(f.workshop.group("g1").feedback()).containsExactly(new GroupView.Note("Good risks list.", T0 + 6_000));
    assertThat(f.workshop.group("g2").feedback()).isEmpty();

    f.reject(RoomFixture.INSTRUCTOR, new Command.Broadcast("   "), T0 + 7_000, ErrorCode.BAD_REQUEST);
    f.reject(RoomFixture.INSTRUCTOR, new Command.Broadcast("x".repeat(51)), T0 + 7_000, ErrorCode.TOO_LONG);
    f.reject(RoomFixture.INSTRUCTOR, new Command.Feedback("g9", "Hi"), T0 + 7_000, ErrorCode.NOT_FOUND);
    f.reject(RoomFixture.INSTRUCTOR, new Command.Feedback("g1", ""), T0 + 7_000, ErrorCode.BAD_REQUEST);
    f.reject(RoomFixture.INSTRUCTOR, new Command.Feedback("g1", "x".repeat(81)), T0 + 7_000, ErrorCode.TOO_LONG);
  }
}
