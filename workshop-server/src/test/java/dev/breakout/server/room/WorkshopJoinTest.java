package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.MoveStudent;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopJoinTest {

  @Test
  @DisplayName("Joining seats the student in the group with the fewest members, so groups fill evenly.")
  void fillsEvenly() {
    RoomFixture f = RoomFixture.groups(3);
    List<Seat> seats = f.seat(7);
    assertThat(seats).extracting(Seat::groupId).containsExactly("g1", "g2", "g3", "g1", "g2", "g3", "g1");

    f.instructor(new MoveStudent(seats.get(1).studentId(), "g1"), T0);
    assertThat(f.join("s8", T0 + 1).groupId()).isEqualTo("g2");
  }

  @Test
  @DisplayName("A join records the student in the group's log and returns a seat with a secret rejoin key.")
  void joinRecordsStudent() {
    RoomFixture f = RoomFixture.groups(2);
    Result<Workshop.Joined> joined = f.tryJoin("  Mina  ", null, T0 + 5);

    Seat seat = joined.value().seat();
    assertThat(seat.name()).isEqualTo("Mina");
    assertThat(seat.studentId()).startsWith("s-");
    assertThat(seat.rejoinKey()).hasSize(24);
    assertThat(joined.value().events()).singleElement().satisfies(l -> {
      assertThat(l).isEqualTo(new Logged("g1", 1, T0 + 5, seat.studentId(), null,
          new Event.StudentJoined(seat.studentId(), "Mina")));
    });
    assertThat(f.workshop.group("g1").members()).containsExactly(new Member(seat.studentId(), "Mina", T0 + 5));
    assertThat(f.workshop.seat(seat.studentId())).contains(seat);
  }

  @Test
  @DisplayName("A workshop seats students with the ids its id source gives: the room core makes none of its own.")
  void idsComeFromTheGivenSource() {
    IdSource counting = new IdSource() {
      private int students;
      private int keys;

      @Override
      public String studentId() {
        return "s-" + ++students;
      }

      @Override
      public String rejoinKey() {
        return "key-" + ++keys;
      }
    };
    Workshop w = new Workshop(RoomFixture.groups(2).workshop.plan(), RoomFixture.LIMITS, counting);

    Seat first = w.join("Mina", null, T0).value().seat();
    Seat second = w.join("Jun", null, T0 + 1).value().seat();

    assertThat(first).isEqualTo(new Seat("s-1", "Mina", "g1", "key-1"));
    assertThat(second).isEqualTo(new Seat("s-2", "Jun", "g2", "key-2"));
    assertThat(w.seatByRejoinKey("key-2")).contains(second);
    assertThat(w.group("g2").members()).containsExactly(new Member("s-2", "Jun", T0 + 1));
  }

  @Test
  @DisplayName("With group choice allowed, the chosen group is honoured even when it is the fullest.")
  void choiceHonoured() {
    RoomFixture f = RoomFixture.withGroupChoice(2);
    f.tryJoin("a", "g2", T0);
    Result<Workshop.Joined> second = f.tryJoin("b", "g2", T0 + 1);
    assertThat(second.value().seat().groupId()).isEqualTo("g2");
    assertThat(f.workshop.group("g2").members()).hasSize(2);
    // Without a choice the even fill still applies.
    assertThat(f.join("c", T0 + 2).groupId()).isEqualTo("g1");
  }

  @Test
  @DisplayName("With group choice allowed, choosing a group that does not exist is not-found.")
  void choiceOfUnknownGroup() {
    RoomFixture f = RoomFixture.withGroupChoice(2);
    assertThat(f.tryJoin("a", "g9", T0).rejection().code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(f.workshop.seats()).isEmpty();
  }

  @Test
  @DisplayName("Without group choice, choosing a group is forbidden and seats nobody.")
  void choiceForbidden() {
    RoomFixture f = RoomFixture.groups(2);
    Result<Workshop.Joined> refused = f.tryJoin("a", "g2", T0);
    assertThat(refused.ok()).isFalse();
    assertThat(refused.rejection().code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(f.workshop.seats()).isEmpty();
    assertThat(f.workshop.lastSeqs()).containsValues(0L, 0L);
  }

  @Test
  @DisplayName("A blank name is a bad request and a name over the limit is too long.")
  void nameRules() {
    RoomFixture f = RoomFixture.groups(2);
    assertThat(f.tryJoin("   ", null, T0).rejection().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(f.tryJoin(null, null, T0).rejection().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(f.tryJoin("abcdefghijklm", null, T0).rejection().code()).isEqualTo(ErrorCode.TOO_LONG);
    assertThat(f.workshop.seats()).isEmpty();
    assertThat(f.tryJoin(" abcdefghijkl ", null, T0).ok()).isTrue();
  }

  @Test
  @DisplayName("The rejoin key gives the same seat back, and an unknown key gives none.")
  void rejoin() {
    RoomFixture f = RoomFixture.groups(2);
    Seat seat = f.join("Mina", T0);
    f.join("Jun", T0 + 1);
    assertThat(f.workshop.seatByRejoinKey(seat.rejoinKey())).contains(seat);
    assertThat(f.workshop.seatByRejoinKey("not-a-key")).isEmpty();
  }

  @Test
  @DisplayName("Moving a student writes student.left in the old group and student.joined in the new one, and the seat follows.")
  void moveStudent() {
    RoomFixture f = RoomFixture.groups(2);
    Seat mina = f.join("Mina", T0 - 10);
    f.start(T0);
    Outcome.Accepted moved = f.instructor(new MoveStudent(mina.studentId(), "g2"), T0 + 1_000);

    assertThat(moved.events()).extracting(Logged::groupId).containsExactly("g1", "g2");
    assertThat(moved.events().get(0).event()).isEqualTo(new Event.StudentLeft(mina.studentId(), "g2"));
    assertThat(moved.events().get(1).event()).isEqualTo(new Event.StudentJoined(mina.studentId(), "Mina"));
    assertThat(moved.ack().seqs()).containsOnlyKeys("g1", "g2");
    assertThat(f.workshop.group("g1").members()).isEmpty();
    assertThat(f.workshop.group("g2").members()).extracting(Member::studentId).containsExactly(mina.studentId());
    Seat after = f.workshop.seat(mina.studentId()).orElseThrow();
    assertThat(after).isEqualTo(new Seat(mina.studentId(), "Mina", "g2", mina.rejoinKey()));
    assertThat(f.workshop.seatByRejoinKey(mina.rejoinKey())).contains(after);
  }

  @Test
  @DisplayName("Moving an unknown student, to an unknown group or to the student's own group is refused.")
  void moveRefusals() {
    RoomFixture f = RoomFixture.groups(2);
    Seat mina = f.join("Mina", T0);
    f.reject(INSTRUCTOR, new MoveStudent("s-nobody", "g2"), T0 + 1, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MoveStudent(mina.studentId(), "g9"), T0 + 1, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MoveStudent(mina.studentId(), "g1"), T0 + 1, ErrorCode.CONFLICT);
    assertThat(f.workshop.seat(mina.studentId()).orElseThrow().groupId()).isEqualTo("g1");
  }
}
