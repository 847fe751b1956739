package dev.breakout.server.room;

import java.util.ArrayList;
import java.util.List;

/**
 * What one operation, join or tick produces, handed explicitly through the rules that produce it:
 * the events written (each applied to its room as it is written, so that a later rule of the same
 * step sees it and takes the next seq), the clock as it moves, and warnings for the instructor. The
 * workshop keeps the clock of a step that was accepted and drops that of one that was refused (every
 * rule refuses before it writes anything).
 */
final class Step {
  private final Rooms rooms;
  private final String by;
  private final String opId;
  private ClockState clock;
  private final List<Logged> events = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param by   who caused the events ({@code system} for the clock)
   * @param opId the operation that caused them, null for a join or the clock
   */
  Step(Rooms rooms, ClockState clock, String by, String opId) {
    this.rooms = rooms;
    this.clock = clock;
    this.by = by;
    this.opId = opId;
  }

  ClockState clock() {
    return clock;
  }

  void setClock(ClockState clock) {
    this.clock = clock;
  }

  /** Writes one event into one group's log at {@code at}. */
  void append(String groupId, Event event, long at) {
    GroupRoom room = rooms.get(groupId);
    Logged logged = new Logged(groupId, room.nextSeq(), at, by, opId, event);
    room.apply(logged);
    events.add(logged);
  }

  /** Writes a workshop-wide event into every group's log. */
  void appendAll(Event.WorkshopWide event, long at) {
    for (String groupId : rooms.ids()) {
      append(groupId, event, at);
    }
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  List<Logged> events() {
    return events;
  }

  List<String> warnings() {
    return warnings;
  }
}
