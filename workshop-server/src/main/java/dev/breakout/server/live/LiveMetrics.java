package dev.breakout.server.live;

import dev.breakout.server.protocol.Operations;
import dev.breakout.server.room.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The rooms' meters (README, "Metrics"). Recording costs a counter increment or a histogram
 * bucket per operation: the labels are a bounded set (operation type, outcome, role), looked up
 * without allocating, never a workshop or a room.
 */
final class LiveMetrics {
  /** Histogram buckets for latencies, from a fast ack to a store that stalls. */
  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};
  private static final String OTHER_TYPE = "other";
  private static final int ACCEPTED = 0;
  private static final int DUPLICATE = 1;
  private static final int FIRST_CODE = 2;

  private final MeterRegistry registry;
  private final AtomicInteger students = new AtomicInteger();
  private final AtomicInteger instructors = new AtomicInteger();
  private final AtomicInteger loaded = new AtomicInteger();
  /** Per operation type, a counter per outcome: accepted, duplicate, then each error code. */
  private final ConcurrentHashMap<String, Counter[]> operations = new ConcurrentHashMap<>();
  private final Timer ack;
  private final Timer fanOut;
  private final Counter takeOvers;
  private final Counter loads;
  private final Counter unloads;

  LiveMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("workshop.clients", students, AtomicInteger::get).tag("role", "student")
        .description("Clients connected to the rooms this node owns").register(registry);
    Gauge.builder("workshop.clients", instructors, AtomicInteger::get).tag("role", "instructor")
        .description("Clients connected to the rooms this node owns").register(registry);
    Gauge.builder("workshop.live.workshops", loaded, AtomicInteger::get)
        .description("Workshops loaded in this node's memory").register(registry);
    ack = Timer.builder("workshop.ack.latency").serviceLevelObjectives(BUCKETS)
        .description("From an operation's arrival to its ack, the durable commit included").register(registry);
    fanOut = Timer.builder("workshop.fanout.latency").serviceLevelObjectives(BUCKETS)
        .description("From an operation's (or a clock deadline's) arrival until its events were written to"
            + " every local recipient").register(registry);
    takeOvers = Counter.builder("workshop.cluster.takeovers")
        .description("Workshops this node took over from a node that left").register(registry);
    loads = Counter.builder("workshop.loads").description("Workshops loaded from the store").register(registry);
    unloads = Counter.builder("workshop.unloads").description("Idle workshops unloaded from memory")
        .register(registry);
  }

  void connected(boolean instructor) {
    (instructor ? instructors : students).incrementAndGet();
  }

  void disconnected(boolean instructor) {
    (instructor ? instructors : students).decrementAndGet();
  }

  void loadedNow(int count) {
    loaded.set(count);
  }

  void loaded() {
    loads.increment();
  }

  void unloaded() {
    unloads.increment();
  }

  void tookOver() {
    takeOvers.increment();
  }

  void accepted(String type, long startNanos) {
    operation(type, ACCEPTED).increment();
    ack.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  void duplicate(String type) {
    operation(type, DUPLICATE).increment();
  }

  void rejected(String type, ErrorCode code) {
    operation(type, FIRST_CODE + code.ordinal()).increment();
  }

  void fannedOut(long startNanos) {
    fanOut.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  private Counter operation(String type, int outcome) {
    String label = type != null && Operations.known(type) ? type : OTHER_TYPE;
    Counter[] row = operations.get(label);
    if (row == null) {
      row = operations.computeIfAbsent(label, t -> new Counter[FIRST_CODE + ErrorCode.values().length]);
    }
    Counter c = row[outcome];
    if (c == null) {
      // Racing threads get the same counter back from the registry: the race is harmless.
      c = Counter.builder("workshop.operations").tag("type", label).tag("outcome", outcomeName(outcome))
          .description("Operations by type and outcome: accepted, duplicate (a retry answered again), or"
              + " the error code").register(registry);
      row[outcome] = c;
    }
    return c;
  }

  private static String outcomeName(int outcome) {
    return switch (outcome) {
      case ACCEPTED -> "accepted";
      case DUPLICATE -> "duplicate";
      default -> ErrorCode.values()[outcome - FIRST_CODE].wire();
    };
  }
}
