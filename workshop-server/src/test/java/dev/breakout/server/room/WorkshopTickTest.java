package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.WARN_AT;
import static dev.breakout.server.room.RoomFixture.started;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Time passing: a late tick catches up with the schedule, and nextDeadline says when the next tick is due. */
class WorkshopTickTest {

  @Nested
  class CatchUp {

    @Test
    @DisplayName("One tick long after the start writes every transition that fell due meanwhile, each at the moment it was due.")
    void catchUpEverything() {
      RoomFixture f = started();
      List<Logged> all = f.tick(PRESENTATION_END + 5 * 60_000);

      List<Logged> g1 = in(all, "g1");
      assertThat(types(g1)).containsExactly("clock.warning", "phase.changed", "spotlight.changed",
          "spotlight.changed", "phase.changed");
      assertThat(g1).extracting(Logged::at).containsExactly(WARN_AT, DISCUSSION_END, DISCUSSION_END,
          DISCUSSION_END + 60_000, PRESENTATION_END);
      assertThat(g1).extracting(l -> l.event() instanceof Event.SpotlightChanged s ? s.groupId() : null)
          .containsExactly(null, null, "g1", "g2", null);
      assertThat(types(in(all, "g2"))).isEqualTo(types(g1));
      ClockState clock = f.workshop.clock();
      assertThat(clock.kind()).isEqualTo("ended");
      assertThat(clock.phaseStartedAt()).isEqualTo(PRESENTATION_END);
      assertThat(clock.writableEndedAt()).isEqualTo(DISCUSSION_END);
    }

    @Test
    @DisplayName("A tick after a restart that missed the end of the discussion starts the presentation at the planned time.")
    void catchUpPhaseEnd() {
      RoomFixture f = started();
      f.tick(WARN_AT);
      List<Logged> caughtUp = f.tick(DISCUSSION_END + 70_000);

      assertThat(types(in(caughtUp, "g1"))).containsExactly("phase.changed", "spotlight.changed", "spotlight.changed");
      ClockState clock = f.workshop.clock();
      assertThat(clock.kind()).isEqualTo("presentation");
      assertThat(clock.phaseStartedAt()).isEqualTo(DISCUSSION_END);
      assertThat(clock.endsAt()).isEqualTo(PRESENTATION_END);
      assertThat(clock.slot()).isEqualTo(new ClockState.Slot(1, 2, "g2", PRESENTATION_END, 60_000));
    }

    @Test
    @DisplayName("Ticking once late writes the same events as ticking every second.")
    void lateEqualsFrequent() {
      RoomFixture frequent = RoomFixture.groups(2);
      RoomFixture late = RoomFixture.groups(2);
      frequent.start(T0);
      late.start(T0);

      List<Logged> stepByStep = new ArrayList<>();
      for (long t = T0; t <= PRESENTATION_END + 1_000; t += 1_000) {
        stepByStep.addAll(frequent.tick(t));
      }
      List<Logged> atOnce = late.tick(PRESENTATION_END + 1_000);

      assertThat(in(atOnce, "g1")).isEqualTo(in(stepByStep, "g1"));
      assertThat(in(atOnce, "g2")).isEqualTo(in(stepByStep, "g2"));
      assertThat(late.workshop.groups()).isEqualTo(frequent.workshop.groups());
    }
  }

  @Nested
  class NextDeadline {

    @Test
    @DisplayName("nextDeadline names the warning, then the end of the discussion, then each slot end, then nothing.")
    void deadlines() {
      RoomFixture f = RoomFixture.seated(2, 1);
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
      f.start(T0);
      assertThat(f.workshop.nextDeadline()).isEqualTo(WARN_AT);
      f.tick(WARN_AT);
      assertThat(f.workshop.nextDeadline()).isEqualTo(DISCUSSION_END);
      f.tick(DISCUSSION_END);
      assertThat(f.workshop.nextDeadline()).isEqualTo(DISCUSSION_END + 60_000);
      f.tick(DISCUSSION_END + 60_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(PRESENTATION_END);
      f.tick(PRESENTATION_END);
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("A tick before nextDeadline writes nothing and a tick at it writes something.")
    void tickMatchesDeadline() {
      RoomFixture f = RoomFixture.seated(3, 1);
      f.start(T0);
      int transitions = 0;
      while (f.workshop.nextDeadline() != Long.MAX_VALUE) {
        long next = f.workshop.nextDeadline();
        assertThat(f.tick(next - 1)).isEmpty();
        assertThat(f.tick(next)).isNotEmpty();
        transitions++;
      }
      // warning, presentation, two more slots, end
      assertThat(transitions).isEqualTo(5);
    }
  }
}
