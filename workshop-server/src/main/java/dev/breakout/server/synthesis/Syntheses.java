package dev.breakout.server.synthesis;

import dev.breakout.content.Session;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.WorkshopPlan;
import dev.breakout.synthesis.Synthesizer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class synthesis of every workshop of this server: one {@link Synthesizer} (its analyzer and
 * dictionaries are heavy, so it is built once, on a worker), and one worker thread that runs the
 * computations one at a time, resting after each so that the synthesis takes at most
 * {@link #SHARE} of one core from the rooms, however many workshops and dashboards ask.
 * See docs/decisions/015-synthesis-corrections.md.
 *
 * <p>Its queue lives on the context it was started on; workshops on any of the node's event loops
 * ask it from theirs (decision 002), and each answer completes on the asker's context.
 */
public final class Syntheses {
  private static final Logger LOG = LoggerFactory.getLogger(Syntheses.class);
  /** How long after a change of the cards the dashboards are told, at the most (changes in between share it). */
  static final long NOTIFY_AFTER_MS = 300;
  /**
   * The share of one core the synthesis may take while it is asked for without pause: after a
   * computation of d ms the worker rests 2d. Cards come first: a server pinned to one core (the
   * load benchmark's) keeps two thirds of it for the rooms, and a 1,000-card workshop is still
   * updated about every 1 to 2 s.
   */
  static final double SHARE = 1.0 / 3;

  private final Vertx vertx;
  /** Where the queue and the rest timer live. */
  private final io.vertx.core.Context home;
  private final Clock clock;
  private final Function<String, Optional<Session>> sessions;
  private final WorkerExecutor worker;
  private final Future<Synthesizer> synthesizer;
  private final java.util.ArrayDeque<Runnable> queue = new java.util.ArrayDeque<>();
  private boolean running;
  private long restUntil;
  private long restTimer = -1;

  /** A computation's result and how long the worker spent on it. */
  private record Computed(JsonObject json, long nanos) {}

  private Syntheses(Vertx vertx, Clock clock, Function<String, Optional<Session>> sessions, WorkerExecutor worker,
      Future<Synthesizer> synthesizer) {
    this.vertx = vertx;
    this.home = vertx.getOrCreateContext();
    this.clock = clock;
    this.sessions = sessions;
    this.worker = worker;
    this.synthesizer = synthesizer;
  }

  /**
   * Starts building the synthesizer for these sessions on the synthesis worker; the server does
   * not wait for it, and the first synthesis asked for waits until it is ready. Call on the
   * context that will run the rooms: the worker is closed with the verticle that made it.
   */
  public static Syntheses start(Vertx vertx, Clock clock, Collection<Session> all,
      Function<String, Optional<Session>> sessions) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("synthesis", 1);
    long began = System.nanoTime();
    Future<Synthesizer> synthesizer = worker.executeBlocking(() -> Synthesizer.forSessions(all), false)
        .onSuccess(s -> LOG.info("synthesis ready for {} sessions in {} ms", all.size(),
            (System.nanoTime() - began) / 1_000_000))
        .onFailure(err -> LOG.error("the synthesis could not be built; /synthesis will answer 500", err));
    return new Syntheses(vertx, clock, sessions, worker, synthesizer);
  }

  /** Follows one workshop from its committed log; {@code notify} tells its dashboards that the synthesis changed. */
  public LiveSynthesis follow(WorkshopPlan plan, List<Logged> committed, Runnable notify) {
    LiveSynthesis live = new LiveSynthesis(this, plan, notify);
    committed.forEach(live::restored);
    return live;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Computes on the synthesis worker, in turn with every other workshop's; completes on the caller's context. */
  Future<JsonObject> compute(WorkshopPlan plan, SynthesisInputs.Snapshot snapshot) {
    io.vertx.core.Context caller = vertx.getOrCreateContext();
    io.vertx.core.Promise<JsonObject> answer = io.vertx.core.Promise.promise();
    home.runOnContext(v -> queued(plan, snapshot).onComplete(r -> caller.runOnContext(x -> answer.handle(r))));
    return answer.future();
  }

  /** On {@link #home}. */
  private Future<JsonObject> queued(WorkshopPlan plan, SynthesisInputs.Snapshot snapshot) {
    Optional<Session> session = sessions.apply(plan.sessionId());
    io.vertx.core.Promise<JsonObject> done = io.vertx.core.Promise.promise();
    queue.add(() -> synthesizer.compose(s -> worker.executeBlocking(() -> {
      long began = System.nanoTime();
      JsonObject json = SynthesisJson.of(plan, s.synthesize(session.orElse(null), snapshot.cards(),
          snapshot.corrections()), snapshot, clock.millis());
      return new Computed(json, System.nanoTime() - began);
    }, false)).onComplete(result -> {
      long spent = result.succeeded() ? result.result().nanos() : 0;
      restUntil = System.nanoTime() + (long) (spent * (1 / SHARE - 1));
      running = false;
      if (result.succeeded()) {
        done.complete(result.result().json());
      } else {
        done.fail(result.cause());
      }
      next();
    }));
    next();
    return done.future();
  }

  /** Starts the next computation when the worker is free and has rested. */
  private void next() {
    if (running || queue.isEmpty() || restTimer >= 0) {
      return;
    }
    long rest = restUntil - System.nanoTime();
    if (rest > 0) {
      restTimer = vertx.setTimer(Math.max(1, rest / 1_000_000), id -> {
        restTimer = -1;
        next();
      });
      return;
    }
    running = true;
    queue.poll().run();
  }
}
