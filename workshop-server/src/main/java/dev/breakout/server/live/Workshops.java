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
import io.vertx.core.Future;
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

/**
 * The workshops this server serves, by id and by join code. Everything here runs on the one
 * event-loop context of the HTTP verticle, so the rooms need no locks.
 */
public final class Workshops {
  private static final Logger LOG = LoggerFactory.getLogger(Workshops.class);
  private final Vertx vertx;
  private final Clock clock;
  private final EventStore store;
  private final Limits limits;
  private final double opsPerSecond;
  private final int opsBurst;
  private final Map<String, LiveWorkshop> byId = new LinkedHashMap<>();
  private final Map<String, String> idByJoinCode = new HashMap<>();
  private final Map<String, Future<Optional<String>>> loads = new HashMap<>();
  /** Limits per seat and per workshop, on top of each connection's own (see {@link SeatLimits}). */
  private final Map<String, SeatLimits> seatLimits = new HashMap<>();
  private final Placement placement;
  private final LiveMetrics metrics;
  private final Syntheses syntheses;

  private final ServerConfig.Memory memory;
  private long sweeper = -1;

  public Workshops(Vertx vertx, Clock clock, EventStore store, Placement placement, Syntheses syntheses,
      Limits limits, double opsPerSecond, int opsBurst, MeterRegistry meters, ServerConfig.Memory memory) {
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
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Starts unloading idle workshops. Nothing is loaded at start: a workshop is loaded when someone
   * asks for it ({@link #ensureOwned}), and its clock then catches up with the time that passed,
   * so a node's memory holds what is in use, not everything ever stored (decision 012). In a
   * cluster this also means that a node started without a majority claims nothing: claims are made
   * on demand, once a majority is up.
   */
  public Future<Void> restore() {
    long every = Math.max(1_000, Math.min(60_000, memory.idleUnload().toMillis() / 4));
    sweeper = vertx.setPeriodic(every, id -> unloadIdle());
    return Future.succeededFuture();
  }

  /** Unloads every workshop idle for longer than the configured time. */
  void unloadIdle() {
    long now = System.nanoTime();
    long idleNanos = memory.idleUnload().toNanos();
    for (LiveWorkshop live : List.copyOf(byId.values())) {
      if (now - live.lastUsedNanos() >= idleNanos && live.idle() && !loads.containsKey(live.id())) {
        unload(live);
      }
    }
  }

  /** Above the limit, unloads the least recently used idle workshops at once. */
  private void enforceLimit() {
    if (byId.size() <= memory.maxLoaded()) {
      return;
    }
    List<LiveWorkshop> idle = byId.values().stream().filter(LiveWorkshop::idle)
        .filter(l -> !loads.containsKey(l.id()))
        .sorted(java.util.Comparator.comparingLong(LiveWorkshop::lastUsedNanos)).toList();
    for (int i = 0; i < idle.size() && byId.size() > memory.maxLoaded(); i++) {
      unload(idle.get(i));
    }
  }

  /**
   * Forgets a workshop nobody uses: its ownership and join code go too (a cluster's shared maps
   * must not grow with every workshop ever served); the store answers for it until it is loaded
   * again, on this node or another.
   */
  private void unload(LiveWorkshop live) {
    String id = live.id();
    String code = live.workshop().plan().joinCode();
    live.stop();
    byId.remove(id);
    idByJoinCode.remove(code);
    // Nobody is connected: its per-seat limits start afresh if it comes back.
    seatLimits.remove(id);
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
    return placement.workshopByCode(code)
        .compose(id -> id.isPresent() ? Future.succeededFuture(id) : store.workshopIdByCode(code));
  }

  /**
   * The node that owns the workshop, claiming it for this node when no living node does; a
   * workshop claimed here is loaded from the store first. Empty when the store has no such
   * workshop.
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
          register(new LiveWorkshop(vertx, clock, store, syntheses, workshop, stored.events(), () -> evict(workshopId),
              metrics, memory.historyEvents()));
          metrics.loaded();
        }
        return placement.register(stored.plan().joinCode(), workshopId).map(v -> Optional.of(placement.self()));
      }).onComplete(r -> loads.remove(workshopId));
      loads.put(workshopId, loading);
      return loading;
    });
  }

  /** After a node left: take over the workshops it owned (one survivor wins each). */
  public Future<Void> takeOver(String deadNode) {
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
    return store.createWorkshop(plan)
        .compose(v -> placement.claim(plan.id()))
        .compose(owner -> placement.register(plan.joinCode(), plan.id()))
        .map(v -> {
          register(new LiveWorkshop(vertx, clock, store, syntheses, new Workshop(plan, limits, memory.retryWindow(), Ids.secure()), List.of(),
              () -> evict(plan.id()), metrics, memory.historyEvents()));
          return plan;
        });
  }

  /** Forgets a copy that may no longer serve; the next request loads the workshop again. */
  private void evict(String workshopId) {
    LiveWorkshop live = byId.remove(workshopId);
    if (live != null) {
      idByJoinCode.remove(live.workshop().plan().joinCode());
    }
    metrics.loadedNow(byId.size());
  }

  private void register(LiveWorkshop live) {
    byId.put(live.id(), live);
    idByJoinCode.put(live.workshop().plan().joinCode(), live.id());
    live.schedule();
    metrics.loadedNow(byId.size());
    enforceLimit();
  }

  public Optional<Workshop> find(String id) {
    return Optional.ofNullable(byId.get(id)).map(LiveWorkshop::workshop);
  }

  public Optional<Workshop> findByJoinCode(String code) {
    return Optional.ofNullable(idByJoinCode.get(code)).map(byId::get).map(LiveWorkshop::workshop);
  }

  /**
   * Everything about a workshop as it stands, for review and export; the logs come from the store,
   * since memory keeps only each group's newest events. Empty when this node does not hold it.
   */
  public Future<Optional<WorkshopRecord>> record(String id) {
    LiveWorkshop live = byId.get(id);
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

  /** The class synthesis of a workshop this node holds, computed off the event loop. */
  public Optional<Future<JsonObject>> synthesis(String id) {
    return Optional.ofNullable(byId.get(id)).map(LiveWorkshop::synthesis);
  }

  /** Seats a student; fails with a {@link Rejected} the caller maps. */
  public Future<Seat> join(String workshopId, String name, String groupId) {
    if (!placement.hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    return byId.get(workshopId).join(name, groupId);
  }

  public Future<Void> delete(String workshopId) {
    LiveWorkshop live = byId.remove(workshopId);
    if (live == null) {
      return Future.succeededFuture();
    }
    idByJoinCode.remove(live.workshop().plan().joinCode());
    metrics.loadedNow(byId.size());
    seatLimits.remove(workshopId);
    live.stop();
    live.closeAll(Close.DELETED);
    return store.deleteWorkshop(workshopId)
        .compose(v -> placement.release(workshopId, live.workshop().plan().joinCode()));
  }

  /**
   * The one way in for a client's checked hello: finds the workshop's owner (loading it here when
   * this node claims it) and, when that is this node, attaches the socket to its room. The edge
   * closes the socket when refused, relays it when the room is elsewhere.
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
      return Future.succeededFuture(attach(wire, hello));
    });
  }

  private static Future<Opened> refused(Close close) {
    return Future.succeededFuture(new Opened.Refused(close));
  }

  /** Binds the socket to its room, which this node holds; refused when its seat no longer exists. */
  private Opened attach(Wire wire, Hello hello) {
    Principal principal = hello.principal();
    String workshopId = hello.workshopId();
    if (!mayConnect(principal, workshopId)) {
      return new Opened.Refused(Close.RECONNECTING_TOO_OFTEN);
    }
    LiveWorkshop live = byId.get(workshopId);
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
      seatLimits(workshopId).attached(c);
    }
    if (wire.isClosed()) {
      // The client left while its hello was being checked.
      disconnect(c);
      return new Opened.Refused(Close.UNKNOWN_SEAT);
    }
    return new Opened.Here(new ClientSession(wire, this, c));
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
    if (c.principal() instanceof Principal.Student s && !seatLimits(c.workshopId()).allowStudent(s.id(), now)) {
      c.rate().giveBack();
      return false;
    }
    return true;
  }

  /** Whether this principal may open another connection to the workshop now; instructors always may. */
  private boolean mayConnect(Principal principal, String workshopId) {
    return !(principal instanceof Principal.Student s) || seatLimits(workshopId).mayConnect(s.id(), clock.millis());
  }

  private SeatLimits seatLimits(String workshopId) {
    return seatLimits.computeIfAbsent(workshopId, id -> new SeatLimits(opsPerSecond, opsBurst, clock.millis()));
  }

  void disconnect(Connection c) {
    metrics.disconnected(c.isInstructor());
    if (c.principal() instanceof Principal.Student) {
      SeatLimits limits = seatLimits.get(c.workshopId());
      if (limits != null) {
        limits.detached(c);
      }
    }
    LiveWorkshop live = byId.get(c.workshopId());
    if (live != null) {
      live.detach(c);
    }
  }

  /**
   * This node lost the cluster's majority (docs/decisions/013-partition-fencing.md): every workshop
   * refuses new operations ({@code unavailable}), finishes the commits it accepted (the store's
   * epoch check refuses them if the majority took the workshop over meanwhile), closes its clients
   * with {@link Close#CUT_OFF} so that they reconnect to the majority, and is forgotten
   * here; the majority takes it over. Its ownership entries are left to the majority's side.
   */
  public Future<Void> cutOff() {
    List<Future<Void>> done = new java.util.ArrayList<>();
    for (LiveWorkshop live : List.copyOf(byId.values())) {
      done.add(live.drain(Close.CUT_OFF)
          .onComplete(v -> evict(live.id())));
    }
    return Future.join(done).mapEmpty();
  }

  /**
   * A clean shutdown: every workshop finishes its commits, its clients are told to reconnect,
   * and its ownership is given up so that another node takes it at once.
   */
  public Future<Void> handOver() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    List<Future<Void>> done = new java.util.ArrayList<>();
    for (LiveWorkshop live : List.copyOf(byId.values())) {
      done.add(live.drain().compose(v -> placement.relinquish(live.id())));
    }
    byId.clear();
    idByJoinCode.clear();
    metrics.loadedNow(0);
    return Future.join(done).mapEmpty();
  }
}
