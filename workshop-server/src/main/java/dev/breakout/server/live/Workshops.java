package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.cluster.NoQuorumException;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.export.WorkshopRecord;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Logged;
import dev.breakout.server.protocol.Operations;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Limits;
import dev.breakout.server.room.Rejection;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.room.WorkshopPlan;
import dev.breakout.server.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import dev.breakout.server.synthesis.Syntheses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import dev.breakout.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The workshops this server serves, by id and by join code, each on one of the node's event-loop
 * contexts (docs/decisions/002-one-event-loop-per-node.md).
 *
 * <p>Two kinds of context. The registry's own ({@link #home}, the HTTP verticle's) keeps the
 * ownership, loading and unloading: everything that touches {@link Placement}, {@link #loads} or
 * decides what is loaded runs there, so those need no locks either. Each {@link LiveWorkshop}
 * gets one of {@link #loops} when it is loaded (the one holding the fewest workshops) and keeps it
 * until it is unloaded; every call into it runs on that context. The two maps from id and join
 * code are concurrent, changed only on the registry's context and read from any, so that a lookup
 * from a socket's loop costs no hop.
 *
 * <p>Callers: the methods that return a {@link Future} may be called on any context and complete
 * on the caller's; {@link #connect}, {@link #operate}, {@link #allow}, {@link #disconnect} and
 * the lookups for actions ({@link #find}, {@link #join}, {@link #record}, {@link #synthesis},
 * {@link #delete}) run on the workshop's own context ({@link #onContextOf} gets there).
 */
public final class Workshops {
  private static final Logger LOG = LoggerFactory.getLogger(Workshops.class);
  private final Vertx vertx;
  private final Clock clock;
  private final EventStore store;
  private final Limits limits;
  private final double opsPerSecond;
  private final int opsBurst;
  private final Map<String, LiveWorkshop> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByJoinCode = new ConcurrentHashMap<>();
  /** On the registry's context only: loads in progress, shared by everyone who asks meanwhile. */
  private final Map<String, Future<Optional<String>>> loads = new HashMap<>();
  private final Placement placement;
  private final LiveMetrics metrics;
  private final Syntheses syntheses;
  /** The registry's context: ownership, loading, unloading. */
  private final Context home;
  /** The event-loop contexts workshops are spread over, {@link #home} first. */
  private final List<Context> loops;

  private final ServerConfig.Memory memory;
  private long sweeper = -1;
  /** An unload pass of {@link #enforceLimit} is asking workshops in turn; another waits for it. */
  private boolean enforcing;
  private boolean enforceAgain;

  /**
   * Built on the context that becomes the registry's; {@code loops} event-loop contexts (the
   * registry's among them) are made for the workshops.
   */
  public Workshops(Vertx vertx, Clock clock, EventStore store, Placement placement, Syntheses syntheses,
      Limits limits, double opsPerSecond, int opsBurst, MeterRegistry meters, ServerConfig.Memory memory,
      int loops) {
    this.memory = memory;
    this.metrics = new LiveMetrics(meters);
    this.vertx = vertx;
    this.syntheses = syntheses;
    this.placement = placement;
    this.clock = clock;
    this.store = store;
    this.limits = limits;
    this.opsPerSecond = opsPerSecond;
    this.opsBurst = opsBurst;
    this.home = vertx.getOrCreateContext();
    this.loops = EventLoops.contexts(vertx, home, loops);
  }

  public Clock clock() {
    return clock;
  }

  /** The event-loop contexts the workshops are spread over, the registry's first. */
  public List<Context> loops() {
    return loops;
  }

  /**
   * Starts unloading idle workshops. Nothing is loaded at start: a workshop is loaded when someone
   * asks for it ({@link #ensureOwned}), and its clock then catches up with the time that passed,
   * so a node's memory holds what is in use, not everything ever stored (decision 012). In a
   * cluster this also means that a node started without a majority claims nothing: claims are made
   * on demand, once a majority is up. Called on the registry's context.
   */
  public Future<Void> restore() {
    long every = Math.max(1_000, Math.min(60_000, memory.idleUnload().toMillis() / 4));
    sweeper = vertx.setPeriodic(every, id -> unloadIdle());
    return Future.succeededFuture();
  }

  /**
   * Runs {@code work} on {@code target} and completes on the caller's context (at once when they
   * are the same). The contexts' task queues keep the order of what one context hands another.
   */
  public static <T> Future<T> on(Context target, Supplier<Future<T>> work) {
    Context caller = Vertx.currentContext();
    if (caller == target) {
      return work.get();
    }
    Promise<T> done = Promise.promise();
    target.runOnContext(v -> {
      Future<T> result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(r -> {
        if (caller == null) {
          done.handle(r);
        } else {
          caller.runOnContext(x -> done.handle(r));
        }
      });
    });
    return done.future();
  }

  private <T> Future<T> atHome(Supplier<Future<T>> work) {
    return on(home, work);
  }

  /**
   * Runs {@code work} on the context of the workshop with this id (or else this join code), where
   * it may call {@link #find}, {@link #join}, {@link #record}, {@link #synthesis} and
   * {@link #delete}; where it is called when the workshop is not loaded (they then find nothing).
   */
  public <T> Future<T> onContextOf(String workshopId, String joinCode, Supplier<Future<T>> work) {
    LiveWorkshop live = lookup(workshopId, joinCode);
    if (live == null || live.context() == Vertx.currentContext()) {
      return work.get();
    }
    // Another copy may have taken its place on the way (unloaded and loaded again): follow it.
    return on(live.context(), () -> lookup(workshopId, joinCode) == live ? work.get()
        : onContextOf(workshopId, joinCode, work));
  }

  private LiveWorkshop lookup(String workshopId, String joinCode) {
    String id = workshopId != null ? workshopId : joinCode == null ? null : idByJoinCode.get(joinCode);
    return id == null ? null : byId.get(id);
  }

  /**
   * The copy of this workshop that lives on the current context; null when it is not loaded, or
   * when another copy took its place on another context (a caller holding an old copy's
   * connection then tells its client to reconnect).
   */
  private LiveWorkshop here(String workshopId) {
    LiveWorkshop live = byId.get(workshopId);
    return live != null && live.context() == Vertx.currentContext() ? live : null;
  }

  /** Unloads every workshop idle for longer than the configured time. On the registry's context. */
  void unloadIdle() {
    long idleNanos = memory.idleUnload().toNanos();
    for (LiveWorkshop live : List.copyOf(byId.values())) {
      if (System.nanoTime() - live.lastUsedNanos() >= idleNanos && !loads.containsKey(live.id())) {
        leaveIfIdle(live, idleNanos);
      }
    }
  }

  /** Asks the workshop, on its context, whether it may leave; when it stopped, forgets it here. */
  private Future<Boolean> leaveIfIdle(LiveWorkshop live, long idleNanos) {
    return on(live.context(), () -> Future.succeededFuture(live.leaveIfIdle(idleNanos))).onSuccess(left -> {
      if (left) {
        unload(live);
      }
    });
  }

  /**
   * Above the limit, unloads the least recently used idle workshops: each is asked in turn on its
   * own context (only there is it known to be idle), until the limit is met or none is left to ask.
   */
  private void enforceLimit() {
    if (byId.size() <= memory.maxLoaded()) {
      return;
    }
    if (enforcing) {
      enforceAgain = true;
      return;
    }
    enforcing = true;
    enforceAgain = false;
    List<LiveWorkshop> leastRecentlyUsed = byId.values().stream().filter(l -> !loads.containsKey(l.id()))
        .sorted(java.util.Comparator.comparingLong(LiveWorkshop::lastUsedNanos)).toList();
    enforceFrom(leastRecentlyUsed, 0);
  }

  private void enforceFrom(List<LiveWorkshop> candidates, int next) {
    if (next >= candidates.size() || byId.size() <= memory.maxLoaded()) {
      enforcing = false;
      if (enforceAgain) {
        enforceLimit();
      }
      return;
    }
    LiveWorkshop live = candidates.get(next);
    if (byId.get(live.id()) != live || loads.containsKey(live.id())) {
      enforceFrom(candidates, next + 1);
      return;
    }
    leaveIfIdle(live, -1).onComplete(r -> enforceFrom(candidates, next + 1));
  }

  /**
   * Forgets a workshop nobody uses, stopped on its context: its ownership and join code go too (a
   * cluster's shared maps must not grow with every workshop ever served); the store answers for it
   * until it is loaded again, on this node or another, on whichever of its loops.
   */
  private void unload(LiveWorkshop live) {
    String id = live.id();
    String code = live.workshop().plan().joinCode();
    if (!byId.remove(id, live)) {
      return;
    }
    idByJoinCode.remove(code, id);
    metrics.loadedNow(byId.size());
    metrics.unloaded();
    placement.release(id, code).onFailure(err -> LOG.warn("workshop {}: could not give up its ownership", id, err));
    LOG.info("workshop {}: unloaded after being idle; {} loaded", id, byId.size());
  }

  /** The workshop with this join code, loaded here, on another node, or only in the store. */
  public Future<Optional<String>> idByCode(String code) {
    String local = idByJoinCode.get(code);
    if (local != null) {
      return Future.succeededFuture(Optional.of(local));
    }
    return atHome(() -> placement.workshopByCode(code)
        .compose(id -> id.isPresent() ? Future.succeededFuture(id) : store.workshopIdByCode(code)));
  }

  /**
   * The node that owns the workshop, claiming it for this node when no living node does; a
   * workshop claimed here is loaded from the store first, onto one of the loops. Empty when the
   * store has no such workshop.
   */
  public Future<Optional<String>> ensureOwned(String workshopId) {
    if (!placement.hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    LiveWorkshop here = byId.get(workshopId);
    if (here != null) {
      here.touch();
      return Future.succeededFuture(Optional.of(placement.self()));
    }
    return atHome(() -> claimAndLoad(workshopId));
  }

  /** On the registry's context. */
  private Future<Optional<String>> claimAndLoad(String workshopId) {
    LiveWorkshop here = byId.get(workshopId);
    if (here != null) {
      here.touch();
      return Future.succeededFuture(Optional.of(placement.self()));
    }
    return placement.claim(workshopId).compose(owner -> {
      if (!owner.equals(placement.self())) {
        return Future.succeededFuture(Optional.of(owner));
      }
      Future<Optional<String>> loading = loads.get(workshopId);
      if (loading != null) {
        return loading;
      }
      loading = store.load(workshopId).compose(stored -> {
        if (stored == null) {
          return placement.release(workshopId, "").map(v -> Optional.<String>empty());
        }
        if (!byId.containsKey(workshopId)) {
          Workshop workshop = Workshop.restore(stored.plan(), limits, stored.seats(), stored.events(),
              memory.retryWindow(), Ids.secure());
          register(live(workshop, stored.events()));
          metrics.loaded();
        }
        return placement.register(stored.plan().joinCode(), workshopId).map(v -> Optional.of(placement.self()));
      }).onComplete(r -> loads.remove(workshopId));
      loads.put(workshopId, loading);
      return loading;
    });
  }

  /** A new copy on the loop that holds the fewest workshops (the first of them on a tie). */
  private LiveWorkshop live(Workshop workshop, List<Logged> committed) {
    Map<Context, Integer> held = new HashMap<>();
    byId.values().forEach(l -> held.merge(l.context(), 1, Integer::sum));
    Context context = loops.get(0);
    for (Context c : loops) {
      if (held.getOrDefault(c, 0) < held.getOrDefault(context, 0)) {
        context = c;
      }
    }
    return new LiveWorkshop(vertx, context, clock, store, syntheses, workshop, committed, this::evict, metrics,
        memory.historyEvents(), new SeatLimits(opsPerSecond, opsBurst, clock.millis()));
  }

  /** After a node left: take over the workshops it owned (one survivor wins each). */
  public Future<Void> takeOver(String deadNode) {
    return atHome(() -> {
      if (!placement.hasQuorum()) {
        return Future.succeededFuture();
      }
      return placement.owners().compose(owners -> {
        List<Future<?>> claims = new java.util.ArrayList<>();
        owners.forEach((id, owner) -> {
          if (owner.equals(deadNode)) {
            claims.add(ensureOwned(id).onSuccess(now -> {
              if (now.filter(placement.self()::equals).isPresent()) {
                metrics.tookOver();
              }
            }));
          }
        });
        return Future.join(claims).mapEmpty();
      });
    });
  }

  LiveMetrics metrics() {
    return metrics;
  }

  public Placement placement() {
    return placement;
  }

  public Future<WorkshopPlan> create(WorkshopPlan plan) {
    if (!placement.hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    return atHome(() -> store.createWorkshop(plan)
        .compose(v -> placement.claim(plan.id()))
        .compose(owner -> placement.register(plan.joinCode(), plan.id()))
        .map(v -> {
          register(live(new Workshop(plan, limits, memory.retryWindow(), Ids.secure()), List.of()));
          return plan;
        }));
  }

  /** Forgets a copy that may no longer serve; the next request loads the workshop again. */
  private void evict(LiveWorkshop live) {
    atHome(() -> {
      forget(live);
      return Future.succeededFuture();
    });
  }

  /** On the registry's context: this copy is no longer the workshop's (a newer one stays). */
  private void forget(LiveWorkshop live) {
    if (byId.remove(live.id(), live)) {
      idByJoinCode.remove(live.workshop().plan().joinCode(), live.id());
    }
    metrics.loadedNow(byId.size());
  }

  /** On the registry's context; the copy's timer is armed on its own. */
  private void register(LiveWorkshop live) {
    live.context().runOnContext(v -> live.schedule());
    byId.put(live.id(), live);
    idByJoinCode.put(live.workshop().plan().joinCode(), live.id());
    metrics.loadedNow(byId.size());
    enforceLimit();
  }

  /** The workshop, when loaded here and living on the current context (see {@link #onContextOf}). */
  public Optional<Workshop> find(String id) {
    return Optional.ofNullable(here(id)).map(LiveWorkshop::workshop);
  }

  /** As {@link #find}, by join code. */
  public Optional<Workshop> findByJoinCode(String code) {
    return Optional.ofNullable(idByJoinCode.get(code)).map(this::here).map(LiveWorkshop::workshop);
  }

  /** Whether a workshop with this join code is loaded on this node, on whichever loop. */
  public boolean holdsCode(String code) {
    String id = idByJoinCode.get(code);
    return id != null && byId.containsKey(id);
  }

  /**
   * Everything about a workshop as it stands, for review and export; the logs come from the store,
   * since memory keeps only each group's newest events. Empty when this node does not hold it. On
   * the workshop's context.
   */
  public Future<Optional<WorkshopRecord>> record(String id) {
    LiveWorkshop live = here(id);
    if (live == null) {
      return Future.succeededFuture(Optional.empty());
    }
    // The store answers after every append handed to it before, so the log matches the state
    // taken here, except for appends still in flight: the state is taken when the log arrives.
    return store.history(id).map(events -> {
      Workshop w = live.workshop();
      Map<String, List<Logged>> logs = new LinkedHashMap<>();
      w.plan().groups().forEach(g -> logs.put(g.id(), new java.util.ArrayList<>()));
      events.forEach(l -> logs.get(l.groupId()).add(l));
      return Optional.of(new WorkshopRecord(w.plan(), w.clock(), w.groups(), List.copyOf(w.seats()), logs,
          clock.millis()));
    });
  }

  /** Every workshop kept, loaded or not; the loaded ones as they stand in memory. */
  public Future<List<EventStore.Summary>> summaries() {
    return store.summaries();
  }

  /** The class synthesis of a workshop this node holds, computed off the event loop. On its context. */
  public Optional<Future<JsonObject>> synthesis(String id) {
    return Optional.ofNullable(here(id)).map(LiveWorkshop::synthesis);
  }

  /** Seats a student; fails with a {@link Rejected} the caller maps. On the workshop's context. */
  public Future<Seat> join(String workshopId, String name, String groupId) {
    if (!placement.hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    LiveWorkshop live = here(workshopId);
    if (live == null) {
      return Future.failedFuture(new Rejected(Rejection.of(Reason.SAVE_FAILED)));
    }
    return live.join(name, groupId);
  }

  /** On the workshop's context: its clients are closed there, then the registry forgets it. */
  public Future<Void> delete(String workshopId) {
    LiveWorkshop live = here(workshopId);
    if (live == null) {
      return Future.succeededFuture();
    }
    live.stop();
    live.closeAll(Close.DELETED);
    return atHome(() -> {
      forget(live);
      return store.deleteWorkshop(workshopId)
          .compose(v -> placement.release(workshopId, live.workshop().plan().joinCode()));
    });
  }

  /**
   * The one way in for a client's checked hello: finds the workshop's owner (loading it here when
   * this node claims it) and, when that is this node, attaches the socket to its room on the
   * workshop's context (decision 002). The edge closes the socket when refused, relays it when the
   * room is elsewhere. May be called on any context; completes on the caller's.
   */
  public Future<Opened> open(Wire wire, Hello hello) {
    String workshopId = hello.workshopId();
    return ensureOwned(workshopId).transform(owner -> {
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
      LiveWorkshop live = byId.get(workshopId);
      if (live == null) {
        // Unloaded between the owner's answer and now: the client comes back and loads it.
        return refused(Close.OWNER_MOVED);
      }
      return on(live.context(), () -> Future.succeededFuture(attach(wire, hello)));
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
    LiveWorkshop live = here(workshopId);
    if (live == null && byId.containsKey(workshopId) || live != null && live.stopped()) {
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
    return new Opened.Here(new ClientSession(wire, this, c, live.context()));
  }

  /** The context of a workshop loaded here, where its sockets' messages are handled. */
  public Optional<Context> contextOf(String workshopId) {
    return Optional.ofNullable(byId.get(workshopId)).map(LiveWorkshop::context);
  }

  void operate(Connection c, Operations.Parsed op) {
    if (!placement.hasQuorum()) {
      // Cut off: not one more change, even in the moment before the rooms are given up.
      c.send(ServerMessages.error(op.opId(), Rejection.of(Reason.CUT_OFF)));
      return;
    }
    LiveWorkshop live = byId.get(c.workshopId());
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
    LiveWorkshop live = here(c.workshopId());
    if (live != null && c.principal() instanceof Principal.Student s && !live.seatLimits().allowStudent(s.id(), now)) {
      c.rate().giveBack();
      return false;
    }
    return true;
  }

  /** On the context the connection was attached on. */
  void disconnect(Connection c) {
    metrics.disconnected(c.isInstructor());
    LiveWorkshop live = here(c.workshopId());
    if (live == null) {
      return;
    }
    if (c.principal() instanceof Principal.Student) {
      live.seatLimits().detached(c);
    }
    live.detach(c);
  }

  /**
   * This node lost the cluster's majority (docs/decisions/013-partition-fencing.md): every workshop
   * refuses new operations ({@code unavailable}), finishes the commits it accepted (the store's
   * epoch check refuses them if the majority took the workshop over meanwhile), closes its clients
   * with {@link Close#CUT_OFF} so that they reconnect to the majority, and is forgotten
   * here; the majority takes it over. Its ownership entries are left to the majority's side.
   */
  public Future<Void> cutOff() {
    return atHome(() -> {
      List<Future<Void>> done = new java.util.ArrayList<>();
      for (LiveWorkshop live : List.copyOf(byId.values())) {
        done.add(on(live.context(), () -> live.drain(Close.CUT_OFF)).onComplete(v -> forget(live)));
      }
      return Future.join(done).mapEmpty();
    });
  }

  /**
   * A clean shutdown: every workshop finishes its commits, its clients are told to reconnect,
   * and its ownership is given up so that another node takes it at once.
   */
  public Future<Void> handOver() {
    return atHome(() -> {
      if (sweeper >= 0) {
        vertx.cancelTimer(sweeper);
      }
      List<Future<Void>> done = new java.util.ArrayList<>();
      for (LiveWorkshop live : List.copyOf(byId.values())) {
        done.add(on(live.context(), live::drain).compose(v -> placement.relinquish(live.id())));
      }
      byId.clear();
      idByJoinCode.clear();
      metrics.loadedNow(0);
      return Future.join(done).mapEmpty();
    });
  }
}
