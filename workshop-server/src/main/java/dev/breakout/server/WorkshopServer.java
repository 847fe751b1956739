package dev.breakout.server;

import dev.breakout.content.ContentException;
import dev.breakout.server.auth.Secrets;
import dev.breakout.server.auth.Tokens;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.cluster.ClusterNode;
import dev.breakout.server.cluster.ClusterPlacement;
import dev.breakout.server.cluster.LocalPlacement;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.metrics.MetricsServer;
import dev.breakout.server.metrics.Monitoring;
import dev.breakout.server.store.EventStore;
import dev.breakout.server.store.JdbcEventStore;
import dev.breakout.server.web.HttpVerticle;
import dev.breakout.server.web.Sessions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import io.vertx.core.spi.cluster.ClusterManager;

/**
 * The whole server on a given Vert.x: secrets, content, store, rooms, HTTP. Tests start it on port
 * 0 the same way {@link Main} does.
 */
public final class WorkshopServer {
  private final Vertx vertx;
  private final ServerConfig config;
  private final Secrets secrets;
  private final EventStore store;
  private final HttpVerticle http;
  private final String deploymentId;
  private final Monitoring monitoring;
  private final boolean ownsMonitoring;
  private MetricsServer metricsServer;

  private WorkshopServer(Vertx vertx, ServerConfig config, Secrets secrets, EventStore store, HttpVerticle http,
      String deploymentId, Monitoring monitoring, boolean ownsMonitoring) {
    this.monitoring = monitoring;
    this.ownsMonitoring = ownsMonitoring;
    this.vertx = vertx;
    this.config = config;
    this.secrets = secrets;
    this.store = store;
    this.http = http;
    this.deploymentId = deploymentId;
  }

  public static Future<WorkshopServer> start(Vertx vertx, ServerConfig config) {
    return start(vertx, config, Clock.systemUTC());
  }

  public static Future<WorkshopServer> start(Vertx vertx, ServerConfig config, Clock clock) {
    return start(vertx, config, clock, Optional.empty());
  }

  /**
   * @param cluster the cluster manager when {@code vertx} is clustered ({@link ClusterNode}); the
   *                server then shares its workshops with the other nodes
   */
  public static Future<WorkshopServer> start(Vertx vertx, ServerConfig config, Clock clock,
      Optional<ClusterManager> cluster) {
    // Without a Vert.x built by Monitoring#instrument there are no HTTP or event-bus meters, but the
    // JVM's and the rooms' are still served.
    return start(vertx, config, clock, cluster, Monitoring.of(config), true);
  }

  /**
   * @param monitoring the meters {@code vertx} was built with ({@link Monitoring#instrument}); served on
   *                   the management port when the config has one, and kept open by the caller
   */
  public static Future<WorkshopServer> start(Vertx vertx, ServerConfig config, Clock clock,
      Optional<ClusterManager> cluster, Monitoring monitoring) {
    return start(vertx, config, clock, cluster, monitoring, false);
  }

  private static Future<WorkshopServer> start(Vertx vertx, ServerConfig config, Clock clock,
      Optional<ClusterManager> cluster, Monitoring monitoring, boolean ownsMonitoring) {
    // Files, key material and JDBC are handled on a worker: never block an event loop, even at start.
    return vertx.executeBlocking(() -> {
      checkDataDir(config.dataDir());
      Secrets secrets = Secrets.loadOrCreate(config);
      Sessions sessions = loadSessions(config);
      return new Loaded(secrets, sessions, openStore(vertx, config, monitoring));
    }, false)
        .compose(loaded -> {
          EventStore store = loaded.store();
          Tokens tokens = new Tokens(vertx, loaded.secrets().jwtSecret(), config.instructorTokenTtl(),
              config.studentTokenTtl());
          Supplier<Future<Placement>> placement = () -> cluster
              .map(manager -> ClusterPlacement.create(vertx, manager))
              .orElseGet(() -> Future.succeededFuture(new LocalPlacement()));
          HttpVerticle http = new HttpVerticle(config, loaded.sessions(), tokens, loaded.secrets().passwordHash(),
              store, clock, placement, monitoring.registry());
          return vertx.deployVerticle(http)
              .compose(id -> new WorkshopServer(vertx, config, loaded.secrets(), store, http, id, monitoring,
                  ownsMonitoring).serveMetrics().recover(err -> vertx.undeploy(id).transform(v -> Future.failedFuture(
                      new IllegalStateException("The metrics port " + config.metrics().map(m -> m.host() + ":"
                          + m.port()).orElse("") + " cannot be bound (set metricsPort, or metrics: false): "
                          + err.getMessage() + " / 메트릭 포트를 열 수 없습니다", err)))))
              .recover(err -> store.close().transform(v -> {
                if (ownsMonitoring) {
                  monitoring.close();
                }
                return Future.failedFuture(err);
              }));
        });
  }

  private Future<WorkshopServer> serveMetrics() {
    if (config.metrics().isEmpty()) {
      return Future.succeededFuture(this);
    }
    return MetricsServer.start(vertx, config.metrics().get(), monitoring).map(started -> {
      metricsServer = started;
      return this;
    });
  }

  private static Sessions loadSessions(ServerConfig config) {
    try {
      return Sessions.load(config.contentDir());
    } catch (ContentException e) {
      throw new IllegalStateException("The course content has errors / 강의 자료에 오류가 있습니다:\n" + e.getMessage(), e);
    }
  }

  private record Loaded(Secrets secrets, Sessions sessions, EventStore store) {}

  private static void checkDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("The data directory " + dir.toAbsolutePath() + " cannot be created: " + e
          + " / 데이터 디렉터리를 만들 수 없습니다", e);
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new IllegalStateException("The data directory " + dir.toAbsolutePath()
          + " is not a writable directory / 데이터 디렉터리에 쓸 수 없습니다");
    }
  }

  private static EventStore openStore(Vertx vertx, ServerConfig config, Monitoring monitoring) {
    try {
      JdbcEventStore store = config.dbUrl().isEmpty()
          ? JdbcEventStore.openEmbedded(vertx, config.dataDir(), config.fsync())
          : JdbcEventStore.open(vertx, config.dbUrl().get(), config.dbUser().orElse(""),
              config.dbPassword().orElse(""), config.fsync());
      store.meterWith(monitoring.registry());
      return store;
    } catch (SQLException e) {
      String where = config.dbUrl().isPresent() ? "the database at WORKSHOP_DB_URL"
          : "the database in " + config.dataDir().toAbsolutePath();
      throw new IllegalStateException("Cannot open " + where + ": " + e.getMessage()
          + " (nothing was changed; if the files are damaged, restore them from a backup) / 데이터베이스를 열 수 없습니다", e);
    }
  }

  public int port() {
    return http.port();
  }

  /** The workshops this node serves: which event loop holds which (docs/decisions/002), for tests and tools. */
  public dev.breakout.server.live.Workshops workshops() {
    return http.workshops();
  }

  public ServerConfig config() {
    return config;
  }

  /** The instructor password made on this start, to show once; empty when configured or kept. */
  public Optional<String> generatedPassword() {
    return secrets.generatedPassword();
  }

  /** The management port serving {@code /metrics}, when metrics are on. */
  public Optional<Integer> metricsPort() {
    return Optional.ofNullable(metricsServer).map(MetricsServer::port);
  }

  public Future<Void> stop() {
    Future<Void> metricsClosed = metricsServer == null ? Future.succeededFuture() : metricsServer.close();
    return metricsClosed.transform(v -> vertx.undeploy(deploymentId)).compose(v -> store.close())
        .onComplete(v -> {
          if (ownsMonitoring) {
            monitoring.close();
          }
        });
  }
}
