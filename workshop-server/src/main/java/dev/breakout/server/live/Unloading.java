package dev.breakout.server.live;

import dev.breakout.server.cluster.Placement;
import dev.breakout.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unloading (docs/decisions/012-bounded-memory.md): the periodic sweep of idle workshops and the
 * least-recently-used pass above {@code maxLoadedWorkshops}. Runs on the registry's context; each
 * workshop is asked on its own context whether it may leave (the handshake of decision 002), and
 * forgotten back here when it stopped.
 */
final class Unloading {
  private static final Logger LOG = LoggerFactory.getLogger(Unloading.class);
  private final Vertx vertx;
  private final LoadedWorkshops loaded;
  /** Whether a load of this id is in progress: such a workshop is not unloaded meanwhile. */
  private final Predicate<String> loading;
  private final Placement placement;
  private final LiveMetrics metrics;
  private final ServerConfig.Memory memory;
  private long sweeper = -1;
  /** An unload pass of {@link #enforceLimit} is asking workshops in turn; another waits for it. */
  private boolean enforcing;
  private boolean enforceAgain;

  Unloading(Vertx vertx, LoadedWorkshops loaded, Predicate<String> loading, Placement placement,
      LiveMetrics metrics, ServerConfig.Memory memory) {
    this.vertx = vertx;
    this.loaded = loaded;
    this.loading = loading;
    this.placement = placement;
    this.metrics = metrics;
    this.memory = memory;
  }

  /** Starts the idle sweep. On the registry's context. */
  void start() {
    long every = Math.max(1_000, Math.min(60_000, memory.idleUnload().toMillis() / 4));
    sweeper = vertx.setPeriodic(every, id -> unloadIdle());
  }

  /** Stops the idle sweep. On the registry's context. */
  void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
  }

  /** Unloads every workshop idle for longer than the configured time. On the registry's context. */
  void unloadIdle() {
    long idleNanos = memory.idleUnload().toNanos();
    for (LiveWorkshop live : loaded.all()) {
      if (System.nanoTime() - live.lastUsedNanos() >= idleNanos && !loading.test(live.id())) {
        leaveIfIdle(live, idleNanos);
      }
    }
  }

  /** Asks the workshop, on its context, whether it may leave; when it stopped, forgets it here. */
  private Future<Boolean> leaveIfIdle(LiveWorkshop live, long idleNanos) {
    return Workshops.on(live.context(), () -> Future.succeededFuture(live.leaveIfIdle(idleNanos))).onSuccess(left -> {
      if (left) {
        unload(live);
      }
    });
  }

  /**
   * Above the limit, unloads the least recently used idle workshops: each is asked in turn on its
   * own context (only there is it known to be idle), until the limit is met or none is left to ask.
   * On the registry's context.
   */
  void enforceLimit() {
    if (loaded.size() <= memory.maxLoaded()) {
      return;
    }
    if (enforcing) {
      enforceAgain = true;
      return;
    }
    enforcing = true;
    enforceAgain = false;
    List<LiveWorkshop> leastRecentlyUsed = loaded.all().stream().filter(l -> !loading.test(l.id()))
        .sorted(Comparator.comparingLong(LiveWorkshop::lastUsedNanos)).toList();
    enforceFrom(leastRecentlyUsed, 0);
  }

  private void enforceFrom(List<LiveWorkshop> candidates, int next) {
    if (next >= candidates.size() || loaded.size() <= memory.maxLoaded()) {
      enforcing = false;
      if (enforceAgain) {
        enforceLimit();
      }
      return;
    }
    LiveWorkshop live = candidates.get(next);
    if (loaded.get(live.id()) != live || loading.test(live.id())) {
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
    if (!loaded.remove(live)) {
      return;
    }
    metrics.loadedNow(loaded.size());
    metrics.unloaded();
    placement.release(id, code).onFailure(err -> LOG.warn("workshop {}: could not give up its ownership", id, err));
    LOG.info("workshop {}: unloaded after being idle; {} loaded", id, loaded.size());
  }
}
