package dev.breakout.server.live;

import dev.breakout.server.cluster.NoQuorumException;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.export.WorkshopRecord;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Logged;
import dev.breakout.server.protocol.Operations;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workshops this server serves, by id and by join code, each on one of the node's event-loop
 * contexts (docs/decisions/002-one-event-loop-per-node.md).
 *
 * <p>Two kinds of context. The registry's own ({@link #home}, the HTTP verticle's) keeps the
 * ownership, loading and unloading: everything that touches {@link Placement}, {@link Loading}'s loads or
 * decides what is loaded runs there, so those need no locks either. Each {@link LiveWorkshop}
 * gets one of {@link #loops()} when it is loaded (the one holding the fewest workshops) and keeps it
 * until it is unloaded; every call into it runs on that context. The two maps from id and join
 * code are concurrent, changed only on the registry's context and read from any, so that a lookup
 * from a socket's loop costs no hop.
 *
 * <p>Parts, in package-private classes of their own: {@link LoadedWorkshops} (the two maps and
 * the choice of loop), {@link Loading} (claiming and loading) and {@link Unloading} (the idle
 * sweep and the limit on loaded workshops), both on the registry's context, and {@link Admission}
 * (sockets and their operations, on the workshop's context). What stays here is the public face
 * the other packages call, the lookups for actions and the cluster's hand-overs (take over, cut
 * off, hand over, on the registry's context).
 *
 * <p>Callers: the methods that return a {@link Future} may be called on any context and complete
 * on the caller's; {@link #operate}, {@link #allow}, {@link #disconnect} and
 * the lookups for actions ({@link #find}, {@link #join}, {@link #record}, {@link #synthesis},
 * {@link #delete}) run on the workshop's own context ({@link #onContextOf} gets there).
 */
public final class Workshops {
  private final Clock clock;
  private final EventStore store;
  private final Limits limits;
  private final LoadedWorkshops loaded;
  private final Placement placement;
  private final LiveMetrics metrics;
  /** The registry's context: ownership, loading, unloading. */
  private final Context home;
  private final ServerConfig.Memory memory;
  private final Loading loading;
  private final Unloading unloading;
  private final Admission admission;

  /**
   * Built on the context that becomes the registry's; {@code loops} event-loop contexts (the
   * registry's among them) are made for the workshops.
   */
  public Workshops(Vertx vertx, Clock clock, EventStore store, Placement placement, Syntheses syntheses,
      Limits limits, double opsPerSecond, int opsBurst, MeterRegistry meters, ServerConfig.Memory memory,
      int loops) {
    this.memory = memory;
    this.metrics = new LiveMetrics(meters);
    this.placement = placement;
    this.clock = clock;
    this.store = store;
    this.limits = limits;
    this.home = vertx.getOrCreateContext();
    // The event-loop contexts workshops are spread over, the registry's first.
    this.loaded = new LoadedWorkshops(EventLoops.contexts(vertx, home, loops));
    this.loading = new Loading(vertx, home, clock, store, placement, syntheses, limits, memory, metrics, loaded,
        opsPerSecond, opsBurst, this::enforceLimit);
    this.unloading = new Unloading(vertx, loaded, loading::inProgress, placement, metrics, memory);
    this.admission = new Admission(this, loaded, placement, clock, metrics, opsPerSecond, opsBurst);
  }

  public Clock clock() {
    return clock;
  }

  /** The event-loop contexts the workshops are spread over, the registry's first. */
  public List<Context> loops() {
    return loaded.loops();
  }

  /**
   * Starts unloading idle workshops. Nothing is loaded at start: a workshop is loaded when someone
   * asks for it ({@link #ensureOwned}), and its clock then catches up with the time that passed,
   * so a node's memory holds what is in use, not everything ever stored (decision 012). In a
   * cluster this also means that a node started without a majority claims nothing: claims are made
   * on demand, once a majority is up. Called on the registry's context.
   */
  public Future<Void> restore() {
    unloading.start();
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
    LiveWorkshop live = loaded.lookup(workshopId, joinCode);
    if (live == null || live.context() == Vertx.currentContext()) {
      return work.get();
    }
    // Another copy may have taken its place on the way (unloaded and loaded again): follow it.
    return on(live.context(), () -> loaded.lookup(workshopId, joinCode) == live ? work.get()
        : onContextOf(workshopId, joinCode, work));
  }

  /** Unloads every workshop idle for longer than the configured time. On the registry's context. */
  void unloadIdle() {
    unloading.unloadIdle();
  }

  /** After a copy was registered, on the registry's context. */
  private void enforceLimit() {
    unloading.enforceLimit();
  }

  /** The workshop with this join code, loaded here, on another node, or only in the store. */
  public Future<Optional<String>> idByCode(String code) {
    String local = loaded.idOf(code);
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
    LiveWorkshop here = loaded.get(workshopId);
    if (here != null) {
      here.touch();
      return Future.succeededFuture(Optional.of(placement.self()));
    }
    return atHome(() -> loading.claimAndLoad(workshopId));
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
          loading.created(new Workshop(plan, limits, memory.retryWindow(), Ids.secure()));
          return plan;
        }));
  }

  /** The workshop, when loaded here and living on the current context (see {@link #onContextOf}). */
  public Optional<Workshop> find(String id) {
    return Optional.ofNullable(loaded.here(id)).map(LiveWorkshop::workshop);
  }

  /** As {@link #find}, by join code. */
  public Optional<Workshop> findByJoinCode(String code) {
    return Optional.ofNullable(loaded.idOf(code)).map(loaded::here).map(LiveWorkshop::workshop);
  }

  /** Whether a workshop with this join code is loaded on this node, on whichever loop. */
  public boolean holdsCode(String code) {
    return loaded.holdsCode(code);
  }

  /**
   * Everything about a workshop as it stands, for review and export; the logs come from the store,
   * since memory keeps only each group's newest events. Empty when this node does not hold it. On
   * the workshop's context.
   */
  public Future<Optional<WorkshopRecord>> record(String id) {
    LiveWorkshop live = loaded.here(id);
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
    return Optional.ofNullable(loaded.here(id)).map(LiveWorkshop::synthesis);
  }

  /** Seats a student; fails with a {@link Rejected} the caller maps. On the workshop's context. */
  public Future<Seat> join(String workshopId, String name, String groupId) {
    if (!placement.hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    LiveWorkshop live = loaded.here(workshopId);
    if (live == null) {
      return Future.failedFuture(new Rejected(Rejection.of(Reason.SAVE_FAILED)));
    }
    return live.join(name, groupId);
  }

  /** On the workshop's context: its clients are closed there, then the registry forgets it. */
  public Future<Void> delete(String workshopId) {
    LiveWorkshop live = loaded.here(workshopId);
    if (live == null) {
      return Future.succeededFuture();
    }
    live.stop();
    live.closeAll(Close.DELETED);
    return atHome(() -> {
      loading.forget(live);
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
    return admission.open(wire, hello);
  }

  /** The context of a workshop loaded here, where its sockets' messages are handled. */
  public Optional<Context> contextOf(String workshopId) {
    return Optional.ofNullable(loaded.get(workshopId)).map(LiveWorkshop::context);
  }

  /** On the workshop's context; see {@link Admission#operate}. */
  void operate(Connection c, Operations.Parsed op) {
    admission.operate(c, op);
  }

  /** See {@link Admission#allow}. */
  boolean allow(Connection c) {
    return admission.allow(c);
  }

  /** On the context the connection was attached on. */
  void disconnect(Connection c) {
    admission.disconnect(c);
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
      for (LiveWorkshop live : loaded.all()) {
        done.add(on(live.context(), () -> live.drain(Close.CUT_OFF)).onComplete(v -> loading.forget(live)));
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
      unloading.stop();
      List<Future<Void>> done = new java.util.ArrayList<>();
      for (LiveWorkshop live : loaded.all()) {
        done.add(on(live.context(), live::drain).compose(v -> placement.relinquish(live.id())));
      }
      loaded.clear();
      metrics.loadedNow(0);
      return Future.join(done).mapEmpty();
    });
  }
}
