package dev.breakout.server.synthesis;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthesis of one workshop, a read model of its committed log: computed when someone asks
 * for it and the cards or corrections changed since the last computation, at most one computation
 * in flight, on the synthesis worker. Askers who come while one runs on older inputs wait for the
 * next. The dashboards are told of changes at most every {@link Syntheses#NOTIFY_AFTER_MS}, and
 * fetch the synthesis if they show it: no dashboard looking, no computation.
 *
 * <p>Confined to the workshop's event-loop context, like the workshop.
 */
public final class LiveSynthesis {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSynthesis.class);

  private final Syntheses service;
  private final WorkshopPlan plan;
  private final Runnable notify;
  private final SynthesisInputs inputs = new SynthesisInputs();
  /** Counts the changes of the inputs; a computation answers for the version it started from. */
  private long version;
  private JsonObject last;
  private long lastVersion = -1;
  private boolean inFlight;
  private long notifyTimer = -1;
  private boolean stopped;
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(long version, Promise<JsonObject> promise) {}

  LiveSynthesis(Syntheses service, WorkshopPlan plan, Runnable notify) {
    this.service = service;
    this.plan = plan;
    this.notify = notify;
  }

  /** Folds an event of the log the workshop was loaded with: nobody is watching yet. */
  void restored(Logged logged) {
    if (inputs.apply(logged)) {
      version++;
    }
  }

  /** Folds a committed event (in commit order). */
  public void committed(Logged logged) {
    if (inputs.apply(logged)) {
      version++;
      if (notifyTimer < 0 && !stopped) {
        notifyTimer = service.vertx().setTimer(Syntheses.NOTIFY_AFTER_MS, id -> {
          notifyTimer = -1;
          if (!stopped) {
            notify.run();
          }
        });
      }
    }
  }

  /** The synthesis of everything committed so far. */
  public Future<JsonObject> current() {
    if (last != null && lastVersion == version) {
      return Future.succeededFuture(last);
    }
    Promise<JsonObject> promise = Promise.promise();
    waiters.add(new Waiter(version, promise));
    computeIfIdle();
    return promise.future();
  }

  private void computeIfIdle() {
    if (inFlight || waiters.isEmpty()) {
      return;
    }
    inFlight = true;
    long startedAt = version;
    long began = System.nanoTime();
    SynthesisInputs.Snapshot snapshot = inputs.snapshot();
    service.compute(plan, snapshot).onComplete(result -> {
      inFlight = false;
      List<Waiter> answered = waiters.stream().filter(w -> w.version() <= startedAt).toList();
      waiters.removeAll(answered);
      if (result.succeeded()) {
        last = result.result();
        lastVersion = startedAt;
        LOG.debug("workshop {}: synthesis of {} cards in {} ms", plan.id(), snapshot.cards().size(),
            (System.nanoTime() - began) / 1_000_000);
        answered.forEach(w -> w.promise().complete(last));
      } else {
        LOG.error("workshop {}: the synthesis of {} cards failed", plan.id(), snapshot.cards().size(),
            result.cause());
        answered.forEach(w -> w.promise().fail(result.cause()));
      }
      computeIfIdle();
    });
  }

  public void stop() {
    stopped = true;
    if (notifyTimer >= 0) {
      service.vertx().cancelTimer(notifyTimer);
      notifyTimer = -1;
    }
  }
}
