package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.cluster.NoQuorumException;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.protocol.Operations;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import dev.breakout.server.room.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission of sockets and their operations (docs/decisions/016-one-connection-path.md): a
 * client's checked hello is attached to its room, and each of its operations passes the rate and
 * seat limits and reaches the copy it attached to. {@link #open} may be called on any context and
 * completes on the caller's; the rest runs on the workshop's context (decision 002), where a
 * connection to a copy replaced on another loop is told to reconnect.
 */
final class Admission {
  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
  private final Workshops workshops;
  private final LoadedWorkshops loaded;
  private final Placement placement;
  private final Clock clock;
  private final LiveMetrics metrics;
  private final double opsPerSecond;
  private final int opsBurst;

  Admission(Workshops workshops, LoadedWorkshops loaded, Placement placement, Clock clock, LiveMetrics metrics,
      double opsPerSecond, int opsBurst) {
    this.workshops = workshops;
    this.loaded = loaded;
    this.placement = placement;
    this.clock = clock;
    this.metrics = metrics;
    this.opsPerSecond = opsPerSecond;
    this.opsBurst = opsBurst;
  }

  /** See {@link Workshops#open}. */
  Future<Opened> open(Wire wire, Hello hello) {
    String workshopId = hello.workshopId();
    return workshops.ensureOwned(workshopId).transform(owner -> {
      if (owner.failed() && owner.cause() instanceof NoQuorumException) {
        return refused(Close.CUT_OFF);
      }
      if (owner.failed()) {
        // The store could not load the room (a database restart, say): not the client's fault, so
        // not 1008; the client tries again.
        LOG.warn("workshop {} could not be loaded for a client: {}", workshopId, owner.cause().getMessage());
        return refused(Close.ROOM_UNAVAILABLE);
      }
      if (owner.result().isEmpty()) {
        return refused(Close.UNKNOWN_SEAT);
      }
      if (!owner.result().get().equals(placement.self())) {
        return Future.succeededFuture(new Opened.Elsewhere(owner.result().get()));
      }
      LiveWorkshop live = loaded.get(workshopId);
      if (live == null) {
        // Unloaded between the owner's answer and now: the client comes back and loads it.
        return refused(Close.OWNER_MOVED);
      }
      return Workshops.on(live.context(), () -> Future.succeededFuture(attach(wire, hello)));
    });
  }

  private static Future<Opened> refused(Close close) {
    return Future.succeededFuture(new Opened.Refused(close));
  }

  /**
   * On the workshop's context: binds the socket to its room; refused when its seat no longer
   * exists, or with 1012 (reconnect) when the copy stopped or another took its place meanwhile.
   */
  private Opened attach(Wire wire, Hello hello) {
    Principal principal = hello.principal();
    String workshopId = hello.workshopId();
    LiveWorkshop live = loaded.here(workshopId);
    if (live == null && loaded.containsId(workshopId) || live != null && live.stopped()) {
      return new Opened.Refused(Close.OWNER_MOVED);
    }
    if (live != null && principal instanceof Principal.Student s
        && !live.seatLimits().mayConnect(s.id(), clock.millis())) {
      return new Opened.Refused(Close.RECONNECTING_TOO_OFTEN);
    }
    String groupId = null;
    if (principal instanceof Principal.Student s) {
      Optional<Seat> seat = live == null ? Optional.empty() : live.workshop().seat(s.id());
      if (seat.isEmpty()) {
        return new Opened.Refused(Close.UNKNOWN_SEAT);
      }
      groupId = seat.get().groupId();
    } else if (live == null) {
      return new Opened.Refused(Close.UNKNOWN_SEAT);
    }
    Connection c = new Connection(wire, principal, workshopId, groupId,
        new RateLimiter(opsPerSecond, opsBurst, clock.millis()));
    live.attach(c, hello.lastSeq());
    metrics.connected(c.isInstructor());
    if (principal instanceof Principal.Student) {
      live.seatLimits().attached(c);
    }
    if (wire.isClosed()) {
      // The client left while its hello was being checked.
      disconnect(c);
      return new Opened.Refused(Close.UNKNOWN_SEAT);
    }
    return new Opened.Here(new ClientSession(wire, workshops, c, live.context()));
  }

  /** On the workshop's context. */
  void operate(Connection c, Operations.Parsed op) {
    if (!placement.hasQuorum()) {
      // Cut off: not one more change, even in the moment before the rooms are given up.
      c.send(ServerMessages.error(op.opId(), Rejection.of(Reason.CUT_OFF)));
      return;
    }
    LiveWorkshop live = loaded.get(c.workshopId());
    if (live == null) {
      c.close(Close.DELETED);
      return;
    }
    if (live.context() != Vertx.currentContext()) {
      // The copy this client attached to was replaced by one on another loop.
      c.close(Close.OWNER_MOVED);
      return;
    }
    live.operate(c, op);
  }

  /**
   * Whether the connection may send another operation now: its own rate limit, and for a
   * student the seat's and the workshop's (see {@link SeatLimits}).
   */
  boolean allow(Connection c) {
    long now = clock.millis();
    if (!c.rate().tryTake(now)) {
      return false;
    }
    LiveWorkshop live = loaded.here(c.workshopId());
    if (live != null && c.principal() instanceof Principal.Student s && !live.seatLimits().allowStudent(s.id(), now)) {
      c.rate().giveBack();
      return false;
    }
    return true;
  }

  /** On the context the connection was attached on. */
  void disconnect(Connection c) {
    metrics.disconnected(c.isInstructor());
    LiveWorkshop live = loaded.here(c.workshopId());
    if (live == null) {
      return;
    }
    if (c.principal() instanceof Principal.Student) {
      live.seatLimits().detached(c);
    }
    live.detach(c);
  }
}
