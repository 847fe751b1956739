package dev.breakout.server.live;

import dev.breakout.server.protocol.Close;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One workshop's limits beyond a single connection, so that opening more sockets buys nothing:
 *
 * <ul>
 *   <li>operations per seat: every socket of one student draws from the seat's one bucket (the
 *       same rate and burst as a connection's), so ten sockets send no faster than one;
 *   <li>operations per workshop: students together at most {@link #WORKSHOP_FACTOR} times one
 *       seat's rate (by default 2,000 a second: a full workshop of 200 groups of 5 writing at a
 *       brisk 1 to 2 operations a second each fits, as the load test's shape does), so that one
 *       workshop cannot take a whole node; the instructor's operations do not count here, so a
 *       flood of students never locks the instructor out;
 *   <li>sockets per seat: at most {@link #MAX_SOCKETS_PER_SEAT} open at once (phone, laptop, a
 *       few tabs); a further one replaces the oldest, which is closed with {@link #REPLACED}
 *       (the oldest is the likeliest to be a phone's dead socket);
 *   <li>connections per seat: at most {@link #CONNECT_BURST} in a burst, then one every
 *       {@link #CONNECT_EVERY_MS} ms; more are closed with 1013 (try again later), because every
 *       welcome sends the group's snapshot.
 * </ul>
 *
 * Runs on the workshop's context like the room; time is passed in.
 */
final class SeatLimits {
  static final int MAX_SOCKETS_PER_SEAT = 4;
  static final int WORKSHOP_FACTOR = 100;
  static final int CONNECT_BURST = 20;
  static final long CONNECT_EVERY_MS = 3_000;

  private final double opsPerSecond;
  private final int opsBurst;
  private final RateLimiter workshop;
  private final Map<String, RateLimiter> seatOps = new HashMap<>();
  private final Map<String, RateLimiter> seatConnects = new HashMap<>();
  private final Map<String, Deque<Connection>> sockets = new HashMap<>();

  SeatLimits(double opsPerSecond, int opsBurst, long now) {
    this.opsPerSecond = opsPerSecond;
    this.opsBurst = opsBurst;
    this.workshop = new RateLimiter(opsPerSecond * WORKSHOP_FACTOR, opsBurst * WORKSHOP_FACTOR, now);
  }

  /** Whether a student may open one more connection now. */
  boolean mayConnect(String studentId, long now) {
    return seatConnects.computeIfAbsent(studentId,
        id -> new RateLimiter(1000.0 / CONNECT_EVERY_MS, CONNECT_BURST, now)).tryTake(now);
  }

  /** Counts a student's new socket; closes the seat's oldest when there are too many. */
  void attached(Connection c) {
    Deque<Connection> open = sockets.computeIfAbsent(c.principal().id(), id -> new ArrayDeque<>());
    open.addLast(c);
    while (open.size() > MAX_SOCKETS_PER_SEAT) {
      open.removeFirst().close(Close.REPLACED);
    }
  }

  void detached(Connection c) {
    Deque<Connection> open = sockets.get(c.principal().id());
    if (open != null) {
      open.remove(c);
      if (open.isEmpty()) {
        sockets.remove(c.principal().id());
      }
    }
  }

  int socketsOf(String studentId) {
    Deque<Connection> open = sockets.get(studentId);
    return open == null ? 0 : open.size();
  }

  /** Whether a student's operation may go ahead: the seat's bucket, then the workshop's. */
  boolean allowStudent(String studentId, long now) {
    RateLimiter seat = seatOps.computeIfAbsent(studentId, id -> new RateLimiter(opsPerSecond, opsBurst, now));
    if (!seat.tryTake(now)) {
      return false;
    }
    if (!workshop.tryTake(now)) {
      seat.giveBack();
      return false;
    }
    return true;
  }
}
