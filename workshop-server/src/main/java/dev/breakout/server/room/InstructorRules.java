package dev.breakout.server.room;

import dev.breakout.server.room.Command.Broadcast;
import dev.breakout.server.room.Command.ClearHelp;
import dev.breakout.server.room.Command.Feedback;
import dev.breakout.server.room.Command.MoveStudent;
import dev.breakout.server.room.Command.PresentationOrder;
import dev.breakout.server.room.Command.Spotlight;
import dev.breakout.server.room.Command.StartExercise;

/**
 * The rules of the instructor's commands: broadcasts and their withdrawal, feedback, clearing a
 * help request, moving a student, and corrections of the synthesis ({@link Corrections}); the
 * commands that move the clock go to {@link ClockRules}, those of the presentations to
 * {@link PresentationRules}. Who may send them is decided before (in {@link Workshop}).
 */
final class InstructorRules {
  private final WorkshopPlan plan;
  private final Limits limits;
  private final Rooms rooms;
  private final Seats seats;
  private final ClockRules clockRules;

  InstructorRules(WorkshopPlan plan, Limits limits, Rooms rooms, Seats seats, ClockRules clockRules) {
    this.plan = plan;
    this.limits = limits;
    this.rooms = rooms;
    this.seats = seats;
    this.clockRules = clockRules;
  }

  Rejection handle(Command.InstructorCommand command, long now, Step step) {
    if (command instanceof StartExercise) {
      return clockRules.startExercise(now, step);
    }
    if (command instanceof Broadcast b) {
      if (b.text() == null || b.text().isBlank()) {
        return Rejection.of(Reason.BROADCAST_EMPTY);
      }
      if (Texts.tooLong(b.text(), limits.maxBroadcastChars())) {
        return Texts.tooLongRejection("message", limits.maxBroadcastChars());
      }
      // A broadcast is named by the time it was sent: two in the same millisecond get distinct times.
      long sentAt = Math.max(now, rooms.lastBroadcastAt() + 1);
      step.appendAll(new Event.BroadcastSent(b.text().strip()), sentAt);
      return null;
    }
    if (command instanceof Command.WithdrawBroadcast w) {
      if (!rooms.hasBroadcast(w.sentAt())) {
        return Rejection.of(Reason.NO_BROADCAST, "sentAt", w.sentAt());
      }
      step.appendAll(new Event.BroadcastWithdrawn(w.sentAt()), now);
      return null;
    }
    if (command instanceof Feedback f) {
      if (!plan.hasGroup(f.groupId())) {
        return Texts.noGroup(f.groupId());
      }
      if (f.text() == null || f.text().isBlank()) {
        return Rejection.of(Reason.FEEDBACK_EMPTY);
      }
      if (Texts.tooLong(f.text(), limits.maxFeedbackChars())) {
        return Texts.tooLongRejection("feedback", limits.maxFeedbackChars());
      }
      step.append(f.groupId(), new Event.FeedbackGiven(f.text().strip()), now);
      return null;
    }
    if (command instanceof ClearHelp c) {
      if (!plan.hasGroup(c.groupId())) {
        return Texts.noGroup(c.groupId());
      }
      step.append(c.groupId(), new Event.HelpCleared(), now);
      return null;
    }
    if (command instanceof MoveStudent m) {
      return moveStudent(m, now, step);
    }
    if (command instanceof PresentationOrder o) {
      return clockRules.presentations().order(o.groupIds(), now, step);
    }
    if (command instanceof Spotlight s) {
      return clockRules.presentations().spotlight(s.groupId(), now, step);
    }
    if (command instanceof Command.SynthesisCommand correction) {
      // Any time, also after the end: the synthesis is reviewed after class too.
      Result<Corrections.Checked> checked = Corrections.check(correction, plan, rooms.all(), limits);
      if (!checked.ok()) {
        return checked.rejection();
      }
      step.append(checked.value().groupId(), checked.value().event(), now);
      return null;
    }
    // The rest move the clock, which must be running.
    return clockRules.running(command, now, step);
  }

  private Rejection moveStudent(MoveStudent m, long now, Step step) {
    Seat seat = seats.get(m.studentId()).orElse(null);
    if (seat == null) {
      return Rejection.of(Reason.NO_STUDENT, "studentId", m.studentId());
    }
    if (!plan.hasGroup(m.groupId())) {
      return Texts.noGroup(m.groupId());
    }
    if (seat.groupId().equals(m.groupId())) {
      return Rejection.of(Reason.ALREADY_IN_GROUP);
    }
    step.append(seat.groupId(), new Event.StudentLeft(seat.studentId(), m.groupId()), now);
    step.append(m.groupId(), new Event.StudentJoined(seat.studentId(), seat.name()), now);
    seats.put(seat.inGroup(m.groupId()));
    return null;
  }
}
