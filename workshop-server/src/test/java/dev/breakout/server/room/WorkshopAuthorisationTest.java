package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.EditCard;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkshopAuthorisationTest {

  private RoomFixture f;

  @BeforeEach
  void started() {
    f = RoomFixture.seated(2, 2);
    f.start(T0);
  }

  static Stream<Command.InstructorCommand> instructorCommands() {
    return Stream.of(new Command.StartExercise(), new Command.PauseClock(), new Command.ResumeClock(),
        new Command.AdjustClock(60, null), new Command.AdjustClock(60, "g1"), new Command.NextPhase(),
        new Command.Broadcast("Hello"), new Command.MoveStudent("s-x", "g2"), new Command.Spotlight("g1"),
        new Command.PresentationOrder(List.of("g2", "g1")), new Command.ClearHelp("g1"),
        new Command.Feedback("g1", "Well done"), new Command.EndWorkshop());
  }

  static Stream<Command.StudentCommand> studentCommands() {
    return Stream.of(new AddCard("c9", "p1", "Text", null), new EditCard("c1", "Text", null, false, null),
        new Command.DeleteCard("c1"), new Command.MoveCard("c1", 0), new Command.Submit(true),
        new Command.RequestHelp(), new Command.React("c1", "agree", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instructorCommands")
  @DisplayName("A student who sends an instructor command is forbidden and nothing changes.")
  void studentCannotInstruct(Command.InstructorCommand command) {
    f.reject(f.student("g1", 0), command, T0 + 1_000, ErrorCode.FORBIDDEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("studentCommands")
  @DisplayName("An instructor who sends a group's card or submission command is forbidden and nothing changes.")
  void instructorCannotWriteAnswers(Command.StudentCommand command) {
    f.addCard(f.student("g1", 0), "c1", "p1", "Exists", T0 + 500);
    f.reject(INSTRUCTOR, command, T0 + 1_000, ErrorCode.FORBIDDEN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("studentCommands")
  @DisplayName("Somebody who holds no seat is forbidden to act for any group.")
  void unknownStudentIsForbidden(Command.StudentCommand command) {
    f.reject(new Actor.Student("s-stranger"), command, T0 + 1_000, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("The system actor cannot send commands; the clock acts only through tick.")
  void systemCannotCommand() {
    f.reject(new Actor.System(), new Command.NextPhase(), T0 + 1, ErrorCode.FORBIDDEN);
    f.reject(new Actor.System(), new AddCard("c1", "p1", "Text", null), T0 + 1, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("A student's card operations land in the student's own group and cannot reach another group's cards.")
  void studentsActOnOwnGroup() {
    Actor g1 = f.student("g1", 0);
    Actor g2 = f.student("g2", 0);
    Outcome.Accepted added = f.addCard(g2, "c1", "p1", "Group two", T0 + 1);
    assertThat(added.events()).extracting(Logged::groupId).containsOnly("g2");

    f.reject(g1, new EditCard("c1", "Hijacked", null, false, null), T0 + 2, ErrorCode.NOT_FOUND);
    f.reject(g1, new Command.DeleteCard("c1"), T0 + 2, ErrorCode.NOT_FOUND);
    // The same card id is free in another group.
    assertThat(f.addCard(g1, "c1", "p1", "Group one", T0 + 3).events()).extracting(Logged::groupId)
        .containsOnly("g1");
    assertThat(f.workshop.group("g2").cards().get("p1")).extracting(Card::text).containsExactly("Group two");
  }

  @Test
  @DisplayName("A student moved to another group acts on the new group from then on.")
  void movedStudentActsOnNewGroup() {
    Actor mover = f.student("g1", 0);
    f.addCard(mover, "c1", "p1", "Before the move", T0 + 1);
    f.instructor(new Command.MoveStudent(mover.id(), "g2"), T0 + 2);

    f.reject(mover, new Command.DeleteCard("c1"), T0 + 3, ErrorCode.NOT_FOUND);
    assertThat(f.addCard(mover, "c2", "p1", "After the move", T0 + 4).events()).extracting(Logged::groupId)
        .containsOnly("g2");
  }
}
