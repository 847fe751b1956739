package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.GRACE_MS;
import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.started;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.ResumeClock;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Adjusting the clock: for every group, for one group, and the bounds of an adjustment. */
class WorkshopClockAdjustTest {

  @Nested
  class Adjust {

    @Test
    @DisplayName("Adjusting every group moves the common end in every group's log and leaves per-group offsets alone.")
    void adjustAll() {
      RoomFixture f = started();
      Outcome.Accepted adjusted = f.instructor(new AdjustClock(90, null), T0 + 10_000);
      assertThat(adjusted.events()).extracting(Logged::groupId).containsExactly("g1", "g2");
      assertThat(adjusted.events()).allSatisfy(l -> {
        Event.ClockAdjusted e = (Event.ClockAdjusted) l.event();
        assertThat(e.seconds()).isEqualTo(90);
        assertThat(e.clock().endsAt()).isEqualTo(DISCUSSION_END + 90_000);
      });
      assertThat(f.workshop.groups()).allSatisfy(g -> {
        assertThat(g.clock().endsAt()).isEqualTo(DISCUSSION_END + 90_000);
        assertThat(g.extraMs()).isZero();
      });
      assertThat(f.tick(DISCUSSION_END + 89_999)).extracting(l -> l.event().type()).containsOnly("clock.warning");
      assertThat(types(f.tick(DISCUSSION_END + 90_000))).contains("phase.changed");
    }

    @Test
    @DisplayName("Shortening past now ends the phase now rather than in the past.")
    void shortenPastNow() {
      RoomFixture f = started();
      f.instructor(new AdjustClock(-3600, null), T0 + 10_000);
      assertThat(f.workshop.clock().endsAt()).isEqualTo(T0 + 10_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(T0 + 10_000);
      List<Logged> next = f.tick(T0 + 10_000);
      assertThat(f.workshop.clock().kind()).isEqualTo("presentation");
      assertThat(f.workshop.clock().phaseStartedAt()).isEqualTo(T0 + 10_000);
      assertThat(types(in(next, "g1"))).containsExactly("phase.changed", "spotlight.changed");
    }

    @Test
    @DisplayName("Adjusting while paused counts from the moment of the pause.")
    void adjustWhilePaused() {
      RoomFixture f = started();
      f.instructor(new PauseClock(), T0 + 100_000);
      f.instructor(new AdjustClock(-600, null), T0 + 150_000);
      assertThat(f.workshop.clock().endsAt()).isEqualTo(T0 + 100_000);
      assertThat(f.workshop.clock().remainingMs(T0 + 150_000)).isZero();
      f.instructor(new ResumeClock(), T0 + 160_000);
      assertThat(f.workshop.clock().endsAt()).isEqualTo(T0 + 160_000);
    }

    @Test
    @DisplayName("An adjustment of zero or of more than an hour is a bad request.")
    void adjustBounds() {
      RoomFixture f = started();
      f.reject(INSTRUCTOR, new AdjustClock(0, null), T0 + 1, ErrorCode.BAD_REQUEST);
      f.reject(INSTRUCTOR, new AdjustClock(3601, null), T0 + 1, ErrorCode.BAD_REQUEST);
      f.reject(INSTRUCTOR, new AdjustClock(-3601, "g1"), T0 + 1, ErrorCode.BAD_REQUEST);
      f.instructor(new AdjustClock(3600, null), T0 + 1);
      assertThat(f.workshop.clock().endsAt()).isEqualTo(DISCUSSION_END + 3_600_000);
    }

    @Test
    @DisplayName("Adjusting one group writes clock.adjusted only into that group's log and extends only its writing window.")
    void adjustOneGroup() {
      RoomFixture f = started();
      Outcome.Accepted adjusted = f.instructor(new AdjustClock(60, "g1"), T0 + 200_000);
      assertThat(adjusted.events()).singleElement().satisfies(l -> {
        assertThat(l.groupId()).isEqualTo("g1");
        assertThat(l.event()).isEqualTo(new Event.GroupClockAdjusted("g1", 60, 60_000));
      });
      assertThat(adjusted.ack().seqs()).containsOnlyKeys("g1");
      assertThat(f.workshop.group("g1").extraMs()).isEqualTo(60_000);
      assertThat(f.workshop.group("g2").extraMs()).isZero();
      assertThat(f.workshop.clock().endsAt()).isEqualTo(DISCUSSION_END);

      f.tick(DISCUSSION_END);
      Actor a = f.student("g1", 0);
      Actor b = f.student("g2", 0);
      Outcome.Accepted onTime = f.addCard(a, "c1", "p1", "Extra time", DISCUSSION_END + 59_999);
      assertThat(((Event.CardAdded) onTime.events().get(0).event()).card().late()).isFalse();
      f.reject(b, new AddCard("d1", "p1", "No extra", null), DISCUSSION_END + GRACE_MS, ErrorCode.PHASE_CLOSED);

      Outcome.Accepted late = f.addCard(a, "c2", "p1", "Grace after extra", DISCUSSION_END + 60_000);
      assertThat(((Event.CardAdded) late.events().get(0).event()).card().late()).isTrue();
      f.reject(a, new AddCard("c3", "p1", "Too late", null), DISCUSSION_END + 60_000 + GRACE_MS,
          ErrorCode.PHASE_CLOSED);
    }

    @Test
    @DisplayName("Group adjustments add up and a cut cannot put a group's deadline before now.")
    void groupAdjustmentsAccumulate() {
      RoomFixture f = started();
      f.instructor(new AdjustClock(60, "g2"), T0 + 10_000);
      f.instructor(new AdjustClock(30, "g2"), T0 + 20_000);
      assertThat(f.workshop.group("g2").extraMs()).isEqualTo(90_000);

      f.instructor(new AdjustClock(-3600, "g2"), T0 + 100_000);
      assertThat(f.workshop.group("g2").extraMs()).isEqualTo(T0 + 100_000 - DISCUSSION_END);
      Outcome.Accepted late = f.addCard(f.student("g2", 0), "d1", "p1", "Cut short", T0 + 100_000);
      assertThat(((Event.CardAdded) late.events().get(0).event()).card().late()).isTrue();
    }

    @Test
    @DisplayName("Extending one group during the presentation reopens its writing window from the end of the discussion.")
    void adjustOneGroupInPresentation() {
      RoomFixture f = started();
      f.tick(DISCUSSION_END);
      f.instructor(new AdjustClock(120, "g2"), DISCUSSION_END + 30_000);
      assertThat(f.workshop.group("g2").extraMs()).isEqualTo(120_000);
      Outcome.Accepted added = f.addCard(f.student("g2", 0), "d1", "p1", "Reopened", DISCUSSION_END + 100_000);
      assertThat(((Event.CardAdded) added.events().get(0).event()).card().late()).isFalse();
    }

    @Test
    @DisplayName("Adjusting a group that does not exist is not-found.")
    void adjustUnknownGroup() {
      RoomFixture f = started();
      f.reject(INSTRUCTOR, new AdjustClock(60, "g9"), T0 + 1, ErrorCode.NOT_FOUND);
    }
  }
}
