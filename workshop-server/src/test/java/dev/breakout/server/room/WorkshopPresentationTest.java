package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.MoveStudent;
import dev.breakout.server.room.Command.NextPhase;
import dev.breakout.server.room.Command.PresentationOrder;
import dev.breakout.server.room.Command.Spotlight;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopPresentationTest {

  private static Event.SpotlightChanged spotlightIn(List<Logged> events) {
    return events.stream().map(Logged::event).filter(Event.SpotlightChanged.class::isInstance)
        .map(Event.SpotlightChanged.class::cast).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  @DisplayName("By default every group with members presents, in the order of the groups.")
  void defaultOrderSkipsEmptyGroups() {
    RoomFixture f = RoomFixture.groups(3);
    List<Seat> seats = f.seat(3);
    f.instructor(new MoveStudent(seats.get(1).studentId(), "g3"), T0 - 1_000);
    f.start(T0);
    f.tick(DISCUSSION_END);

    ClockState clock = f.workshop.clock();
    assertThat(clock.order()).containsExactly("g1", "g3");
    assertThat(clock.slot()).isEqualTo(new ClockState.Slot(0, 2, "g1", DISCUSSION_END + 60_000, 60_000));
  }

  @Test
  @DisplayName("When nobody has joined, every group gets a presentation slot.")
  void defaultOrderWithoutMembers() {
    RoomFixture f = RoomFixture.groups(3);
    f.start(T0);
    f.tick(DISCUSSION_END);
    assertThat(f.workshop.clock().order()).containsExactly("g1", "g2", "g3");
    assertThat(f.workshop.clock().slot().lengthMs()).isEqualTo(40_000);
  }

  @Test
  @DisplayName("An order given during the discussion is announced to every group and used when the presentation starts.")
  void orderBeforePresentation() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    Outcome.Accepted ordered = f.instructor(new PresentationOrder(List.of("g3", "g1")), T0 + 10_000);
    assertThat(types(ordered.events())).containsOnly("presentation.ordered").hasSize(3);
    assertThat(f.workshop.clock().slot()).isNull();
    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.clock().order()).containsExactly("g3", "g1"));

    List<Logged> presentation = f.tick(DISCUSSION_END);
    assertThat(spotlightIn(in(presentation, "g2")).groupId()).isEqualTo("g3");
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(0, 2, "g3", DISCUSSION_END + 60_000, 60_000));
    f.tick(DISCUSSION_END + 60_000);
    assertThat(f.workshop.clock().slot().groupId()).isEqualTo("g1");
    assertThat(f.workshop.nextDeadline()).isEqualTo(PRESENTATION_END);
  }

  @Test
  @DisplayName("Reordering during the presentation keeps the current presenter and shares the time left among the slots left.")
  void reorderKeepsPresenter() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    f.tick(DISCUSSION_END);
    long at = DISCUSSION_END + 10_000;

    Outcome.Accepted ordered = f.instructor(new PresentationOrder(List.of("g3", "g1", "g2")), at);
    assertThat(types(ordered.events())).containsOnly("presentation.ordered");
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(1, 3, "g1", at + 55_000, 55_000));

    List<Logged> next = f.tick(at + 55_000);
    assertThat(spotlightIn(next).groupId()).isEqualTo("g2");
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(2, 3, "g2", PRESENTATION_END, 55_000));
  }

  @Test
  @DisplayName("A new order without the current presenter moves the spotlight to the first group of the new order.")
  void reorderWithoutPresenter() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    f.tick(DISCUSSION_END);
    long at = DISCUSSION_END + 10_000;

    Outcome.Accepted ordered = f.instructor(new PresentationOrder(List.of("g3", "g2")), at);
    assertThat(types(in(ordered.events(), "g1"))).containsExactly("presentation.ordered", "spotlight.changed");
    assertThat(spotlightIn(ordered.events()).groupId()).isEqualTo("g3");
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(0, 2, "g3", at + 55_000, 55_000));
  }

  @Test
  @DisplayName("An order that is empty, names a group twice or names an unknown group is refused.")
  void orderValidation() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    f.reject(INSTRUCTOR, new PresentationOrder(List.of()), T0 + 1, ErrorCode.BAD_REQUEST);
    f.reject(INSTRUCTOR, new PresentationOrder(List.of("g1", "g2", "g1")), T0 + 1, ErrorCode.BAD_REQUEST);
    f.reject(INSTRUCTOR, new PresentationOrder(List.of("g1", "g9")), T0 + 1, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("Jumping the spotlight ahead in the order gives that group the time left for the slots from it on.")
  void jumpAhead() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    f.tick(DISCUSSION_END);
    long at = DISCUSSION_END + 10_000;

    Outcome.Accepted jumped = f.instructor(new Spotlight("g3"), at);
    assertThat(types(jumped.events())).containsOnly("spotlight.changed").hasSize(3);
    assertThat(jumped.ack().warnings()).isEmpty();
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(2, 3, "g3", PRESENTATION_END, 110_000));
    assertThat(f.workshop.nextDeadline()).isEqualTo(PRESENTATION_END);
    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.spotlight().groupId()).isEqualTo("g3"));
  }

  @Test
  @DisplayName("Jumping the spotlight to a group that is not in the order lets it present now and the rest follow.")
  void jumpToGroupNotInOrder() {
    RoomFixture f = RoomFixture.groups(3);
    f.seat(2);
    f.start(T0);
    f.tick(DISCUSSION_END);
    assertThat(f.workshop.clock().order()).containsExactly("g1", "g2");

    long at = DISCUSSION_END + 20_000;
    Outcome.Accepted jumped = f.instructor(new Spotlight("g3"), at);
    assertThat(spotlightIn(jumped.events()).groupId()).isEqualTo("g3");
    assertThat(f.workshop.clock().order()).containsExactly("g1", "g3", "g2");
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(1, 3, "g3", at + 50_000, 50_000));

    f.tick(at + 50_000);
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(2, 3, "g2", PRESENTATION_END, 50_000));
    assertThat(f.workshop.group("g1").spotlight().groupId()).isEqualTo("g2");
  }

  @Test
  @DisplayName("The spotlight can show a group's board during the discussion without touching the clock.")
  void spotlightDuringDiscussion() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.addCard(f.student("g2", 0), "d1", "p1", "Shown to all", T0 + 1_000);
    ClockState before = f.workshop.clock();

    Outcome.Accepted shown = f.instructor(new Spotlight("g2"), T0 + 2_000);
    Event.SpotlightChanged spot = spotlightIn(in(shown.events(), "g1"));
    assertThat(spot.groupName()).isEqualTo("Group 2");
    assertThat(spot.board().get("p1")).extracting(Card::text).containsExactly("Shown to all");
    assertThat(spot.clock()).isEqualTo(before);
    assertThat(f.workshop.clock()).isEqualTo(before);
  }

  @Test
  @DisplayName("The spotlight carries the board as it was when the spotlight moved.")
  void spotlightIsASnapshot() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.addCard(f.student("g2", 0), "d1", "p1", "First", T0 + 1_000);
    f.instructor(new Spotlight("g2"), T0 + 2_000);
    f.addCard(f.student("g2", 0), "d2", "p1", "Second", T0 + 3_000);

    assertThat(f.workshop.group("g1").spotlight().board().get("p1")).extracting(Card::cardId).containsExactly("d1");
    assertThat(f.workshop.group("g2").cards().get("p1")).extracting(Card::cardId).containsExactly("d1", "d2");
  }

  @Test
  @DisplayName("The spotlight cannot move before the exercise starts or to an unknown group.")
  void spotlightRefusals() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.reject(INSTRUCTOR, new Spotlight("g1"), T0 - 1, ErrorCode.CONFLICT);
    f.start(T0);
    f.reject(INSTRUCTOR, new Spotlight("g9"), T0 + 1, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("Entering a presentation whose slots would be shorter than 15 s warns the instructor in the ack.")
  void shortSlotsWarn() {
    RoomFixture f = RoomFixture.withPresentation(3, 40_000);
    f.seat(3);
    f.start(T0);
    Outcome.Accepted next = f.instructor(new NextPhase(), T0 + 1_000);
    assertThat(f.workshop.clock().slot().lengthMs()).isEqualTo(13_333);
    assertThat(next.ack().warnings()).singleElement().asString().startsWith("short-slots").contains("13 s");
  }

  @Test
  @DisplayName("Slots of exactly 15 s give no warning.")
  void fifteenSecondSlotsAreFine() {
    RoomFixture f = RoomFixture.withPresentation(3, 45_000);
    f.seat(3);
    f.start(T0);
    assertThat(f.instructor(new NextPhase(), T0 + 1_000).ack().warnings()).isEmpty();
  }

  @Test
  @DisplayName("Cutting the presentation so that the slots left get under 15 s warns the instructor.")
  void cutWarns() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.tick(DISCUSSION_END);
    Outcome.Accepted cut = f.instructor(new AdjustClock(-100, null), DISCUSSION_END);
    assertThat(f.workshop.clock().slot()).isEqualTo(new ClockState.Slot(0, 2, "g1", DISCUSSION_END + 10_000, 10_000));
    assertThat(cut.ack().warnings()).singleElement().asString().contains("10 s");
  }

  @Test
  @DisplayName("Jumping to the last group with little time left warns the instructor.")
  void lateJumpWarns() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.tick(DISCUSSION_END);
    Outcome.Accepted jumped = f.instructor(new Spotlight("g2"), PRESENTATION_END - 12_000);
    assertThat(jumped.ack().warnings()).singleElement().asString().contains("12 s");
  }
}
