package dev.breakout.server.web;

import dev.breakout.server.auth.Tokens;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.export.Exports;
import dev.breakout.server.live.Workshops;
import dev.breakout.server.room.Limits;
import dev.breakout.server.store.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import dev.breakout.server.synthesis.Syntheses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The HTTP and WebSocket server. One instance, whose context keeps the workshops' registry and the
 * cluster relay; it listens on each of the node's event loops (one per core by default), which
 * share the port: Vert.x hands each new connection to the next loop. Each workshop lives on one of
 * those loops, so the rooms need no locks (see docs/decisions/002-one-event-loop-per-node.md).
 */
public final class HttpVerticle extends VerticleBase {
  private final ServerConfig config;
  private final Sessions sessions;
  private final Tokens tokens;
  private final String passwordHash;
  private final EventStore store;
  private final Clock clock;
  private final Supplier<Future<Placement>> placement;
  private final MeterRegistry meters;
  private final AtomicBoolean ready = new AtomicBoolean();
  /** A port 0 configured: the loops share one port the system chooses, named by this key. */
  private static final java.util.concurrent.atomic.AtomicInteger SHARED_RANDOM_PORT =
      new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer server;
  private final java.util.List<HttpServer> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Workshops workshops;

  /** {@code placement} is asked on this verticle's context, which then receives membership news. */
  public HttpVerticle(ServerConfig config, Sessions sessions, Tokens tokens, String passwordHash, EventStore store,
      Clock clock, Supplier<Future<Placement>> placement, MeterRegistry meters) {
    this.meters = meters;
    this.config = config;
    this.sessions = sessions;
    this.tokens = tokens;
    this.passwordHash = passwordHash;
    this.store = store;
    this.clock = clock;
    this.placement = placement;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxWebSocketFrameSize(config.maxFrameBytes())
        .setMaxWebSocketMessageSize(config.maxFrameBytes() * 4)
        // Compression costs CPU on every fan-out and leaks secrets through sizes (CRIME/BREACH);
        // room messages are small. See docs/decisions/003-no-websocket-compression.md.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setCompressionSupported(true)
        // Browsers never speak cleartext HTTP/2, and Java's HttpClient upgrades to it by default,
        // where a 6 MB export failed with a frame-size error: serve the one protocol we test.
        .setHttp2ClearTextEnabled(false);
    return placement.get().compose(placed -> {
      // Built here, on this verticle's context: its worker closes with the verticle.
      Syntheses syntheses = Syntheses.start(vertx, clock, sessions.all(), sessions::find);
      workshops = new Workshops(vertx, clock, store, placed, syntheses, Limits.standard(config.maxCardChars()),
          config.opsPerSecond(), config.opsBurst(), meters, config.memory(), config.eventLoops());
      Dispatcher dispatcher = new Dispatcher(vertx, workshops,
          new Actions(workshops, tokens, new Exports(config.timeZone(), new dev.breakout.server.analytics.NudgeRules(
              config.nudgeNoCard().toMillis(), config.nudgeIdle().toMillis()))), tokens);
      Api api = new Api(vertx, config, sessions, tokens, passwordHash, workshops, dispatcher, ready::get);
      Gateway gateway = new Gateway(vertx, config, dispatcher);
      // A negative port is Vert.x's "shared random port": every loop's server gets the same one.
      HttpServerOptions shared = new HttpServerOptions(options)
          .setPort(config.port() == 0 ? -SHARED_RANDOM_PORT.incrementAndGet() : config.port());
      return dispatcher.start()
          .compose(v -> workshops.restore())
          .compose(v -> {
            // One server per loop, each made and listening on its loop: its connections are served
            // there. Each has its own router (the handlers behind them are the same, and thread-safe).
            java.util.List<Future<HttpServer>> listening = new java.util.ArrayList<>();
            for (io.vertx.core.Context loop : workshops.loops()) {
              listening.add(Workshops.on(loop, () -> vertx.createHttpServer(shared)
                  .webSocketHandshakeHandler(gateway::handshake)
                  .webSocketHandler(gateway::connected)
                  .requestHandler(api.router())
                  .listen()
                  .onSuccess(servers::add)));
            }
            return Future.all(listening).map(all -> servers.get(0));
          });
    }).onSuccess(s -> {
      server = s;
      ready.set(true);
    }).onFailure(err -> servers.forEach(HttpServer::close));
  }

  @Override
  public Future<?> stop() {
    ready.set(false);
    Future<Void> handedOver = workshops == null ? Future.succeededFuture() : workshops.handOver();
    return handedOver.transform(v -> Future.join(servers.stream().map(HttpServer::close).toList()));
  }

  /** The workshops this node serves (once started): which loop holds which, for tests and tools. */
  public Workshops workshops() {
    return workshops;
  }

  /** The port actually bound (the configured one, or the one the system chose for port 0). */
  public int port() {
    return server.actualPort();
  }
}
