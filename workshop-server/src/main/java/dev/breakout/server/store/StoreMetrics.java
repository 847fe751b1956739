package dev.breakout.server.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's meters (README, "Metrics"): how long a batch takes to become durable and how many
 * requests share it, for the journal and for the database, and how many journaled events wait to
 * be moved into H2. Recorded once per batch on the store's own threads, never per event.
 */
final class StoreMetrics {
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};
  private static final double[] BATCH_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 20000};

  static final StoreMetrics NONE = new StoreMetrics(new CompositeMeterRegistry());

  final Timer journalCommit;
  final DistributionSummary journalBatch;
  final Timer databaseCommit;
  final DistributionSummary databaseBatch;
  /** Journaled events H2 does not hold yet; the applier moves them every 100 ms. */
  final AtomicLong backlog = new AtomicLong();

  StoreMetrics(MeterRegistry registry) {
    // One description per meter name: Prometheus has one HELP line per name, whatever the labels.
    journalCommit = commit(registry, "journal");
    journalBatch = batch(registry, "journal");
    databaseCommit = commit(registry, "database");
    databaseBatch = batch(registry, "database");
    Gauge.builder("workshop.journal.backlog.events", backlog, AtomicLong::get)
        .description("Events in the journal that are not yet moved into H2").register(registry);
  }

  private static Timer commit(MeterRegistry registry, String store) {
    return Timer.builder("workshop.store.commit.latency").tag("store", store).serviceLevelObjectives(LATENCY_BUCKETS)
        .description("Time to make one batch durable: a journal write, or a database transaction")
        .register(registry);
  }

  private static DistributionSummary batch(MeterRegistry registry, String store) {
    return DistributionSummary.builder("workshop.store.batch.size").tag("store", store)
        .serviceLevelObjectives(BATCH_BUCKETS).description("Requests (appends) made durable by one batch")
        .register(registry);
  }

  static void time(Timer timer, long startNanos) {
    timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
