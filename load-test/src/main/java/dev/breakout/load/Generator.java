package dev.breakout.load;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The load generator: WebSocket clients on a few event loops ("shards"), each owning a share of
 * the peers, its own histograms and its own send schedule, so nothing is shared while measuring.
 * This class is the main thread's side: it hands work to the {@link Shard}s and sums what their
 * {@link Inbox}es measured; {@link Wire} reads and frames the messages.
 *
 * <p>Open loop: student {@code s} sends edit {@code n} at the intended time {@code base + phase(s)
 * + n * interval}, whatever the server did with the previous ones, and every latency is counted
 * from that intended time, so a server that stalls cannot hide its delay by slowing the sender
 * (no coordinated omission). The intended time and the edit number travel in the card text and
 * the opId, so neither an event nor an ack needs a lookup to be timed.
 */
final class Generator implements AutoCloseable {
  /** Realistic card text after the timing prefix (Korean, like the classroom's). */
  static final String FILLER = "레거시 시스템과의 통합 어려움: CI 파이프라인부터";
  /** Source addresses are spread so that no one address needs more than this many ephemeral ports. */
  static final int CONNECTIONS_PER_SOURCE_ADDRESS = 20_000;
  static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  record Endpoint(String host, int port, String path) {}

  final Vertx vertx;
  final Shard[] shards;
  private final Endpoint[] endpoints;

  Generator(int shardCount, List<Endpoint> endpoints) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(shardCount).setWorkerPoolSize(2)
        .setBlockedThreadCheckInterval(10_000));
    this.endpoints = endpoints.toArray(new Endpoint[0]);
    this.shards = new Shard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      Shard shard = new Shard(i, this.endpoints);
      await(vertx.deployVerticle(shard, new DeploymentOptions()), 30);
      shards[i] = shard;
    }
  }

  Shard shardOf(Peer p) {
    return shards[p.id % shards.length];
  }

  // ------------------------------------------------------------------ orchestration (main thread)

  /** Connects the peers, window at a time per shard; returns how many got their welcome. */
  int connect(List<Peer> peers, int windowPerShard, List<String> failures) {
    Map<Shard, List<Peer>> byShard = split(peers);
    List<Future<Integer>> done = new ArrayList<>();
    byShard.forEach((shard, list) -> done.add(shard.call(() -> shard.windowed(list, windowPerShard, shard::connect,
        failures))));
    int failed = 0;
    for (Future<Integer> f : done) {
      failed += await(f, 600);
    }
    return peers.size() - failed;
  }

  /** Sends one setup operation per peer (an opId starting with {@code s}) and waits for every ack. */
  int requestAll(List<Peer> peers, Function<Peer, JsonObject> op, int windowPerShard, List<String> failures) {
    Map<Shard, List<Peer>> byShard = split(peers);
    List<Future<Integer>> done = new ArrayList<>();
    byShard.forEach((shard, list) -> done.add(shard.call(() -> shard.windowed(list, windowPerShard,
        p -> shard.request(p, op.apply(p)), failures))));
    int failed = 0;
    for (Future<Integer> f : done) {
      failed += await(f, 600);
    }
    return peers.size() - failed;
  }

  /** Lets every shard know which peers exist (for the roster and dedupe tables) before a run. */
  void setRoster(Roster roster) {
    for (Shard s : shards) {
      await(s.call(() -> {
        s.inbox.roster = roster;
        return Future.succeededFuture();
      }), 30);
    }
  }

  /**
   * Starts the schedule: sends from {@code base}, measures edits intended in {@code [measureFrom,
   * measureTo)}, stops sending at {@code measureTo}.
   */
  void start(List<Peer> senders, double ratePerSecond, long base, long measureFrom, long measureTo) {
    long interval = Math.round(1e9 / ratePerSecond);
    Map<Shard, List<Peer>> byShard = split(senders);
    int total = senders.size();
    // Phases spread every student's sends evenly over the interval, by student index, so groups
    // and workshops interleave and no second has a burst.
    for (Shard s : shards) {
      List<Peer> mine = byShard.getOrDefault(s, List.of());
      await(s.call(() -> {
        s.startSchedule(mine, total, interval, base, measureFrom, measureTo);
        return Future.succeededFuture();
      }), 30);
    }
  }

  /**
   * Ends the measured window now: sending stops and nothing that arrives later is counted or timed
   * (a soak's next steps show the group boards again, e.g. the presenting group's to everyone).
   */
  void endWindow() {
    for (Shard s : shards) {
      await(s.call(() -> {
        s.endWindow();
        return Future.succeededFuture();
      }), 30);
    }
  }

  Counts counts() {
    Counts sum = new Counts();
    for (Shard s : shards) {
      sum.add(await(s.call(() -> Future.succeededFuture(s.inbox.counts())), 30));
    }
    return sum;
  }

  boolean sending() {
    for (Shard s : shards) {
      if (await(s.call(() -> Future.succeededFuture(s.timerId >= 0)), 30)) {
        return true;
      }
    }
    return false;
  }

  Results results() {
    Results r = new Results();
    for (Shard s : shards) {
      Results part = await(s.call(() -> Future.succeededFuture(s.inbox.results())), 30);
      r.add(part);
    }
    return r;
  }

  /** How many of these peers are open now. */
  int open(List<Peer> peers) {
    Map<Shard, List<Peer>> byShard = split(peers);
    int n = 0;
    for (Map.Entry<Shard, List<Peer>> e : byShard.entrySet()) {
      n += await(e.getKey().call(() -> Future.succeededFuture((int) e.getValue().stream().filter(p -> p.open).count())),
          30);
    }
    return n;
  }

  void closePeers(List<Peer> peers) {
    Map<Shard, List<Peer>> byShard = split(peers);
    for (Map.Entry<Shard, List<Peer>> e : byShard.entrySet()) {
      await(e.getKey().call(() -> {
        e.getValue().forEach(Shard::closePeer);
        return Future.succeededFuture();
      }), 30);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("generator did not close cleanly: " + e);
    }
  }

  private Map<Shard, List<Peer>> split(List<Peer> peers) {
    Map<Shard, List<Peer>> byShard = new LinkedHashMap<>();
    for (Peer p : peers) {
      byShard.computeIfAbsent(shardOf(p), k -> new ArrayList<>()).add(p);
    }
    return byShard;
  }

  static <T> T await(Future<T> f, int seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + seconds + " s", e);
    }
  }

  // ------------------------------------------------------------------ shared, read-only while running

  /** Facts about every student that receivers need: its slot in its group and its node. */
  static final class Roster {
    final int[] slot;
    final int[] node;

    Roster(int[] slot, int[] node) {
      this.slot = slot;
      this.node = node;
    }
  }

  /** Counters summed over shards. */
  static final class Counts {
    long sent;
    long expected;
    long delivered;
    long duplicates;
    long acked;
    long errors;
    long closes;
    long sendFailures;
    long synthesisFetches;
    long synthesisFailures;

    void add(Counts o) {
      synthesisFetches += o.synthesisFetches;
      synthesisFailures += o.synthesisFailures;
      sent += o.sent;
      expected += o.expected;
      delivered += o.delivered;
      duplicates += o.duplicates;
      acked += o.acked;
      errors += o.errors;
      closes += o.closes;
      sendFailures += o.sendFailures;
    }
  }

  /** Histograms (microseconds) and counters summed over shards. */
  static final class Results {
    final Histogram delivery = histogram();
    final Histogram deliverySameNode = histogram();
    final Histogram deliveryCrossNode = histogram();
    final Histogram ack = histogram();
    final Histogram sendLag = histogram();
    /** Dashboards showing the synthesis: from a synthesis.changed to the synthesis fetched. */
    final Histogram synthesis = histogram();
    final Counts counts = new Counts();
    final Map<String, Long> errorCodes = new LinkedHashMap<>();
    final List<String> errorSamples = new ArrayList<>();

    void add(Results o) {
      synthesis.add(o.synthesis);
      delivery.add(o.delivery);
      deliverySameNode.add(o.deliverySameNode);
      deliveryCrossNode.add(o.deliveryCrossNode);
      ack.add(o.ack);
      sendLag.add(o.sendLag);
      counts.add(o.counts);
      o.errorCodes.forEach((k, v) -> errorCodes.merge(k, v, Long::sum));
      for (String s : o.errorSamples) {
        if (errorSamples.size() < 10) {
          errorSamples.add(s);
        }
      }
    }
  }

  static Histogram histogram() {
    return new Histogram(HIGHEST_MICROS, 3);
  }

  static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }
}
