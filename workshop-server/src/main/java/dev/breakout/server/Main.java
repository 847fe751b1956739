package dev.breakout.server;

import dev.breakout.server.config.ConfigException;
import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.cluster.ClusterNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import dev.breakout.server.metrics.Monitoring;
import io.vertx.core.spi.cluster.ClusterManager;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server from the environment and the command line; the only place that reads them. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    ServerConfig config;
    try {
      config = ConfigLoader.load(System.getenv(), args);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    // Vert.x records its HTTP, WebSocket and event-bus meters only when built with them.
    Monitoring monitoring = Monitoring.of(config);
    Future<ClusterNode> node = config.cluster().map(c -> ClusterNode.start(c, monitoring))
        .orElseGet(() -> Future.succeededFuture(new ClusterNode(
            monitoring.instrument(Vertx.builder(), new VertxOptions()
                // One event loop per workshop loop at least (docs/decisions/002).
                .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, config.eventLoops())))
                .build(), null)));
    node.onFailure(err -> {
      System.err.println("The node could not join the cluster / 클러스터에 참여할 수 없습니다: " + err.getMessage());
      System.exit(1);
    }).onSuccess(joined -> start(joined.vertx(), config, Optional.ofNullable(joined.manager()), monitoring));
  }

  private static void start(Vertx vertx, ServerConfig config, Optional<ClusterManager> cluster,
      Monitoring monitoring) {
    WorkshopServer.start(vertx, config, Clock.systemUTC(), cluster, monitoring)
        .onSuccess(server -> {
          System.out.println(Banner.text(server));
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping: closing connections and the store");
            try {
              server.stop().await();
              vertx.close().await();
            } catch (Exception e) {
              LOG.warn("shutdown did not finish cleanly", e);
            }
          }, "shutdown"));
        })
        .onFailure(err -> {
          LOG.error("The server could not start / 서버를 시작할 수 없습니다: {}", err.getMessage(), err);
          System.err.println("The server could not start / 서버를 시작할 수 없습니다: " + err.getMessage());
          vertx.close();
          System.exit(1);
        });
  }
}
