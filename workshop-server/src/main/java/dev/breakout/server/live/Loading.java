package dev.breakout.server.live;

import dev.breakout.server.cluster.Placement;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Limits;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.store.EventStore;
import dev.breakout.server.synthesis.Syntheses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claiming and loading: a workshop this node claims is loaded from the store onto one of the
 * loops, registered in {@link LoadedWorkshops}, and forgotten again when a copy may no longer
 * serve. Runs on the registry's context (docs/decisions/002-one-event-loop-per-node.md): loading is
 * a multi-step asynchronous sequence (claim, load, register the code) that one context keeps
 * ordered without locks; the new copy's own work is handed to its loop.
 */
final class Loading {
  private final Vertx vertx;
  private final Context home;
  private final Clock clock;
  private final EventStore store;
  private final Placement placement;
  private final Syntheses syntheses;
  private final Limits limits;
  private final ServerConfig.Memory memory;
  private final LiveMetrics metrics;
  private final LoadedWorkshops loaded;
  private final double opsPerSecond;
  private final int opsBurst;
  /** Asked after each registration: above the limit, unload the least recently used. */
  private final Runnable enforceLimit;
  /** Loads in progress, shared by everyone who asks meanwhile. */
  private final Map<String, Future<Optional<String>>> loads = new HashMap<>();

  Loading(Vertx vertx, Context home, Clock clock, EventStore store, Placement placement, Syntheses syntheses,
      Limits limits, ServerConfig.Memory memory, LiveMetrics metrics, LoadedWorkshops loaded, double opsPerSecond,
      int opsBurst, Runnable enforceLimit) {
    this.vertx = vertx;
    this.home = home;
    this.clock = clock;
    this.store = store;
    this.placement = placement;
    this.syntheses = syntheses;
    this.limits = limits;
    this.memory = memory;
    this.metrics = metrics;
    this.loaded = loaded;
    this.opsPerSecond = opsPerSecond;
    this.opsBurst = opsBurst;
    this.enforceLimit = enforceLimit;
  }

  /** Whether this workshop is being loaded (it is not unloaded meanwhile). */
  boolean inProgress(String workshopId) {
    return loads.containsKey(workshopId);
  }

  /** See {@link Workshops#ensureOwned}. */
  Future<Optional<String>> claimAndLoad(String workshopId) {
    LiveWorkshop here = loaded.get(workshopId);
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
        if (!loaded.containsId(workshopId)) {
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
  LiveWorkshop live(Workshop workshop, List<Logged> committed) {
    return new LiveWorkshop(vertx, loaded.leastBusyLoop(), clock, store, syntheses, workshop, committed, this::evict,
        metrics, memory.historyEvents(), new SeatLimits(opsPerSecond, opsBurst, clock.millis()));
  }

  /** A workshop just created: a new copy, registered here. */
  void created(Workshop workshop) {
    register(live(workshop, List.of()));
  }

  /** Forgets a copy that may no longer serve; the next request loads the workshop again. */
  private void evict(LiveWorkshop live) {
    Workshops.on(home, () -> {
      forget(live);
      return Future.succeededFuture();
    });
  }

  /** On the registry's context: this copy is no longer the workshop's (a newer one stays). */
  void forget(LiveWorkshop live) {
    loaded.remove(live);
    metrics.loadedNow(loaded.size());
  }

  /** On the registry's context; the copy's timer is armed on its own. */
  private void register(LiveWorkshop live) {
    live.context().runOnContext(v -> live.schedule());
    loaded.put(live);
    metrics.loadedNow(loaded.size());
    enforceLimit.run();
  }
}
