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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workshop being served: the pure {@link Workshop} plus what it needs to live on a server, i.e.
 * commits in order, fan-out to exactly the sockets that may see each event, and a timer for the
 * clock's next deadline. Confined to one event-loop context, {@link #context()}, given when it is
 * loaded and kept until it is unloaded: every call into it runs there, so its commits, acks and
 * fan-out keep one order without locks (docs/decisions/002-one-event-loop-per-node.md).
 */
final class LiveWorkshop {
  private static final Logger LOG = LoggerFactory.getLogger(LiveWorkshop.class);

  private final Vertx vertx;
  private final Context context;
  private final Clock clock;
  private final EventStore store;
  private final Workshop workshop;
  /**
   * The newest committed events, per group, in seq order: what a reconnect is replayed from. An
   * older lastSeq gets a snapshot instead; the store keeps the whole log (decision 012). Kept as
   * the encoded messages they were sent as, one object per event (docs/decisions/014).
   */
  private final Map<String, ArrayDeque<Frame>> log = new HashMap<>();
  private final int historyEvents;
  /**
   * When this workshop was last asked for, for unloading idle ones (System.nanoTime). Volatile:
   * the registry's context touches it and reads it.
   */
  private volatile long lastUsedNanos = System.nanoTime();
  private final Set<Connection> instructors = new LinkedHashSet<>();
  private final Map<String, Set<Connection>> members = new HashMap<>();
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
    this.historyEvents = historyEvents;
    this.onBroken = onBroken;
    this.metrics = metrics;
    this.vertx = vertx;
    this.clock = clock;
    this.store = store;
    this.workshop = workshop;
    workshop.plan().groups().forEach(g -> {
      log.put(g.id(), new ArrayDeque<>());
      members.put(g.id(), new LinkedHashSet<>());
    });
    // Only the newest events of each group are kept, so only they are encoded (a long workshop
    // loaded from the store may bring thousands per group).
    Map<String, Integer> remaining = new HashMap<>();
    committed.forEach(l -> remaining.merge(l.groupId(), 1, Integer::sum));
    long now = clock.millis();
    for (Logged l : committed) {
      if (remaining.merge(l.groupId(), -1, Integer::sum) < historyEvents) {
        keep(l.groupId(), Frame.event(l.seq(), ServerMessages.event(l, now).encode()));
      }
    }
    this.synthesis = syntheses.follow(workshop.plan(), committed, this::synthesisChanged);
  }

  private void keep(String groupId, Frame event) {
    ArrayDeque<Frame> events = log.get(groupId);
    events.addLast(event);
    if (events.size() > historyEvents) {
      events.removeFirst();
    }
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
    return instructors.isEmpty() && members.values().stream().allMatch(Set::isEmpty) && tail.isComplete()
        && workshop.nextDeadline() == Long.MAX_VALUE;
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
      instructors.add(c);
      List<GroupView> snapshots = new ArrayList<>();
      for (String groupId : log.keySet().stream().sorted(this::byPlanOrder).toList()) {
        long from = seqOf(lastSeq, groupId);
        if (!addReplay(groupId, from, replay)) {
          snapshots.add(workshop.group(groupId));
        }
      }
      welcome = ServerMessages.instructorWelcome(workshop.plan(), now, snapshots, workshop.seats(),
          workshop.clock(), onlineByGroup());
    } else {
      String groupId = c.groupId();
      members.get(groupId).add(c);
      // A seq counts in one group's log: after a move it says nothing about the new group.
      boolean sameGroup = lastSeq == null || lastSeq.getString("groupId") == null
          || groupId.equals(lastSeq.getString("groupId"));
      long from = sameGroup ? seqOf(lastSeq, "seq") : 0;
      welcome = ServerMessages.studentWelcome(workshop.plan(), now, c.principal().id(), groupId,
          addReplay(groupId, from, replay) ? null : workshop.group(groupId));
    }
    c.send(welcome);
    // As they were first sent: the same bytes, shared with the history (a running clock's
    // remainingMs is as of then; clients render endsAt against serverTime).
    replay.forEach(c::send);
    // An instructor's presence is in the welcome (one message, not one per group); a student's
    // arrival is news to its group and the instructors, and the student gets the same message.
    if (!c.isInstructor()) {
      sendPresence(c.groupId());
    }
  }

  private static long seqOf(JsonObject lastSeq, String key) {
    return lastSeq != null && lastSeq.getValue(key) instanceof Number n ? n.longValue() : 0;
  }

  private int byPlanOrder(String a, String b) {
    List<String> order = workshop.plan().groups().stream().map(g -> g.id()).toList();
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }

  /**
   * Adds the events after {@code from} when they can be replayed; false when the client needs a
   * snapshot instead (it asked for everything, or claims a seq this log does not have).
   */
  private boolean addReplay(String groupId, long from, List<Frame> into) {
    ArrayDeque<Frame> events = log.get(groupId);
    long last = events.isEmpty() ? 0 : events.peekLast().seq();
    // The events after `from` must all still be here: the first kept one at most from + 1.
    if (from <= 0 || from > last || events.peekFirst().seq() > from + 1) {
      return false;
    }
    for (Frame l : events) {
      if (l.seq() > from) {
        into.add(l);
      }
    }
    return true;
  }

  void detach(Connection c) {
    if (c.isInstructor()) {
      instructors.remove(c);
    } else if (members.get(c.groupId()).remove(c)) {
      sendPresence(c.groupId());
    }
  }

  private List<String> online(String groupId) {
    Set<String> online = new LinkedHashSet<>();
    members.get(groupId).forEach(m -> online.add(m.principal().id()));
    return new ArrayList<>(online);
  }

  /** Every group's online students, in plan order, for an instructor's welcome. */
  private Map<String, List<String>> onlineByGroup() {
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    workshop.plan().groups().forEach(g -> byGroup.put(g.id(), online(g.id())));
    return byGroup;
  }

  private void sendPresence(String groupId) {
    Frame frame = Frame.of(ServerMessages.presence(groupId, online(groupId)).encode());
    members.get(groupId).forEach(m -> m.send(frame));
    instructors.forEach(i -> i.send(frame));
  }

  void closeAll(Close close) {
    instructors.forEach(c -> c.close(close));
    members.values().forEach(set -> set.forEach(c -> c.close(close)));
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
    String to = workshop.seat(studentId).orElseThrow().groupId();
    for (Set<Connection> set : members.values()) {
      for (Connection c : List.copyOf(set)) {
        if (c.principal().id().equals(studentId)) {
          String from = c.groupId();
          set.remove(c);
          c.moveTo(to);
          attach(c, null);
          sendPresence(from);
        }
      }
    }
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
    Frame frame = Frame.of(ServerMessages.synthesisChanged(id()).encode());
    instructors.forEach(i -> i.send(frame));
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
      keep(l.groupId(), frame);
      members.get(l.groupId()).forEach(m -> m.send(frame));
      instructors.forEach(i -> i.send(frame));
    }
    metrics.fannedOut(startNanos);
  }

  Map<String, Long> committedSeqs() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    log.forEach((g, l) -> seqs.put(g, l.isEmpty() ? 0L : l.peekLast().seq()));
    return seqs;
  }
}
