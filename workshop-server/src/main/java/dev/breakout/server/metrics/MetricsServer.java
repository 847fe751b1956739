package dev.breakout.server.metrics;

import dev.breakout.server.config.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics} in Prometheus's text format, on the management address (loopback unless
 * configured), apart from the port students reach. It answers nothing else: any other method is
 * refused with 405 and any other path with 404, so the port offers nothing to change.
 */
public final class MetricsServer {
  public static final String PATH = "/metrics";

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  public static Future<MetricsServer> start(Vertx vertx, ServerConfig.Management where, Monitoring monitoring) {
    PrometheusMeterRegistry registry = monitoring.prometheusRegistry().orElseThrow(
        () -> new IllegalStateException("metrics are off"));
    Router router = Router.router(vertx);
    router.route(PATH).handler(ctx -> {
      if (ctx.request().method() == HttpMethod.GET) {
        ctx.next();
      } else {
        ctx.response().setStatusCode(405).putHeader("allow", "GET").end();
      }
    });
    router.get(PATH).handler(PrometheusScrapingHandler.create(registry));
    router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
    return vertx.createHttpServer(new HttpServerOptions().setHost(where.host()).setPort(where.port()))
        .requestHandler(router)
        .listen()
        .map(MetricsServer::new);
  }

  /** The port actually bound (the configured one, or the one the system chose for port 0). */
  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
