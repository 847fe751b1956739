package dev.breakout.server.room;

import dev.breakout.content.Exercise.PhaseKind;
import java.util.List;

/**
 * The schedule of phases and presentation slots, as pure functions of the plan and a clock: which
 * kind of phase runs, what falls due next and when, how long a slot is, how a pause shifts every
 * deadline, and whether a group may still write. It writes no events and holds no state; the rules
 * that move the clock ({@link ClockRules}, {@link PresentationRules}) and the student rules ask it.
 */
final class Schedule {

  /** Whether a group may write now: open, late (in the grace after its deadline), or closed. */
  enum Write { OPEN, LATE, CLOSED }

  private final WorkshopPlan plan;

  Schedule(WorkshopPlan plan) {
    this.plan = plan;
  }

  /** The kind of the running phase; null in the lobby and once ended. */
  PhaseKind currentKind(ClockState clock) {
    return clock.running() ? plan.phases().get(clock.phaseIndex()).kind() : null;
  }

  static boolean isWritable(PhaseKind kind) {
    return kind == PhaseKind.DISCUSSION || kind == PhaseKind.OTHER;
  }

  /** The planned length of the running phase. */
  long phaseMs(ClockState clock) {
    return plan.phases().get(clock.phaseIndex()).durationMs();
  }

  // ---------------------------------------------------------------- what falls due

  /** When the clock next has something to do by itself (epoch ms), or {@link Long#MAX_VALUE}. */
  long nextDeadline(ClockState clock) {
    if (!clock.running() || clock.paused()) {
      return Long.MAX_VALUE;
    }
    long next = endsByTime(clock) ? clock.endsAt() : Long.MAX_VALUE;
    if (warningPending(clock)) {
      next = Math.min(next, warnAt(clock));
    }
    if (stageDue(clock)) {
      next = Math.min(next, clock.stageEndsAt());
    }
    if (slotMovesByTime(clock)) {
      next = Math.min(next, clock.slot().endsAt());
    }
    return next;
  }

  /** Whether the running discussion still owes its end warning; none for a phase shorter than the lead. */
  boolean warningPending(ClockState clock) {
    return currentKind(clock) == PhaseKind.DISCUSSION && !clock.warned() && plan.warningLeadMs() > 0
        && warnAt(clock) > clock.phaseStartedAt();
  }

  /**
   * Whether a cut that leaves the discussion {@code left} ms, no more than the lead, with the warning
   * time now before the phase began, is to be warned by the cut itself: time passing never would (it
   * takes such a phase for one planned shorter than the lead). A cut to zero is not (no warning of no
   * time left), nor is a phase planned shorter than the lead.
   */
  boolean cutIntoLead(ClockState clock, long left) {
    return currentKind(clock) == PhaseKind.DISCUSSION && !clock.warned() && plan.warningLeadMs() > 0
        && warnAt(clock) <= clock.phaseStartedAt() && left > 0 && left <= plan.warningLeadMs()
        && phaseMs(clock) > plan.warningLeadMs();
  }

  /** Whether the running phase ends by itself at {@code endsAt}: a presenter-paced presentation does not. */
  boolean endsByTime(ClockState clock) {
    return clock.endsAt() > 0 && (currentKind(clock) != PhaseKind.PRESENTATION || plan.handover().timedSlots());
  }

  /** Whether a countdown or a wait for writing groups runs out by itself (before the phase's end). */
  boolean stageDue(ClockState clock) {
    return (clock.inStage(ClockState.Stage.COUNTDOWN) || clock.inStage(ClockState.Stage.WAITING))
        && (!endsByTime(clock) || clock.stageEndsAt() < clock.endsAt());
  }

  /** Whether the slot under way ends by itself and another follows (timed slots only). */
  boolean slotMovesByTime(ClockState clock) {
    return plan.handover().timedSlots() && clock.presenting() && slotFollows(clock);
  }

  long warnAt(ClockState clock) {
    return clock.endsAt() - plan.warningLeadMs();
  }

  /** Whether another presentation slot comes after the current one. */
  private static boolean slotFollows(ClockState clock) {
    return clock.slot() != null && clock.slot().index() < clock.slot().count() - 1;
  }

  // ---------------------------------------------------------------- slots and pauses

  /** The slot at {@code index}, sharing what is left of the phase evenly among the slots left. */
  ClockState.Slot slotFrom(ClockState clock, int index, long start) {
    List<String> order = clock.order();
    if (!plan.handover().timedSlots()) {
      // A guide, not a cut-off: every group is offered an equal share of the planned phase.
      long length = phaseMs(clock) / Math.max(1, order.size());
      return new ClockState.Slot(index, order.size(), order.get(index), start + length, length);
    }
    int left = order.size() - index;
    long length = Math.max(0, (clock.endsAt() - start) / left);
    long endsAt = index == order.size() - 1 ? clock.endsAt() : start + length;
    return new ClockState.Slot(index, order.size(), order.get(index), endsAt, length);
  }

  /** The clock with its pause ended at {@code now}: every deadline that stood still moves by the pause's length. */
  ClockState resumed(ClockState clock, long now) {
    long shift = now - clock.pausedAt();
    ClockState.Slot slot = clock.slot();
    ClockState.Slot shiftedSlot = slot == null ? null
        : new ClockState.Slot(slot.index(), slot.count(), slot.groupId(), slot.endsAt() + shift, slot.lengthMs());
    clock = clock.withEndsAt(clock.endsAt() == 0 ? 0 : clock.endsAt() + shift, shiftedSlot).withPause(false, 0);
    if (clock.stageEndsAt() != 0) {
      clock = clock.withStage(clock.stage(), clock.stageEndsAt() + shift);
    }
    if (!isWritable(currentKind(clock)) && clock.writableEndedAt() != 0) {
      // The grace and the groups' own extra time, which run from here, stood still too (see writeWindow).
      clock = clock.withWritableEndedAt(clock.writableEndedAt() + shift);
    }
    return clock;
  }

  // ---------------------------------------------------------------- writing windows

  /**
   * When a group given {@code extraMs} of its own is done writing (its own deadline plus the grace),
   * or 0 for a group that has no writing time past the common end.
   */
  long doneWritingAt(ClockState clock, long extraMs) {
    if (clock.writableEndedAt() == 0 || extraMs <= 0) {
      return 0;
    }
    return clock.writableEndedAt() + extraMs + plan.graceMs();
  }

  /**
   * Whether a group with {@code extraMs} of its own may write now. After a writing phase ends (for
   * the group: plus its own extra time), writes are still taken for the grace period and flagged late.
   */
  Write writeWindow(ClockState clock, long extraMs, long now) {
    long at = clock.paused() ? clock.pausedAt() : now;
    long deadline;
    if (isWritable(currentKind(clock))) {
      deadline = clock.endsAt() + extraMs;
    } else if (clock.writableEndedAt() != 0) {
      deadline = clock.writableEndedAt() + extraMs;
    } else {
      return Write.CLOSED;
    }
    if (at < deadline) {
      return Write.OPEN;
    }
    return at < deadline + plan.graceMs() ? Write.LATE : Write.CLOSED;
  }
}
