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
 * dictionaries are heavy, so it is built once, on a worker), and one worker thread that all the
 * computations share, so that synthesis never takes more than one core from the rooms.
 * See docs/decisions/010-synthesis-corrections.md.
 */
public final class Syntheses {
  private static final Logger LOG = LoggerFactory.getLogger(Syntheses.class);
  /** How long after a change of the cards the dashboards are told, at the most (changes in between share it). */
  static final long NOTIFY_AFTER_MS = 300;

  private final Vertx vertx;
  private final Clock clock;
  private final Function<String, Optional<Session>> sessions;
  private final WorkerExecutor worker;
  private final Future<Synthesizer> synthesizer;

  private Syntheses(Vertx vertx, Clock clock, Function<String, Optional<Session>> sessions, WorkerExecutor worker,
      Future<Synthesizer> synthesizer) {
    this.vertx = vertx;
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
    committed.forEach(live::committed);
    return live;
  }

  Vertx vertx() {
    return vertx;
  }

  /** Computes on the synthesis worker; completes on the caller's context. */
  Future<JsonObject> compute(WorkshopPlan plan, SynthesisInputs.Snapshot snapshot) {
    Optional<Session> session = sessions.apply(plan.sessionId());
    return synthesizer.compose(s -> worker.executeBlocking(() -> SynthesisJson.of(plan,
        s.synthesize(session.orElse(null), snapshot.cards(), snapshot.corrections()), snapshot,
        clock.millis()), false));
  }

  /** Whether this computation would be the synthesis's first use: a test waits for it before timing. */
  public Future<Synthesizer> ready() {
    return synthesizer;
  }
}
