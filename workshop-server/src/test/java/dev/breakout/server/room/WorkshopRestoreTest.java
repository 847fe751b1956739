package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.LIMITS;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopRestoreTest {

  private static Workshop restored(RoomFixture f) {
    return Workshop.restore(f.workshop.plan(), LIMITS, List.copyOf(f.workshop.seats()), f.written,
        Ids.secure());
  }

  @Test
  @DisplayName("Restoring from the seats and the logs gives back the same groups, clock and seats.")
  void restoreRebuildsState() {
    RoomFixture f = RoomFixture.seated(2, 2);
    f.start(T0);
    f.addCard(f.student("g1", 0), "c1", "p1", "Kept", T0 + 1_000);
    f.instructor(new Command.MoveStudent(f.student("g2", 0).id(), "g1"), T0 + 2_000);
    f.instructor(new Command.AdjustClock(30, "g2"), T0 + 3_000);
    f.instructor(new Command.PauseClock(), T0 + 4_000);

    Workshop w = restored(f);
    assertThat(w.groups()).isEqualTo(f.workshop.groups());
    assertThat(w.clock()).isEqualTo(f.workshop.clock());
    assertThat(w.lastSeqs()).isEqualTo(f.workshop.lastSeqs());
    assertThat(w.seats()).containsExactlyInAnyOrderElementsOf(f.workshop.seats());
    Seat first = f.workshop.seats().iterator().next();
    assertThat(w.seatByRejoinKey(first.rejoinKey())).isEqualTo(f.workshop.seatByRejoinKey(first.rejoinKey()));
  }

  @Test
  @DisplayName("After a restore, a retry of an operation applied before the restart is a duplicate with the same seqs.")
  void restoreRemembersOperations() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    Actor a = f.student("g1", 0);
    Outcome.Accepted first = (Outcome.Accepted) f.handle(a, "op-x", new AddCard("c1", "p1", "Once", null), T0 + 1);

    Outcome retry = restored(f).handle(a, "op-x", new AddCard("c1", "p1", "Once", null), T0 + 2);
    assertThat(retry).isEqualTo(new Outcome.Duplicate(first.ack()));
  }

  @Test
  @DisplayName("A workshop restored after a long outage catches up with one tick exactly as the original would have.")
  void restoreThenCatchUp() {
    RoomFixture f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.addCard(f.student("g2", 0), "d1", "p2", "Before the crash", T0 + 1_000);

    Workshop w = restored(f);
    List<Logged> caughtUp = w.tick(PRESENTATION_END + 60_000);
    assertThat(caughtUp).isEqualTo(f.tick(PRESENTATION_END + 60_000));
    assertThat(caughtUp.get(0).at()).isEqualTo(DISCUSSION_END - RoomFixture.LEAD_MS);
    assertThat(w.groups()).isEqualTo(f.workshop.groups());
  }
}
