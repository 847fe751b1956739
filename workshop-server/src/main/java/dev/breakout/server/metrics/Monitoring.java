package dev.breakout.server.metrics;

import dev.breakout.server.config.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The server's meters: Vert.x's own (HTTP, WebSocket, event bus), the JVM's, and ours, in one
 * Prometheus registry that {@link MetricsServer} serves. With metrics off every meter is a no-op
 * (a {@link CompositeMeterRegistry} with nothing in it), so the code that records needs no checks.
 *
 * <p>Labels stay bounded on purpose: no path, address, workshop or room in any label, or a
 * server up for months would grow a series per room it ever served.
 */
public final class Monitoring implements AutoCloseable {
  private final MeterRegistry registry;
  private final PrometheusMeterRegistry prometheus;
  private final JvmGcMetrics gc;

  private Monitoring(MeterRegistry registry, PrometheusMeterRegistry prometheus, JvmGcMetrics gc) {
    this.registry = registry;
    this.prometheus = prometheus;
    this.gc = gc;
  }

  /** A Prometheus registry with the JVM's meters when the config asks for metrics; no-op meters otherwise. */
  public static Monitoring of(ServerConfig config) {
    return config.metrics().isPresent() ? prometheus() : off();
  }

  public static Monitoring off() {
    return new Monitoring(new CompositeMeterRegistry(), null, null);
  }

  static Monitoring prometheus() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    // Listens to GC notifications until closed.
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return new Monitoring(registry, registry, gc);
  }

  public MeterRegistry registry() {
    return registry;
  }

  Optional<PrometheusMeterRegistry> prometheusRegistry() {
    return Optional.ofNullable(prometheus);
  }

  /**
   * Makes a Vert.x built with {@code builder} record its HTTP, WebSocket, event-bus and pool
   * meters here. Labels: the route template (not the path), the status code, the event-bus side
   * and failure kind; never an address or a path.
   */
  public VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
    if (prometheus == null) {
      return builder.with(options);
    }
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_CODE, Label.EB_SIDE, Label.EB_FAILURE,
            Label.POOL_TYPE, Label.POOL_NAME)));
    return builder.with(options).withMetrics(new MicrometerMetricsFactory(prometheus));
  }

  /** Stops listening to the JVM and drops the meters. */
  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
