package dev.breakout.server.room;

import dev.breakout.content.Exercise.PhaseKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The rules of the presentation phase and of its handover from the discussion (decision 010): the
 * order of the groups, who is in the spotlight and for how long, waiting for groups still writing
 * in their extra time, and moving on to the next presenter. After the last slot the phase clock
 * ({@link ClockRules}) enters the next phase. Slot lengths and deadlines come from the {@link Schedule}.
 */
final class PresentationRules {
  private final WorkshopPlan plan;
  private final Rooms rooms;
  private final Schedule schedule;
  private final ClockRules clockRules;

  PresentationRules(WorkshopPlan plan, Rooms rooms, Schedule schedule, ClockRules clockRules) {
    this.plan = plan;
    this.rooms = rooms;
    this.schedule = schedule;
    this.clockRules = clockRules;
  }

  // ---------------------------------------------------------------- the instructor's commands

  Rejection spotlight(String groupId, long now, Step step) {
    if (!plan.hasGroup(groupId)) {
      return Texts.noGroup(groupId);
    }
    ClockState clock = step.clock();
    if (clock.phaseIndex() == -1) {
      return Rejection.of(Reason.NOT_STARTED);
    }
    if (clock.stage() != null && clock.slot() == null && clock.running()) {
      // Calling a group before the presentations started starts them, with that group first: the
      // instructor chose who presents (also over a wait for writing groups).
      List<String> order = new ArrayList<>(clock.order());
      order.remove(groupId);
      order.add(0, groupId);
      if (clock.paused()) {
        clock = schedule.resumed(clock, now);
      }
      clock = clock.withOrder(order)
          .with(clock.phase(), clock.phaseIndex(), clock.kind(), now, now + schedule.phaseMs(clock))
          .withStage(ClockState.Stage.PRESENTING, 0);
      step.setClock(clock.withSlot(schedule.slotFrom(clock, 0, now)));
      warnIfShort(step);
      step.appendAll(new Event.PresentationStarted(step.clock()), now);
      appendSpotlight(groupId, now, step);
      return null;
    }
    if (clock.slot() != null) {
      List<String> order = new ArrayList<>(clock.order());
      int index = order.indexOf(groupId);
      if (index < 0) {
        // A group that was not in the queue presents next, right now.
        index = clock.slot().index() + 1;
        order.add(index, groupId);
        clock = clock.withOrder(order);
      }
      clock = clock.withSlot(schedule.slotFrom(clock, index, clock.paused() ? clock.pausedAt() : now));
      if (clock.inStage(ClockState.Stage.WAITING)) {
        // The instructor chose who presents: the wait for the writing groups is over.
        clock = clock.withStage(ClockState.Stage.PRESENTING, 0);
      }
      step.setClock(clock);
      warnIfShort(step);
    }
    appendSpotlight(groupId, now, step);
    return null;
  }

  Rejection order(List<String> groupIds, long now, Step step) {
    if (groupIds.isEmpty()) {
      return Rejection.of(Reason.ORDER_EMPTY);
    }
    if (new HashSet<>(groupIds).size() != groupIds.size()) {
      return Rejection.of(Reason.ORDER_DUPLICATE);
    }
    for (String g : groupIds) {
      if (!plan.hasGroup(g)) {
        return Texts.noGroup(g);
      }
    }
    ClockState clock = step.clock();
    String current = clock.slot() == null ? null : clock.slot().groupId();
    clock = clock.withOrder(groupIds);
    if (clock.slot() != null) {
      int index = Math.max(0, groupIds.indexOf(current));
      clock = clock.withSlot(schedule.slotFrom(clock, index, clock.paused() ? clock.pausedAt() : now));
      step.setClock(clock);
      warnIfShort(step);
    }
    boolean moved = clock.slot() != null && !clock.slot().groupId().equals(current);
    if (moved && clock.inStage(ClockState.Stage.WAITING)) {
      // A new order put another group in the spotlight: it presents, the wait is over.
      clock = clock.withStage(ClockState.Stage.PRESENTING, 0);
    }
    step.setClock(clock);
    step.appendAll(new Event.PresentationOrdered(groupIds, clock), now);
    if (moved) {
      appendSpotlight(clock.slot().groupId(), now, step);
    }
    return null;
  }

  /**
   * The presenting group is done: from the instructor, or from a student of the presenting group
   * ({@code seat}, null when the workshop does not seat the actor) when the workshop lets it advance.
   */
  Rejection nextPresenter(Actor actor, Seat seat, Command.NextPresenter next, long now, Step step) {
    ClockState clock = step.clock();
    String from = next.from();
    if (actor instanceof Actor.Student) {
      if (!plan.handover().presenterAdvances() || seat == null) {
        return Rejection.of(Reason.INSTRUCTOR_ADVANCES);
      }
      if (clock.slot() == null || !seat.groupId().equals(clock.slot().groupId())) {
        return Rejection.of(Reason.PRESENTING_GROUP_ONLY);
      }
      from = seat.groupId();
    }
    if (!clock.presenting()) {
      return Rejection.of(Reason.NOBODY_PRESENTING);
    }
    if (from != null && !from.equals(clock.slot().groupId())) {
      return Rejection.of(Reason.ALREADY_PRESENTED);
    }
    if (clock.paused()) {
      step.setClock(schedule.resumed(clock, now));
    }
    advance(now, now, step);
    return null;
  }

  // ---------------------------------------------------------------- the handover

  /**
   * Starts the presentations as of {@code start}: groups still writing move behind the groups that
   * are done, and when none is done (or, if the workshop waits for them, while any writes) the
   * presentations wait for them instead.
   */
  void startPresentations(long start, long now, Step step, boolean announcePhase) {
    List<String> done = new ArrayList<>();
    List<String> stillWriting = new ArrayList<>();
    step.clock().order().forEach(g -> (writing(step, g, start) ? stillWriting : done).add(g));
    boolean hold = plan.handover().waitForWriting() ? !stillWriting.isEmpty() : done.isEmpty();
    if (!hold || !plan.handover().waitForWriting()) {
      // Waiting for everyone keeps the order as it was; otherwise the writing groups go last.
      List<String> order = new ArrayList<>(done);
      stillWriting.stream().sorted((a, b) -> Long.compare(doneWritingAt(step, a), doneWritingAt(step, b)))
          .forEach(order::add);
      step.setClock(step.clock().withOrder(order));
    }
    if (hold) {
      long until = plan.handover().waitForWriting()
          ? stillWriting.stream().mapToLong(g -> doneWritingAt(step, g)).max().orElse(start)
          : doneWritingAt(step, step.clock().order().get(0));
      step.setClock(step.clock().withEndsAt(0, null).withStage(ClockState.Stage.WAITING, until));
      if (announcePhase) {
        step.appendAll(new Event.PhaseChanged(step.clock()), now);
      }
      step.appendAll(new Event.PresentationWaiting(stillWriting, step.clock()), now);
      return;
    }
    ClockState clock = step.clock();
    clock = clock.with(clock.phase(), clock.phaseIndex(), clock.kind(), start, start + schedule.phaseMs(clock))
        .withStage(ClockState.Stage.PRESENTING, 0);
    step.setClock(clock.withSlot(schedule.slotFrom(clock, 0, start)));
    warnIfShort(step);
    step.appendAll(announcePhase ? new Event.PhaseChanged(step.clock()) : new Event.PresentationStarted(step.clock()),
        now);
    appendSpotlight(step.clock().slot().groupId(), now, step);
  }

  /**
   * The next group presents from {@code start}: the first one after the current slot that is done
   * writing, moved up before any still writing; if only writing groups are left, the presentations
   * wait for the first of them. After the last slot the phase ends.
   */
  void advance(long start, long now, Step step) {
    ClockState clock = step.clock();
    int next = clock.slot() == null ? 0 : clock.slot().index() + 1;
    List<String> order = new ArrayList<>(clock.order());
    if (next >= order.size()) {
      clockRules.enterPhase(clock.phaseIndex() + 1, start, now, step);
      return;
    }
    int pick = -1;
    for (int i = next; i < order.size(); i++) {
      if (!writing(step, order.get(i), start)) {
        pick = i;
        break;
      }
    }
    if (pick < 0) {
      List<String> left = order.subList(next, order.size());
      long until = left.stream().mapToLong(g -> doneWritingAt(step, g)).min().orElse(start);
      step.setClock(clock.withStage(ClockState.Stage.WAITING, until));
      step.appendAll(new Event.PresentationWaiting(left, step.clock()), now);
      return;
    }
    if (pick != next) {
      order.add(next, order.remove(pick));
      clock = clock.withOrder(order);
    }
    clock = clock.withStage(ClockState.Stage.PRESENTING, 0);
    step.setClock(clock.withSlot(schedule.slotFrom(clock, next, start)));
    warnIfShort(step);
    appendSpotlight(step.clock().slot().groupId(), now, step);
  }

  /** A group's time changed during a wait: the wait ends when the groups it waits for are done now. */
  void refreshWait(long at, long now, Step step) {
    ClockState clock = step.clock();
    if (!clock.inStage(ClockState.Stage.WAITING)) {
      return;
    }
    int next = clock.slot() == null ? 0 : clock.slot().index() + 1;
    List<String> left = clock.order().subList(next, clock.order().size());
    List<String> stillWriting = left.stream().filter(g -> writing(step, g, at)).toList();
    boolean waitForAll = clock.slot() == null && plan.handover().waitForWriting();
    long until = stillWriting.isEmpty() ? at
        : waitForAll ? stillWriting.stream().mapToLong(g -> doneWritingAt(step, g)).max().orElse(at)
        : stillWriting.stream().mapToLong(g -> doneWritingAt(step, g)).min().orElse(at);
    if (!waitForAll && stillWriting.size() < left.size()) {
      until = at;
    }
    if (until != clock.stageEndsAt()) {
      step.setClock(clock.withStage(ClockState.Stage.WAITING, until));
      step.appendAll(new Event.PresentationWaiting(stillWriting, step.clock()), now);
    }
  }

  // ---------------------------------------------------------------- warnings

  /** Warns the instructor when the slot under way (timed slots only) is too short to present in. */
  void warnIfShort(Step step) {
    ClockState clock = step.clock();
    if (clock.slot() != null && plan.handover().timedSlots()) {
      warnIfShort(clock.slot().lengthMs(), step);
    }
  }

  /**
   * Warns at the start, while there is still time to act, when the presentation phase will give
   * each group less than {@link Texts#SHORT_SLOT_MS}: the clock moves into it by itself, with no
   * operation whose ack could carry the warning then.
   */
  void warnIfPresentationSlotsShort(Step step) {
    ClockState clock = step.clock();
    int slots = clock.order().isEmpty() ? rooms.defaultOrder().size() : clock.order().size();
    plan.phases().stream().filter(p -> p.kind() == PhaseKind.PRESENTATION)
        .findFirst().ifPresent(p -> warnIfShort(p.durationMs() / Math.max(1, slots), step));
  }

  private static void warnIfShort(long slotMs, Step step) {
    String warning = Texts.shortSlotWarning(slotMs);
    if (warning != null) {
      step.warn(warning);
    }
  }

  // ---------------------------------------------------------------- helpers

  private void appendSpotlight(String groupId, long now, Step step) {
    step.appendAll(new Event.SpotlightChanged(groupId, plan.groupName(groupId), rooms.get(groupId).board(),
        step.clock()), now);
  }

  private long doneWritingAt(Step step, String groupId) {
    return schedule.doneWritingAt(step.clock(), rooms.get(groupId).extraMs());
  }

  private boolean writing(Step step, String groupId, long at) {
    return at < doneWritingAt(step, groupId);
  }
}
