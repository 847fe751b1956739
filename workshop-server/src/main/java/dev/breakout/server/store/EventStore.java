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

  // The reads below serve what memory no longer keeps (docs/decisions/012-bounded-memory.md).

  /**
   * Per group, the seqs the events of an operation took, when {@code actor} applied {@code opId}
   * in this workshop; empty when it never did.
   */
  Future<java.util.Map<String, Long>> appliedOp(String workshopId, String actor, String opId);

  /** Every group's events in commit order, for an export of a workshop whose memory keeps only the newest. */
  Future<List<Logged>> history(String workshopId);

  /** The newest workshop with this join code, loaded or not. */
  Future<java.util.Optional<String>> workshopIdByCode(String joinCode);

  /** Every workshop kept, oldest first, as the instructor's list shows it, without loading them. */
  Future<List<Summary>> summaries();

  /** A workshop in the list: its plan, how many students joined, its clock's phase ({@code lobby}, ..., {@code ended}). */
  record Summary(WorkshopPlan plan, int students, String phase) {}

  /** One workshop as kept: its plan, its seats, and every group's events in seq order. */
  record StoredWorkshop(WorkshopPlan plan, List<Seat> seats, List<Logged> events) {
    public StoredWorkshop {
      seats = List.copyOf(seats);
      events = List.copyOf(events);
    }
  }
}
