package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.GRACE_MS;
import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.LEAD_MS;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static dev.breakout.server.room.RoomFixture.WARN_AT;
import static dev.breakout.server.room.RoomFixture.started;
import static dev.breakout.server.room.RoomFixture.in;
import static dev.breakout.server.room.RoomFixture.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.EditCard;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.ResumeClock;
import dev.breakout.server.room.Command.Submit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The phase clock as students and the instructor feel it: the end warning, the grace, pausing. */
class WorkshopClockTest {

  @Nested
  class Warning {

    @Test
    @DisplayName("The end-of-discussion warning is written once into every group's log exactly the lead before the end.")
    void warningAtLead() {
      RoomFixture f = started();
      assertThat(f.tick(WARN_AT - 1)).isEmpty();

      List<Logged> warning = f.tick(WARN_AT);
      assertThat(warning).extracting(Logged::groupId).containsExactly("g1", "g2");
      assertThat(warning).allSatisfy(l -> {
        assertThat(l.at()).isEqualTo(WARN_AT);
        assertThat(l.actor()).isEqualTo("system");
        assertThat(l.opId()).isNull();
        Event.ClockWarning w = (Event.ClockWarning) l.event();
        assertThat(w.remainingMs()).isEqualTo(LEAD_MS);
        assertThat(w.clock().warned()).isTrue();
      });
      assertThat(f.tick(WARN_AT + 1_000)).isEmpty();
      assertThat(f.workshop.group("g1").clock().warned()).isTrue();
    }

    @Test
    @DisplayName("A tick that comes late still writes the warning at the moment it was due, with the full lead remaining.")
    void lateTickStampsWarningWhenDue() {
      RoomFixture f = started();
      List<Logged> warning = f.tick(WARN_AT + 7_000);

      assertThat(warning).hasSize(2).allSatisfy(l -> {
        assertThat(l.at()).isEqualTo(WARN_AT);
        assertThat(((Event.ClockWarning) l.event()).remainingMs()).isEqualTo(LEAD_MS);
      });
    }

    @Test
    @DisplayName("Extending the discussion past the lead after the warning arms a second warning for the new end.")
    void extensionRearmsWarning() {
      RoomFixture f = started();
      f.tick(WARN_AT);
      f.instructor(new AdjustClock(120, null), WARN_AT + 10_000);
      assertThat(f.workshop.clock().warned()).isFalse();
      assertThat(f.workshop.nextDeadline()).isEqualTo(WARN_AT + 120_000);

      assertThat(f.tick(WARN_AT + 119_999)).isEmpty();
      assertThat(types(f.tick(WARN_AT + 120_000))).containsOnly("clock.warning");
    }

    @Test
    @DisplayName("A small extension that keeps the discussion inside the lead does not repeat the warning.")
    void smallExtensionKeepsWarning() {
      RoomFixture f = started();
      f.tick(WARN_AT);
      f.instructor(new AdjustClock(5, null), WARN_AT + 10_000);
      assertThat(f.workshop.clock().warned()).isTrue();
      assertThat(f.tick(DISCUSSION_END + 4_999)).isEmpty();
    }

    @Test
    @DisplayName("A warning that falls due because the clock was shortened is written after the adjustment, not before it.")
    void warningAfterShortening() {
      RoomFixture f = started();
      long at = T0 + 100_000;
      Outcome.Accepted adjusted = f.instructor(new AdjustClock(-180, null), at);
      long adjustSeq = adjusted.ack().seqs().get("g1");
      assertThat(f.workshop.clock().endsAt()).isEqualTo(T0 + 120_000);

      List<Logged> warning = f.tick(at);
      assertThat(in(warning, "g1")).singleElement().satisfies(l -> {
        assertThat(l.seq()).isEqualTo(adjustSeq + 1);
        assertThat(l.at()).isEqualTo(at);
        assertThat(((Event.ClockWarning) l.event()).remainingMs()).isEqualTo(20_000);
      });
    }

    @Test
    @DisplayName("Cutting the discussion to end now ends it without a warning of no time left.")
    void noWarningWhenCutToNow() {
      RoomFixture f = started();
      long at = T0 + 200_000;
      f.instructor(new AdjustClock(-3600, null), at);
      assertThat(f.workshop.nextDeadline()).isEqualTo(at - LEAD_MS);

      List<Logged> ended = f.tick(at);
      assertThat(types(in(ended, "g1"))).containsExactly("phase.changed", "spotlight.changed");
      assertThat(ended).allSatisfy(l -> assertThat(l.at()).isEqualTo(at));
    }

    @Test
    @DisplayName("The presentation phase has no end warning.")
    void noPresentationWarning() {
      RoomFixture f = started();
      f.tick(DISCUSSION_END);
      List<Logged> all = new ArrayList<>();
      for (long t = DISCUSSION_END; t <= PRESENTATION_END; t += 1_000) {
        all.addAll(f.tick(t));
      }
      assertThat(types(all)).doesNotContain("clock.warning").contains("spotlight.changed", "phase.changed");
    }
  }

  @Nested
  class Grace {

    @Test
    @DisplayName("Edits just after the discussion ends are accepted and flagged late, even before a tick ends the phase.")
    void lateBeforeTick() {
      RoomFixture f = started();
      Actor a = f.student("g1", 0);
      f.addCard(a, "c1", "p1", "On time", DISCUSSION_END - 1);
      assertThat(f.workshop.group("g1").cards().get("p1").get(0).late()).isFalse();

      Outcome.Accepted late = f.accept(a, new EditCard("c1", "A bit late", null, false, 1), DISCUSSION_END);
      assertThat(((Event.CardEdited) late.events().get(0).event()).late()).isTrue();
      Card card = f.workshop.group("g1").cards().get("p1").get(0);
      assertThat(card.late()).isTrue();
      assertThat(card.version()).isEqualTo(2);
    }

    @Test
    @DisplayName("During the grace, which overlaps the first presentation slot, edits are flagged late; after it they are refused as phase-closed.")
    void graceThenClosed() {
      RoomFixture f = started();
      Actor a = f.student("g1", 0);
      f.tick(DISCUSSION_END);
      assertThat(f.workshop.clock().slot().index()).isZero();

      Outcome.Accepted added = f.addCard(a, "c1", "p1", "Late idea", DISCUSSION_END + GRACE_MS - 1);
      assertThat(((Event.CardAdded) added.events().get(0).event()).card().late()).isTrue();
      Outcome.Accepted submitted = f.accept(a, new Submit(true), DISCUSSION_END + GRACE_MS - 1);
      assertThat(((Event.SubmissionChanged) submitted.events().get(0).event()).late()).isTrue();
      assertThat(f.workshop.group("g1").submitted()).isTrue();

      f.reject(a, new AddCard("c2", "p1", "Too late", null), DISCUSSION_END + GRACE_MS, ErrorCode.PHASE_CLOSED);
      f.reject(a, new Command.DeleteCard("c1"), DISCUSSION_END + GRACE_MS, ErrorCode.PHASE_CLOSED);
      f.reject(a, new Submit(false), DISCUSSION_END + GRACE_MS, ErrorCode.PHASE_CLOSED);
    }

    @Test
    @DisplayName("A pause during the grace keeps the rest of the grace for after the resume.")
    void pauseDuringGrace() {
      RoomFixture f = started();
      Actor a = f.student("g1", 0);
      f.tick(DISCUSSION_END);
      f.instructor(new PauseClock(), DISCUSSION_END + 4_000);
      f.addCard(a, "c1", "p1", "While paused", DISCUSSION_END + 30_000);
      f.instructor(new ResumeClock(), DISCUSSION_END + 64_000);

      // 6 s of grace were left when the clock stopped.
      f.addCard(a, "c2", "p1", "Still in grace", DISCUSSION_END + 69_999);
      f.reject(a, new AddCard("c3", "p1", "Too late", null), DISCUSSION_END + 70_000, ErrorCode.PHASE_CLOSED);
    }
  }

  @Nested
  class Pause {

    @Test
    @DisplayName("While paused the remaining time stands still and tick has nothing to do.")
    void pauseFreezes() {
      RoomFixture f = started();
      Outcome.Accepted paused = f.instructor(new PauseClock(), T0 + 100_000);
      assertThat(types(paused.events())).containsExactly("clock.paused", "clock.paused");
      ClockState clock = f.workshop.clock();
      assertThat(clock.paused()).isTrue();
      assertThat(clock.pausedAt()).isEqualTo(T0 + 100_000);
      assertThat(clock.remainingMs(T0 + 900_000)).isEqualTo(200_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(Long.MAX_VALUE);
      assertThat(f.tick(T0 + 900_000)).isEmpty();
      assertThat(f.workshop.groups()).allSatisfy(g -> assertThat(g.clock()).isEqualTo(clock));
    }

    @Test
    @DisplayName("Resuming shifts the end and the warning by the time the clock was paused.")
    void resumeShifts() {
      RoomFixture f = started();
      f.instructor(new PauseClock(), T0 + 100_000);
      Outcome.Accepted resumed = f.instructor(new ResumeClock(), T0 + 130_000);
      assertThat(types(resumed.events())).containsOnly("clock.resumed");

      ClockState clock = f.workshop.clock();
      assertThat(clock.paused()).isFalse();
      assertThat(clock.pausedAt()).isZero();
      assertThat(clock.endsAt()).isEqualTo(DISCUSSION_END + 30_000);
      assertThat(f.workshop.nextDeadline()).isEqualTo(WARN_AT + 30_000);
      assertThat(f.tick(WARN_AT + 29_999)).isEmpty();
      assertThat(types(f.tick(WARN_AT + 30_000))).containsOnly("clock.warning");
      assertThat(f.tick(DISCUSSION_END + 29_999)).isEmpty();
      assertThat(types(f.tick(DISCUSSION_END + 30_000))).contains("phase.changed");
    }

    @Test
    @DisplayName("Resuming in the presentation shifts the current slot's end too.")
    void resumeShiftsSlot() {
      RoomFixture f = started();
      f.tick(DISCUSSION_END);
      f.instructor(new PauseClock(), DISCUSSION_END + 20_000);
      f.instructor(new ResumeClock(), DISCUSSION_END + 50_000);

      ClockState clock = f.workshop.clock();
      assertThat(clock.endsAt()).isEqualTo(PRESENTATION_END + 30_000);
      assertThat(clock.slot()).isEqualTo(new ClockState.Slot(0, 2, "g1", DISCUSSION_END + 90_000, 60_000));
      assertThat(f.tick(DISCUSSION_END + 89_999)).isEmpty();
      assertThat(f.tick(DISCUSSION_END + 90_000)).extracting(l -> ((Event.SpotlightChanged) l.event()).groupId())
          .containsOnly("g2");
    }

    @Test
    @DisplayName("Students can still write while the clock is paused, because their deadline stands still too.")
    void writeWhilePaused() {
      RoomFixture f = started();
      f.instructor(new PauseClock(), DISCUSSION_END - 1_000);
      Outcome.Accepted added = f.addCard(f.student("g1", 0), "c1", "p1", "Long pause", DISCUSSION_END + 120_000);
      assertThat(((Event.CardAdded) added.events().get(0).event()).card().late()).isFalse();
    }

    @Test
    @DisplayName("A pause in the presentation does not take time from a group's extended writing window.")
    void pauseKeepsGroupExtension() {
      RoomFixture f = started();
      f.instructor(new AdjustClock(60, "g1"), T0 + 200_000);
      f.tick(DISCUSSION_END);
      f.instructor(new PauseClock(), DISCUSSION_END + 30_000);
      f.instructor(new ResumeClock(), DISCUSSION_END + 90_000);

      // Group 1 had 30 s of its own time left when the clock stopped.
      Outcome.Accepted added = f.addCard(f.student("g1", 0), "c1", "p1", "Extended", DISCUSSION_END + 119_999);
      assertThat(((Event.CardAdded) added.events().get(0).event()).card().late()).isFalse();
      f.reject(f.student("g2", 0), new AddCard("d1", "p1", "No extension", null), DISCUSSION_END + 90_000,
          ErrorCode.PHASE_CLOSED);
    }

    @Test
    @DisplayName("Pausing a paused clock or resuming a running one is a conflict.")
    void pauseResumeConflicts() {
      RoomFixture f = started();
      f.reject(INSTRUCTOR, new ResumeClock(), T0 + 1, ErrorCode.CONFLICT);
      f.instructor(new PauseClock(), T0 + 2);
      f.reject(INSTRUCTOR, new PauseClock(), T0 + 3, ErrorCode.CONFLICT);
    }

    @Test
    @DisplayName("Next phase during a pause starts the next phase running from now.")
    void nextPhaseWhilePaused() {
      RoomFixture f = started();
      f.instructor(new PauseClock(), T0 + 100_000);
      f.instructor(new Command.NextPhase(), T0 + 150_000);
      ClockState clock = f.workshop.clock();
      assertThat(clock.kind()).isEqualTo("presentation");
      assertThat(clock.paused()).isFalse();
      assertThat(clock.endsAt()).isEqualTo(T0 + 150_000 + RoomFixture.PRESENTATION_MS);
    }
  }
}
