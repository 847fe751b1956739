package dev.breakout.server.room;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.EndWorkshop;
import dev.breakout.server.room.Command.NextPhase;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.ResumeClock;
import dev.breakout.server.room.Command.StartPresentations;
import java.util.List;

/**
 * The rules that move the phase clock and write what it does: the instructor's start, pause,
 * resume, adjustments (for everyone or one group), next phase and end, and time passing
 * ({@link #tick}) with the end-of-discussion warning. What a phase's clock may do is asked of the
 * {@link Schedule}; the presentation phase's handover and slots are {@link PresentationRules}'.
 */
final class ClockRules {
  private final WorkshopPlan plan;
  private final Rooms rooms;
  private final Schedule schedule;
  private final PresentationRules presentations;

  ClockRules(WorkshopPlan plan, Rooms rooms, Schedule schedule) {
    this.plan = plan;
    this.rooms = rooms;
    this.schedule = schedule;
    // The two call each other: entering a presentation phase starts the presentations, and the end
    // of the last slot enters the next phase.
    this.presentations = new PresentationRules(plan, rooms, schedule, this);
  }

  PresentationRules presentations() {
    return presentations;
  }

  /** The instructor starts the exercise: the first phase begins now. */
  Rejection startExercise(long now, Step step) {
    if (step.clock().phaseIndex() != -1) {
      return Rejection.of(Reason.ALREADY_STARTED);
    }
    enterPhase(0, now, now, step);
    if (plan.handover().timedSlots()) {
      presentations.warnIfPresentationSlotsShort(step);
    }
    return null;
  }

  /** The instructor's commands that move a running clock: pause, resume, adjust, next phase, presentations, end. */
  Rejection running(Command.InstructorCommand command, long now, Step step) {
    ClockState clock = step.clock();
    if (clock.phaseIndex() == -1) {
      return Rejection.of(Reason.NOT_STARTED);
    }
    if ("ended".equals(clock.kind())) {
      return Rejection.of(Reason.ENDED);
    }
    if (command instanceof PauseClock) {
      if (clock.paused()) {
        return Rejection.of(Reason.ALREADY_PAUSED);
      }
      step.setClock(clock.withPause(true, now));
      step.appendAll(new Event.ClockPaused(step.clock()), now);
      return null;
    }
    if (command instanceof ResumeClock) {
      if (!clock.paused()) {
        return Rejection.of(Reason.NOT_PAUSED);
      }
      step.setClock(schedule.resumed(clock, now));
      step.appendAll(new Event.ClockResumed(step.clock()), now);
      return null;
    }
    if (command instanceof AdjustClock a) {
      return adjust(a, now, step);
    }
    if (command instanceof NextPhase) {
      enterPhase(clock.phaseIndex() + 1, now, now, step);
      return null;
    }
    if (command instanceof StartPresentations) {
      if (!clock.inStage(ClockState.Stage.READY) && !clock.inStage(ClockState.Stage.COUNTDOWN)) {
        return Rejection.of(clock.stage() == null
            ? Reason.PRESENTATIONS_AFTER_DISCUSSION : Reason.PRESENTATIONS_STARTED);
      }
      if (clock.paused()) {
        step.setClock(schedule.resumed(clock, now));
      }
      presentations.startPresentations(now, now, step, false);
      return null;
    }
    if (command instanceof EndWorkshop) {
      endNow(now, step);
      return null;
    }
    throw new IllegalStateException("unhandled command " + command);
  }

  /**
   * Lets time pass: writes the warnings, phase changes and slot moves that are due at {@code now},
   * each at the moment it was due, so that a late call (a busy server, a restart) catches up
   * without shifting the schedule.
   */
  void tick(long now, Step step) {
    boolean moved = true;
    // Due times come in this order (the warning before the end, every slot end before the phase's
    // end), so the first due one is the earliest: a catch-up writes the schedule as it would have
    // happened, warning and slot moves of an ended phase included. A warning that could only be
    // written at or after the end (the clock was cut to now) would announce nothing.
    while (moved && step.clock().running() && !step.clock().paused()) {
      moved = false;
      ClockState clock = step.clock();
      if (schedule.warningPending(clock) && now >= schedule.warnAt(clock)
          && rooms.stamp(schedule.warnAt(clock)) < clock.endsAt()) {
        long at = rooms.stamp(schedule.warnAt(clock));
        step.setClock(clock.withWarned(true));
        step.appendAll(new Event.ClockWarning(step.clock().remainingMs(at), step.clock()), at);
        moved = true;
      } else if (schedule.stageDue(clock) && now >= clock.stageEndsAt()) {
        long at = rooms.stamp(clock.stageEndsAt());
        if (clock.slot() == null) {
          presentations.startPresentations(at, at, step, false);
        } else {
          presentations.advance(at, at, step);
        }
        moved = true;
      } else if (schedule.slotMovesByTime(clock) && now >= clock.slot().endsAt()) {
        long at = rooms.stamp(clock.slot().endsAt());
        presentations.advance(clock.slot().endsAt(), at, step);
        moved = true;
      } else if (schedule.endsByTime(clock) && now >= clock.endsAt()) {
        enterPhase(clock.phaseIndex() + 1, clock.endsAt(), rooms.stamp(clock.endsAt()), step);
        moved = true;
      }
    }
  }

  /** Enters phase {@code index} as of {@code startAt}; past the last phase the workshop ends. */
  void enterPhase(int index, long startAt, long now, Step step) {
    ClockState clock = step.clock();
    boolean wasWritable = Schedule.isWritable(schedule.currentKind(clock));
    long writableEndedAt = wasWritable ? startAt : clock.writableEndedAt();
    if (index >= plan.phases().size()) {
      step.setClock(new ClockState("ended", plan.phases().size(), "ended", startAt, 0, false, 0, false,
          writableEndedAt, null, clock.order()));
      step.appendAll(new Event.PhaseChanged(step.clock()), now);
      return;
    }
    WorkshopPlan.PhasePlan phase = plan.phases().get(index);
    clock = clock.with(phase.id(), index, phase.kind().json(), startAt, startAt + phase.durationMs())
        .withWritableEndedAt(writableEndedAt);
    if (phase.kind() == PhaseKind.PRESENTATION) {
      List<String> order = clock.order().isEmpty() ? rooms.defaultOrder() : clock.order();
      clock = clock.withOrder(order).withSlot(null);
      WorkshopPlan.Handover handover = plan.handover();
      if (handover.instructorStarts()) {
        step.setClock(clock.withEndsAt(0, null).withStage(ClockState.Stage.READY, 0));
        step.appendAll(new Event.PhaseChanged(step.clock()), now);
      } else if (handover.prepMs() > 0) {
        step.setClock(clock.withEndsAt(0, null).withStage(ClockState.Stage.COUNTDOWN, startAt + handover.prepMs()));
        step.appendAll(new Event.PhaseChanged(step.clock()), now);
      } else {
        step.setClock(clock);
        presentations.startPresentations(startAt, now, step, true);
      }
    } else if (phase.kind() == PhaseKind.GALLERY) {
      step.setClock(clock);
      step.appendAll(new Event.PhaseChanged(clock), now);
      List<Event.GroupBoard> boards = rooms.all().stream()
          .map(r -> new Event.GroupBoard(r.groupId(), plan.groupName(r.groupId()), r.board())).toList();
      step.appendAll(new Event.GalleryOpened(boards), now);
    } else {
      step.setClock(clock);
      step.appendAll(new Event.PhaseChanged(clock), now);
    }
  }

  private void endNow(long now, Step step) {
    ClockState clock = step.clock();
    long writableEndedAt = Schedule.isWritable(schedule.currentKind(clock)) ? now : clock.writableEndedAt();
    step.setClock(new ClockState("ended", plan.phases().size(), "ended", now, 0, false, 0, false, writableEndedAt,
        null, clock.order()));
    step.appendAll(new Event.WorkshopEnded(step.clock()), now);
  }

  private Rejection adjust(AdjustClock a, long now, Step step) {
    if (a.seconds() == 0 || Math.abs(a.seconds()) > 3600) {
      return Rejection.of(Reason.ADJUST_RANGE, "max", 3600);
    }
    ClockState clock = step.clock();
    long delta = a.seconds() * 1000L;
    long effectiveNow = clock.paused() ? clock.pausedAt() : now;
    if (a.groupId() != null) {
      if (!plan.hasGroup(a.groupId())) {
        return Texts.noGroup(a.groupId());
      }
      GroupRoom room = rooms.get(a.groupId());
      long base = Schedule.isWritable(schedule.currentKind(clock)) ? clock.endsAt() : clock.writableEndedAt();
      if (base == 0) {
        return Rejection.of(Reason.NO_GROUP_TIME);
      }
      long extra = Math.max(room.extraMs() + delta, effectiveNow - base);
      step.append(a.groupId(), new Event.GroupClockAdjusted(a.groupId(), a.seconds(), extra), now);
      presentations.refreshWait(effectiveNow, now, step);
      return null;
    }
    if (clock.inStage(ClockState.Stage.COUNTDOWN)) {
      step.setClock(clock.withStage(ClockState.Stage.COUNTDOWN, Math.max(clock.stageEndsAt() + delta, effectiveNow)));
      step.appendAll(new Event.ClockAdjusted(a.seconds(), step.clock()), now);
      return null;
    }
    if (clock.endsAt() == 0) {
      return Rejection.of(Reason.NO_PRESENTATION_TIME);
    }
    if (clock.slot() != null && !plan.handover().timedSlots()) {
      // Presenter-paced: the time moves the presenting group's guide (and the phase's with it).
      ClockState.Slot s = clock.slot();
      ClockState.Slot moved = new ClockState.Slot(s.index(), s.count(), s.groupId(),
          Math.max(s.endsAt() + delta, effectiveNow), s.lengthMs());
      step.setClock(clock.withEndsAt(Math.max(clock.endsAt() + delta, effectiveNow), moved));
      step.appendAll(new Event.ClockAdjusted(a.seconds(), step.clock()), now);
      return null;
    }
    long endsAt = Math.max(clock.endsAt() + delta, effectiveNow);
    clock = clock.withEndsAt(endsAt, clock.slot());
    if (clock.warned() && endsAt - effectiveNow > plan.warningLeadMs()) {
      clock = clock.withWarned(false);
    }
    if (clock.slot() != null) {
      clock = clock.withSlot(schedule.slotFrom(clock, clock.slot().index(), effectiveNow));
    }
    step.setClock(clock);
    if (clock.slot() != null) {
      presentations.warnIfShort(step);
    }
    step.appendAll(new Event.ClockAdjusted(a.seconds(), clock), now);
    warnIfCutIntoLead(effectiveNow, now, step);
    return null;
  }

  /**
   * A cut that leaves the discussion less than the lead, with the warning time now before the
   * phase began, is warned by the cut itself: {@link #tick} never would, and four presses of -1 min
   * must not take 5:00 to 0:28 in silence (see {@link Schedule#cutIntoLead}).
   */
  private void warnIfCutIntoLead(long effectiveNow, long now, Step step) {
    ClockState clock = step.clock();
    long left = clock.endsAt() - effectiveNow;
    if (schedule.cutIntoLead(clock, left)) {
      step.setClock(clock.withWarned(true));
      step.appendAll(new Event.ClockWarning(left, step.clock()), now);
    }
  }
}
