package dev.breakout.server.store;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where workshops and their groups' logs are kept. A returned future completes only once what was
 * given is committed: the server acknowledges nothing before that.
 */
public interface EventStore {

  Future<Void> createWorkshop(WorkshopPlan plan);

  /** Commits events (each group's next seqs, in order) and new seats together, or nothing. */
  Future<Void> append(String workshopId, List<Logged> events, List<Seat> newSeats);

  /** The ids of every workshop kept, oldest first. */
  Future<List<String>> workshopIds();

  /** One workshop with its seats and its whole log, for a restart or a take-over; null if gone. */
  Future<StoredWorkshop> load(String workshopId);

  /** Removes a workshop and everything in it, students' names included, for good. */
  Future<Void> deleteWorkshop(String workshopId);

  Future<Void> close();

  /** One workshop as kept: its plan, its seats, and every group's events in seq order. */
  record StoredWorkshop(WorkshopPlan plan, List<Seat> seats, List<Logged> events) {
    public StoredWorkshop {
      seats = List.copyOf(seats);
      events = List.copyOf(events);
    }
  }
}
