package dev.breakout.server.export;

import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import java.util.List;
import java.util.Map;

/** Everything an export shows, taken at one moment (also mid-exercise). */
public record WorkshopRecord(WorkshopPlan plan, ClockState clock, List<GroupView> groups, List<Seat> seats,
    Map<String, List<Logged>> logs, long takenAt) {

  public WorkshopRecord {
    groups = List.copyOf(groups);
    seats = List.copyOf(seats);
    logs = Map.copyOf(logs);
  }

  /**
   * The workshop's history: workshop-wide events stand in every group's log, so the first group's
   * log holds them all; each group's help requests and own extra time come from its own log. In
   * time order; at the same time, workshop-wide first, then groups in order.
   */
  List<Logged> timeline() {
    if (plan.groups().isEmpty()) {
      return List.of();
    }
    List<Logged> all = new java.util.ArrayList<>(logs.getOrDefault(plan.groups().get(0).id(), List.of()).stream()
        .filter(l -> Exports.isTimelineEvent(l.event())).toList());
    plan.groups().forEach(g -> logs.getOrDefault(g.id(), List.of()).stream()
        .filter(l -> Exports.isGroupTimelineEvent(l.event())).forEach(all::add));
    all.sort(java.util.Comparator.comparingLong(Logged::at));
    return all;
  }
}
