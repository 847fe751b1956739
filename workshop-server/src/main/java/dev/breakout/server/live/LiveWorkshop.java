package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.protocol.Operations;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.Actor;
import dev.breakout.server.room.Command;
import dev.breakout.server.room.ErrorCode;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Outcome;
import dev.breakout.server.room.Rejection;
import dev.breakout.server.room.Result;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.store.EventStore;
import dev.breakout.server.store.StaleOwnerException;
import dev.breakout.server.synthesis.LiveSynthesis;
import dev.breakout.server.synthesis.Syntheses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workshop being served: the pure {@link Workshop} plus what it needs to live on a server, i.e.
 * commits in order, fan-out to exactly the sockets that may see each event, and a timer for the
 * clock's next deadline. Confined to one event-loop context, {@link #context()}, given when it is
 * loaded and kept until it is unloaded: every call into it runs there, so its commits, acks and
 * fan-out keep one order without locks (docs/decisions/002-one-event-loop-per-node.md).
 *
 * <p>Owns the commits, the operations, the clock's timer, the class synthesis it follows and the
 * unloading handshake; its parts, on the same context: {@link Audience} (who is connected,
 * presence, fan-out) and {@link RecentEvents} (the history a reconnect is replayed from).
 */
final class LiveWorkshop {
  private static final Logger LOG = LoggerFactory.getLogger(LiveWorkshop.class);

  private final Vertx vertx;
  private final Context context;
  private final Clock clock;
  private final EventStore store;
  private final Workshop workshop;
  /** What a reconnect is replayed from. */
  private final RecentEvents history;
  /**
   * When this workshop was last asked for, for unloading idle ones (System.nanoTime). Volatile:
   * the registry's context touches it and reads it.
   */
  private volatile long lastUsedNanos = System.nanoTime();
  private final Audience audience;
  /** Every commit chains on the one before, so acks and events go out in log order. */
  private Future<Void> tail = Future.succeededFuture();
  private long timerId = -1;
  private long timerDue = Long.MAX_VALUE;
  private boolean broken;
  /** A store check of an old retry is in flight: operations wait in {@link #waiting}, in order. */
  private boolean checking;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private final java.util.function.Consumer<LiveWorkshop> onBroken;
  private final LiveMetrics metrics;
  /** Per seat and per workshop; a copy loaded again starts afresh, as after an unload. */
  private final SeatLimits seatLimits;
  /** The class synthesis, a read model of the committed log. */
  private final LiveSynthesis synthesis;

  /**
   * Built on the registry's context and handed to {@code context}, where it lives from then on.
   * {@code onBroken} runs (on {@code context}) when a commit failed and this copy must no longer serve.
   */
  LiveWorkshop(Vertx vertx, Context context, Clock clock, EventStore store, Syntheses syntheses, Workshop workshop,
      List<Logged> committed, java.util.function.Consumer<LiveWorkshop> onBroken, LiveMetrics metrics,
      int historyEvents, SeatLimits seatLimits) {
    this.context = context;
    this.seatLimits = seatLimits;
    this.onBroken = onBroken;
    this.metrics = metrics;
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.workshop = workshop;
    this.audience = new Audience(workshop.plan());
    this.history = new RecentEvents(workshop.plan(), committed, historyEvents, clock.millis());
    this.synthesis = syntheses.follow(workshop.plan(), committed, this::synthesisChanged);
  }

  /** The event-loop context this copy lives on. */
  Context context() {
    return context;
  }

  SeatLimits seatLimits() {
    return seatLimits;
  }

  /**
   * On this copy's context: stops it and answers true if it may leave memory now, i.e. it is
   * {@link #idle()} and unused for {@code idleNanos} (any time when negative). Decided here, where
   * the connections are attached, so that none attaches to a copy being unloaded: once stopped, it
   * refuses them ({@link #stopped()}).
   */
  boolean leaveIfIdle(long idleNanos) {
    if (broken || !idle() || (idleNanos >= 0 && System.nanoTime() - lastUsedNanos < idleNanos)) {
      return false;
    }
    stop();
    return true;
  }

  /** Whether this copy stopped serving (unloaded, broken, drained): it takes no new connections. */
  boolean stopped() {
    return broken;
  }

  void touch() {
    lastUsedNanos = System.nanoTime();
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  /**
   * Whether this copy may leave memory now: nobody is connected, every commit is done, and no
   * clock deadline is due (a running exercise stays, so its phases change on time).
   */
  boolean idle() {
    return audience.isEmpty() && tail.isComplete() && workshop.nextDeadline() == Long.MAX_VALUE;
  }

  Workshop workshop() {
    return workshop;
  }

  String id() {
    return workshop.plan().id();
  }

  // ------------------------------------------------------------------ joining

  Future<Seat> join(String name, String groupId) {
    if (broken) {
      return Future.failedFuture(new Rejected(unavailable()));
    }
    Result<Workshop.Joined> joined = workshop.join(name, groupId, clock.millis());
    if (!joined.ok()) {
      return Future.failedFuture(new Rejected(joined.rejection()));
    }
    Seat seat = joined.value().seat();
    return commit(joined.value().events(), List.of(seat), System.nanoTime()).map(v -> seat);
  }

  // ------------------------------------------------------------------ connections

  void attach(Connection c, JsonObject lastSeq) {
    long now = clock.millis();
    JsonObject welcome;
    List<Frame> replay = new ArrayList<>();
    if (c.isInstructor()) {
      audience.addInstructor(c);
      List<GroupView> snapshots =
          history.replayForInstructor(lastSeq, replay).stream().map(workshop::group).toList();
      welcome = ServerMessages.instructorWelcome(workshop.plan(), now, snapshots, workshop.seats(),
          workshop.clock(), audience.onlineByGroup());
    } else {
      String groupId = c.groupId();
      audience.addMember(c);
      welcome = ServerMessages.studentWelcome(workshop.plan(), now, c.principal().id(), groupId,
          history.replayForStudent(groupId, lastSeq, replay) ? null : workshop.group(groupId));
    }
    c.send(welcome);
    // As they were first sent: the same bytes, shared with the history (a running clock's
    // remainingMs is as of then; clients render endsAt against serverTime).
    replay.forEach(c::send);
    // An instructor's presence is in the welcome (one message, not one per group); a student's
    // arrival is news to its group and the instructors, and the student gets the same message.
    if (!c.isInstructor()) {
      audience.sendPresence(c.groupId());
    }
  }

  void detach(Connection c) {
    audience.detach(c);
  }

  void closeAll(Close close) {
    audience.closeAll(close);
  }

  // ------------------------------------------------------------------ operations

  void operate(Connection c, Operations.Parsed op) {
    long start = System.nanoTime();
    if (broken) {
      metrics.rejected(op.type(), ErrorCode.UNAVAILABLE);
      reply(c, ServerMessages.error(op.opId(), unavailable()));
      return;
    }
    Actor actor = c.principal() instanceof Principal.Instructor
        ? new Actor.Instructor(c.principal().id())
        : new Actor.Student(c.principal().id());
    if (op.groupId() != null && !c.isInstructor() && !op.groupId().equals(c.groupId())) {
      metrics.rejected(op.type(), ErrorCode.FORBIDDEN);
      reply(c, ServerMessages.error(op.opId(), Rejection.of(Reason.OWN_GROUP_ONLY)));
      return;
    }
    if (checking) {
      waiting.add(() -> operate(c, op));
      return;
    }
    if (workshop.mayHaveApplied(actor.id(), op.opId())) {
      checkStoreThenHandle(c, op, actor, start);
      return;
    }
    handle(c, op, actor, start);
  }

  /**
   * A retry whose ack left the actor's window may have been applied long ago: the store says. The
   * workshop's other operations wait meanwhile, so that nothing overtakes it (a rare path: the
   * window holds each actor's newest acks, and only an opId the filter may hold comes here).
   */
  private void checkStoreThenHandle(Connection c, Operations.Parsed op, Actor actor, long start) {
    checking = true;
    tail.transform(ignored -> store.appliedOp(id(), actor.id(), op.opId())).onComplete(found -> {
      checking = false;
      if (found.failed()) {
        metrics.rejected(op.type(), ErrorCode.UNAVAILABLE);
        c.send(ServerMessages.error(op.opId(), unavailable()));
      } else {
        if (!found.result().isEmpty()) {
          workshop.rememberApplied(actor.id(), op.opId(), found.result());
        }
        if (!broken) {
          handle(c, op, actor, start);
        } else {
          c.send(ServerMessages.error(op.opId(), unavailable()));
        }
      }
      while (!checking && !waiting.isEmpty()) {
        waiting.poll().run();
      }
    });
  }

  private void handle(Connection c, Operations.Parsed op, Actor actor, long start) {
    tickNow();
    Outcome outcome = workshop.handle(actor, op.opId(), op.command(), clock.millis());
    if (outcome instanceof Outcome.Rejected r) {
      metrics.rejected(op.type(), r.rejection().code());
      reply(c, ServerMessages.error(op.opId(), r.rejection()));
    } else if (outcome instanceof Outcome.Duplicate d) {
      metrics.duplicate(op.type());
      reply(c, ServerMessages.ack(d.ack()));
    } else if (outcome instanceof Outcome.Accepted a) {
      commit(a.events(), List.of(), start).onSuccess(v -> {
        c.send(ServerMessages.ack(a.ack()));
        metrics.accepted(op.type(), start);
        if (op.command() instanceof Command.MoveStudent move) {
          follow(move.studentId());
        }
      }).onFailure(err -> {
        metrics.rejected(op.type(), ErrorCode.UNAVAILABLE);
        c.send(ServerMessages.error(op.opId(), unavailable()));
      });
      schedule();
    }
  }

  /** Sends after everything committed before, so a client sees its replies in order. */
  private void reply(Connection c, JsonObject message) {
    tail.onComplete(ignored -> c.send(message));
  }

  /** After a move, the student's sockets follow into the new room and start over from its snapshot. */
  private void follow(String studentId) {
    audience.follow(studentId, workshop.seat(studentId).orElseThrow().groupId(), c -> attach(c, null));
  }

  private static Rejection unavailable() {
    return Rejection.of(Reason.SAVE_FAILED);
  }

  // ------------------------------------------------------------------ the clock

  private void tickNow() {
    List<Logged> due = workshop.tick(clock.millis());
    if (!due.isEmpty()) {
      commit(due, List.of(), System.nanoTime());
    }
  }

  /** Arms one timer for the clock's next deadline; on this copy's context, where the timer fires. */
  void schedule() {
    long due = workshop.nextDeadline();
    if (due == timerDue) {
      return;
    }
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    timerDue = due;
    if (due == Long.MAX_VALUE) {
      return;
    }
    long delay = Math.max(1, due - clock.millis());
    timerId = vertx.setTimer(delay, id -> {
      timerId = -1;
      timerDue = Long.MAX_VALUE;
      if (!broken) {
        tickNow();
        schedule();
      }
    });
  }

  /**
   * For a clean shutdown: refuses new operations, waits until everything accepted is committed,
   * then closes the connections with 1012 so that clients reconnect to wherever the workshop goes.
   */
  Future<Void> drain() {
    return drain(Close.RESTARTING);
  }

  /** As {@link #drain()}, closing the connections with {@code close}. */
  Future<Void> drain(Close close) {
    stop();
    return tail.onComplete(v -> closeAll(close));
  }

  void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    broken = true;
    synthesis.stop();
  }

  // ------------------------------------------------------------------ the class synthesis

  Future<JsonObject> synthesis() {
    return synthesis.current();
  }

  /** Not logged, like presence: dashboards that show the synthesis fetch it again. */
  private void synthesisChanged() {
    audience.toInstructors(Frame.of(ServerMessages.synthesisChanged(id()).encode()));
  }

  // ------------------------------------------------------------------ commit and fan-out

  /** {@code startNanos}: when what made the events arrived, for the fan-out latency. */
  private Future<Void> commit(List<Logged> events, List<Seat> seats, long startNanos) {
    // Handed to the store at once, so that appends from many clients share a transaction (group
    // commit); the store keeps their order. Only the replies wait for the commits before them.
    Future<Void> appended = store.append(id(), events, seats);
    Future<Void> committed = tail.compose(v -> appended);
    tail = committed.recover(err -> Future.succeededFuture());
    return committed.onSuccess(v -> publish(events, startNanos)).onFailure(err -> {
      // The room in memory is now ahead of the store; serving from it could show changes that
      // were never saved. Stop and let the clients reconnect to a copy reloaded from the store.
      if (!broken && err instanceof StaleOwnerException) {
        // Another node took the workshop over (this one was cut off, or thought to be dead): its
        // clients reconnect and reach the new owner. Nothing of this commit was written.
        LOG.warn("workshop {}: {}; handing its clients over", id(), err.getMessage());
        stop();
        closeAll(Close.OWNER_MOVED);
        onBroken.accept(this);
      } else if (!broken) {
        LOG.error("workshop {}: commit of {} events failed; reloading it from the store", id(), events.size(), err);
        stop();
        onBroken.accept(this);
        // After this turn, so that the operations whose commit failed are answered `unavailable`
        // first (their clients resend them after reconnecting), then everyone reconnects.
        context.runOnContext(v -> closeAll(Close.STORAGE_FAILED));
      }
    });
  }

  private void publish(List<Logged> events, long startNanos) {
    long now = clock.millis();
    for (Logged l : events) {
      synthesis.committed(l);
      // Encoded once for every recipient and for later replays (docs/decisions/014-encode-once.md).
      Frame frame = Frame.event(l.seq(), ServerMessages.event(l, now).encode());
      history.keep(l.groupId(), frame);
      audience.toGroup(l.groupId(), frame);
    }
    metrics.fannedOut(startNanos);
  }

  Map<String, Long> committedSeqs() {
    return history.committedSeqs();
  }
}
