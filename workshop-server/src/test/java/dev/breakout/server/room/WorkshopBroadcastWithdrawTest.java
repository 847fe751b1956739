package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.Command.Broadcast;
import dev.breakout.server.room.Command.RequestHelp;
import dev.breakout.server.room.Command.WithdrawBroadcast;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopBroadcastWithdrawTest {

  @Test
  @DisplayName("A withdrawn broadcast leaves every group's list through a broadcast.withdrawn event in every log.")
  void withdrawRemovesTheBroadcastEverywhere() {
    RoomFixture f = RoomFixture.seated(3, 1);
    f.start(T0);
    f.instructor(new Broadcast("Five minutes left."), T0 + 1_000);
    f.instructor(new Broadcast("Use the roadmap column."), T0 + 2_000);

    Outcome.Accepted withdrawn = f.instructor(new WithdrawBroadcast(T0 + 1_000), T0 + 3_000);

    assertThat(withdrawn.events()).extracting(Logged::groupId).containsExactly("g1", "g2", "g3");
    assertThat(types(withdrawn.events())).containsOnly("broadcast.withdrawn");
    assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.broadcasts())
        .containsExactly(new GroupView.Note("Use the roadmap column.", T0 + 2_000)));
  }

  @Test
  @DisplayName("Withdrawing a broadcast that is not there, twice, or as a student is refused and changes nothing.")
  void badWithdrawals() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.instructor(new Broadcast("Halfway."), T0 + 1_000);

    f.reject(RoomFixture.INSTRUCTOR, new WithdrawBroadcast(T0 + 999), T0 + 2_000, ErrorCode.NOT_FOUND);
    f.reject(f.student("g1", 0), new WithdrawBroadcast(T0 + 1_000), T0 + 2_000, ErrorCode.FORBIDDEN);
    f.instructor(new WithdrawBroadcast(T0 + 1_000), T0 + 3_000);
    f.reject(RoomFixture.INSTRUCTOR, new WithdrawBroadcast(T0 + 1_000), T0 + 4_000, ErrorCode.NOT_FOUND);
    assertThat(f.workshop.group("g1").broadcasts()).isEmpty();
  }

  @Test
  @DisplayName("Two broadcasts in the same millisecond get distinct times, so each can be withdrawn alone.")
  void sameMillisecond() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.instructor(new Broadcast("One."), T0 + 1_000);
    f.instructor(new Broadcast("Two."), T0 + 1_000);
    assertThat(f.workshop.group("g2").broadcasts()).extracting(GroupView.Note::at)
        .containsExactly(T0 + 1_000, T0 + 1_001);

    f.instructor(new WithdrawBroadcast(T0 + 1_000), T0 + 2_000);
    assertThat(f.workshop.group("g2").broadcasts()).containsExactly(new GroupView.Note("Two.", T0 + 1_001));
  }

  @Test
  @DisplayName("A withdrawal survives a restart: the restored workshop and the stored event read back the same.")
  void restoredFromTheLog() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.instructor(new Broadcast("Halfway."), T0 + 1_000);
    f.instructor(new WithdrawBroadcast(T0 + 1_000), T0 + 2_000);

    List<Logged> stored = f.written.stream().map(l -> new Logged(l.groupId(), l.seq(), l.at(), l.actor(),
        l.opId(), Json.event(Json.event(l.event(), l.at())))).toList();
    Workshop restored = Workshop.restore(f.workshop.plan(), RoomFixture.LIMITS, List.copyOf(f.workshop.seats()), stored,
        Ids.secure());

    assertThat(restored.groups()).isEqualTo(f.workshop.groups());
    assertThat(restored.group("g1").broadcasts()).isEmpty();
    assertThat(Json.event(new Event.BroadcastWithdrawn(T0 + 1_000), T0).encode())
        .isEqualTo("{\"type\":\"broadcast.withdrawn\",\"sentAt\":" + (T0 + 1_000) + "}");
    // A new broadcast after the restart is not named like the withdrawn one.
    restored.handle(RoomFixture.INSTRUCTOR, "again", new Broadcast("Again."), T0 + 1_000);
    assertThat(restored.group("g1").broadcasts()).extracting(GroupView.Note::at).containsExactly(T0 + 1_001);
  }

  @Test
  @DisplayName("A group's help request keeps the time of its first ask until the instructor clears it.")
  void helpWaitsFromTheFirstAsk() {
    RoomFixture f = RoomFixture.seated(2, 2);
    f.start(T0);
    f.accept(f.student("g1", 0), new RequestHelp(), T0 + 5_000);
    f.accept(f.student("g1", 1), new RequestHelp(), T0 + 9_000);
    assertThat(f.workshop.group("g1").helpAt()).isEqualTo(T0 + 5_000);
    assertThat(f.workshop.group("g2").helpAt()).isZero();
    assertThat(Json.group(f.workshop.group("g1"), T0 + 10_000).getLong("helpAt")).isEqualTo(T0 + 5_000);

    f.instructor(new Command.ClearHelp("g1"), T0 + 20_000);
    assertThat(f.workshop.group("g1").helpAt()).isZero();
    f.accept(f.student("g1", 1), new RequestHelp(), T0 + 30_000);
    assertThat(f.workshop.group("g1").helpAt()).isEqualTo(T0 + 30_000);
  }
}
