package dev.breakout.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
  private static final byte[] EVENT_PREFIX = bytes("{\"type\":\"event\"");
  private static final byte[] ACK_PREFIX = bytes("{\"type\":\"ack\"");
  private static final byte[] CARD_ID = bytes("\"cardId\":\"c");
  private static final byte[] TEXT = bytes("\"text\":\"");
  private static final byte[] OP_ID = bytes("\"opId\":\"");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

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
      Shard shard = new Shard(i);
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
        s.roster = roster;
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
   * Ends the measured window now: nothing that arrives later is counted or timed (a soak's next
   * steps show the group boards again, e.g. the presenting group's to everyone).
   */
  void endWindow() {
    for (Shard s : shards) {
      await(s.call(() -> {
        s.measureFrom = Long.MAX_VALUE;
        s.measureTo = Long.MAX_VALUE;
        return Future.succeededFuture();
      }), 30);
    }
  }

  Counts counts() {
    Counts sum = new Counts();
    for (Shard s : shards) {
      sum.add(await(s.call(() -> Future.succeededFuture(s.counts())), 30));
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
      Results part = await(s.call(() -> Future.succeededFuture(s.results())), 30);
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

  // ------------------------------------------------------------------ one event loop's share

  final class Shard extends AbstractVerticle {
    final int index;
    private final List<WebSocketClient> clients = new ArrayList<>();
    Roster roster;
    private Histogram delivery = histogram();
    private Histogram deliverySame = histogram();
    private Histogram deliveryCross = histogram();
    private Histogram ack = histogram();
    private Histogram sendLag = histogram();
    private Histogram synthesis = histogram();
    private io.vertx.core.http.HttpClient http;
    private final Counts counts = new Counts();
    private final Map<String, Long> errorCodes = new LinkedHashMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private long setupOps;

    // the schedule
    private Peer[] senders = new Peer[0];
    private long[] phase = new long[0];
    private long interval;
    private long base;
    long measureFrom = Long.MAX_VALUE;
    long measureTo = Long.MAX_VALUE;
    private long cursor;
    long timerId = -1;

    Shard(int index) {
      this.index = index;
    }

    <T> Future<T> call(java.util.function.Supplier<Future<T>> work) {
      Promise<T> p = Promise.promise();
      context.runOnContext(v -> {
        try {
          work.get().onComplete(p);
        } catch (RuntimeException e) {
          p.fail(e);
        }
      });
      return p.future();
    }

    private WebSocketClient client(int peerId) {
      int a = peerId / CONNECTIONS_PER_SOURCE_ADDRESS;
      while (clients.size() <= a) {
        WebSocketClientOptions o = new WebSocketClientOptions()
            .setMaxConnections(1_000_000)
            .setMaxFrameSize(16 * 1024 * 1024)
            .setMaxMessageSize(64 * 1024 * 1024)
            .setConnectTimeout(30_000)
            .setTryUsePerFrameCompression(false)
            .setTryUsePerMessageCompression(false);
        int n = clients.size();
        if (n > 0) {
          // 127.0.0.2, 127.0.0.3, ...: each source address has its own ~28k ephemeral ports.
          o.setLocalAddress("127.0.0." + (n + 1));
        }
        clients.add(vertx.createWebSocketClient(o));
      }
      return clients.get(a);
    }

    /** Runs fn over items, at most {@code window} at a time; completes with the number that failed. */
    <T> Future<Integer> windowed(List<T> items, int window, Function<T, Future<?>> fn, List<String> failures) {
      Promise<Integer> all = Promise.promise();
      int[] state = new int[3]; // next, in flight, failed
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        while (state[1] < window && state[0] < items.size()) {
          T item = items.get(state[0]++);
          state[1]++;
          Future<?> f;
          try {
            f = fn.apply(item);
          } catch (RuntimeException e) {
            f = Future.failedFuture(e);
          }
          f.onComplete(ar -> {
            state[1]--;
            if (ar.failed()) {
              state[2]++;
              synchronized (failures) {
                if (failures.size() < 20) {
                  failures.add(String.valueOf(ar.cause().getMessage()));
                }
              }
            }
            context.runOnContext(v -> pump[0].run());
          });
        }
        if (state[1] == 0 && state[0] >= items.size()) {
          all.tryComplete(state[2]);
        }
      };
      pump[0].run();
      return all.future();
    }

    Future<Void> connect(Peer p) {
      Endpoint e = endpoints[p.node];
      Promise<Void> welcome = Promise.promise();
      p.welcome = welcome;
      long timer = vertx.setTimer(60_000, id -> welcome.tryFail("no welcome within 60 s"));
      client(p.id).connect(new WebSocketConnectOptions().setHost(e.host()).setPort(e.port()).setURI(e.path()))
          .onComplete(ar -> {
            if (ar.failed()) {
              welcome.tryFail("connect: " + ar.cause());
              return;
            }
            WebSocket ws = ar.result();
            p.ws = ws;
            p.open = true;
            // Frames, not text messages: events are read as bytes, never decoded into Strings.
            ws.frameHandler(f -> onFrame(p, f));
            ws.closeHandler(v -> onClose(p));
            ws.exceptionHandler(err -> {
              if (!p.closing) {
                sample("exception: " + err);
              }
            });
            if (!p.socketIo) {
              ws.writeTextMessage(p.hello);
            }
            // socket.io: the hello goes once the namespace is connected (see onText).
          });
      return welcome.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    Future<JsonObject> request(Peer p, JsonObject op) {
      String opId = "s" + (++setupOps);
      op.put("opId", opId);
      Promise<JsonObject> promise = Promise.promise();
      if (!p.open) {
        return Future.failedFuture("peer " + p.id + " is not connected" + (p.ws == null ? ""
            : " (closed by the server: " + p.ws.closeStatusCode() + " " + p.ws.closeReason() + ")"));
      }
      p.pending.put(opId, promise);
      send(p, op.encode());
      long timer = vertx.setTimer(60_000, id -> {
        p.pending.remove(opId);
        promise.tryFail("no answer to " + op.getString("type") + " within 60 s");
      });
      return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    private void send(Peer p, String json) {
      p.ws.writeTextMessage(p.socketIo ? "42[\"m\"," + json + "]" : json);
    }

    static void closePeer(Peer p) {
      p.closing = true;
      if (p.ws != null && p.open) {
        p.ws.close();
      }
    }

    // ---------------------------------------------------------------- receiving

    private void onFrame(Peer p, WebSocketFrame f) {
      if (f.isContinuation()) {
        if (p.partial != null) {
          p.partial.appendBuffer(f.binaryData());
          if (f.isFinal()) {
            Buffer whole = p.partial;
            p.partial = null;
            onMessage(p, whole);
          }
        }
      } else if (f.isText() || f.isBinary()) {
        if (f.isFinal()) {
          onMessage(p, f.binaryData());
        } else {
          p.partial = Buffer.buffer().appendBuffer(f.binaryData());
        }
      }
      // ping, pong, close: Vert.x answers and reports them itself
    }

    private void onMessage(Peer p, Buffer b) {
      long now = System.nanoTime();
      int start = 0;
      int len = b.length();
      if (len == 0) {
        return;
      }
      if (p.socketIo) {
        // Engine.IO 4 / socket.io 5 framing: 0 open, 2 ping, 40 connected, 42 event, 41 disconnect, 44 error.
        byte c0 = b.getByte(0);
        byte c1 = len > 1 ? b.getByte(1) : 0;
        if (c0 == '4' && c1 == '2') {
          start = indexOf(b, (byte) ',', 2) + 1;
          len--; // the closing ]
        } else if (c0 == '2' && len == 1) {
          p.ws.writeTextMessage("3");
          return;
        } else if (c0 == '0') {
          p.ws.writeTextMessage("40");
          return;
        } else if (c0 == '4' && c1 == '0') {
          send(p, p.hello);
          return;
        } else {
          sample("socket.io packet " + abbreviate(b.toString(StandardCharsets.UTF_8)));
          return;
        }
      }
      if (startsWith(b, EVENT_PREFIX, start)) {
        onEvent(p, b, start, len, now);
      } else if (startsWith(b, ACK_PREFIX, start)) {
        onAck(p, b, start, len, now);
      } else {
        String json = b.getString(start, len, "UTF-8");
        JsonObject m;
        try {
          m = new JsonObject(json);
        } catch (RuntimeException e) {
          counts.errors++;
          sample("unreadable message " + abbreviate(json));
          return;
        }
        onOther(p, m);
      }
    }

    private void onEvent(Peer p, Buffer t, int start, int len, long now) {
      int c = indexOf(t, CARD_ID, start, len);
      if (c < 0) {
        return; // not a card event (presence, phase, joins)
      }
      int i = c + CARD_ID.length;
      int sender = 0;
      byte ch;
      while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
        sender = sender * 10 + (ch - '0');
        i++;
      }
      int x = indexOf(t, TEXT, i, len);
      if (x < 0) {
        return;
      }
      i = x + TEXT.length;
      int n = 0;
      int digits = 0;
      while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
        n = n * 10 + (ch - '0');
        i++;
        digits++;
      }
      if (digits == 0 || i >= len || t.getByte(i) != '.') {
        return; // a setup card ("init")
      }
      i++;
      long micros = 0;
      while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
        micros = micros * 10 + (ch - '0');
        i++;
      }
      if (sender == p.student) {
        return; // the sender's own copy: its latency is the ack's
      }
      long intended = base + micros * 1000;
      if (intended < measureFrom || intended >= measureTo) {
        return;
      }
      int key = p.isStudent() ? roster.slot[sender] : sender;
      if (n <= p.lastSeen[key]) {
        counts.duplicates++;
        return;
      }
      p.lastSeen[key] = n;
      counts.delivered++;
      long us = Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000));
      delivery.recordValue(us);
      if (roster.node[sender] == p.node) {
        deliverySame.recordValue(us);
      } else {
        deliveryCross.recordValue(us);
      }
    }

    private void onAck(Peer p, Buffer t, int start, int len, long now) {
      int o = indexOf(t, OP_ID, start, len);
      if (o < 0) {
        return;
      }
      o += OP_ID.length;
      if (t.getByte(o) == 's') {
        String opId = t.getString(o, indexOf(t, (byte) '"', o), "UTF-8");
        Promise<JsonObject> pr = p.pending.remove(opId);
        if (pr != null) {
          pr.tryComplete(new JsonObject(t.getString(start, len, "UTF-8")));
        }
        return;
      }
      int i = o;
      byte ch;
      while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
        i++;
      }
      if (i >= len || t.getByte(i) != '.') {
        return;
      }
      i++;
      long micros = 0;
      while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
        micros = micros * 10 + (ch - '0');
        i++;
      }
      long intended = base + micros * 1000;
      if (intended < measureFrom || intended >= measureTo) {
        return;
      }
      counts.acked++;
      ack.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000)));
    }

    private void onOther(Peer p, JsonObject m) {
      String type = m.getString("type", "");
      switch (type) {
        case "welcome" -> {
          if (p.welcome != null) {
            p.welcome.tryComplete();
          }
          if (p.synthesisPath != null) {
            fetchSynthesis(p); // the page opens showing it
          }
        }
        case "synthesis.changed" -> {
          if (p.synthesisPath != null) {
            fetchSynthesis(p);
          }
        }
        case "error" -> {
          String opId = m.getString("opId");
          Promise<JsonObject> pr = opId == null ? null : p.pending.remove(opId);
          if (pr != null) {
            pr.tryFail(m.getString("code") + ": " + m.getString("message"));
            return;
          }
          if (p.measuring) {
            counts.errors++;
            errorCodes.merge(m.getString("code", "?"), 1L, Long::sum);
            sample("error " + abbreviate(m.encode()));
          }
        }
        default -> {
          // presence, pong, other events: nothing to measure
        }
      }
    }

    /** As the dashboard page does: one request at a time, once more if a notice came meanwhile. */
    private void fetchSynthesis(Peer p) {
      if (p.fetching) {
        p.fetchAgain = true;
        return;
      }
      p.fetching = true;
      p.fetchAgain = false;
      p.noticeAt = System.nanoTime();
      if (http == null) {
        http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true),
            new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
      }
      Endpoint e = endpoints[p.node];
      http.request(new io.vertx.core.http.RequestOptions().setHost(e.host()).setPort(e.port())
              .setURI(p.synthesisPath).putHeader("Authorization", "Bearer " + p.token))
          .compose(req -> req.send().compose(res -> res.body().map(body -> res.statusCode())))
          .onComplete(ar -> {
            p.fetching = false;
            if (ar.succeeded() && ar.result() == 200) {
              counts.synthesisFetches++;
              synthesis.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (System.nanoTime() - p.noticeAt) / 1000)));
            } else {
              counts.synthesisFailures++;
              sample("synthesis: " + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause().toString()));
            }
            if (p.fetchAgain && p.open && !p.closing) {
              fetchSynthesis(p);
            }
          });
    }

    private void onClose(Peer p) {
      boolean wasOpen = p.open;
      p.open = false;
      if (p.welcome != null) {
        p.welcome.tryFail("closed before the welcome" + (p.ws == null ? "" : " (" + p.ws.closeStatusCode() + " "
            + p.ws.closeReason() + ")"));
      }
      if (!p.closing && wasOpen) {
        counts.closes++;
        sample("peer " + p.id + " closed by the server: " + p.ws.closeStatusCode() + " " + p.ws.closeReason());
      }
      String how = p.ws == null ? "" : " (" + p.ws.closeStatusCode() + " " + p.ws.closeReason() + ")";
      p.pending.values().forEach(pr -> pr.tryFail("closed by the server" + how));
      p.pending.clear();
    }

    private void sample(String s) {
      if (errorSamples.size() < 10) {
        errorSamples.add(s);
      }
    }

    // ---------------------------------------------------------------- sending on schedule

    void startSchedule(List<Peer> mine, int totalSenders, long interval, long base, long measureFrom, long measureTo) {
      this.interval = interval;
      this.base = base;
      this.measureFrom = measureFrom;
      this.measureTo = measureTo;
      delivery = histogram();
      deliverySame = histogram();
      deliveryCross = histogram();
      ack = histogram();
      sendLag = histogram();
      synthesis = histogram();
      counts.synthesisFetches = 0;
      counts.synthesisFailures = 0;
      List<Peer> sorted = new ArrayList<>(mine);
      sorted.sort(Comparator.comparingInt(p -> p.student));
      senders = sorted.toArray(new Peer[0]);
      phase = new long[senders.length];
      for (int i = 0; i < senders.length; i++) {
        phase[i] = (long) ((double) senders[i].student * interval / totalSenders);
      }
      // The array is sorted by phase because phase grows with the student index.
      cursor = 0;
      if (senders.length == 0) {
        return;
      }
      for (Peer p : senders) {
        p.measuring = true;
      }
      timerId = vertx.setPeriodic(1, id -> tick());
    }

    private void tick() {
      long now = System.nanoTime();
      int m = senders.length;
      while (true) {
        int i = (int) (cursor % m);
        long round = cursor / m;
        long t = base + phase[i] + round * interval;
        if (t >= measureTo) {
          vertx.cancelTimer(timerId);
          timerId = -1;
          return;
        }
        if (t > now) {
          return;
        }
        sendEdit(senders[i], t, now);
        cursor++;
      }
    }

    private void sendEdit(Peer p, long intended, long now) {
      int n = ++p.nextEdit;
      long micros = (intended - base) / 1000;
      boolean measured = intended >= measureFrom && intended < measureTo;
      if (measured) {
        counts.sent++;
        counts.expected += p.recipients;
        sendLag.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000)));
      }
      if (!p.open) {
        if (measured) {
          counts.sendFailures++;
        }
        return;
      }
      String stamp = n + "." + micros;
      send(p, "{\"type\":\"card.edit\",\"opId\":\"" + stamp + "\",\"cardId\":\"" + p.cardId + "\",\"text\":\""
          + stamp + ' ' + FILLER + "\"}");
    }

    Counts counts() {
      Counts c = new Counts();
      c.add(counts);
      return c;
    }

    Results results() {
      Results r = new Results();
      r.delivery.add(delivery);
      r.deliverySameNode.add(deliverySame);
      r.deliveryCrossNode.add(deliveryCross);
      r.ack.add(ack);
      r.sendLag.add(sendLag);
      r.synthesis.add(synthesis);
      r.counts.add(counts);
      r.errorCodes.putAll(errorCodes);
      r.errorSamples.addAll(errorSamples);
      return r;
    }
  }

  static boolean startsWith(Buffer b, byte[] prefix, int from) {
    if (b.length() < from + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(from + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(Buffer b, byte c, int from) {
    for (int i = from; i < b.length(); i++) {
      if (b.getByte(i) == c) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(Buffer b, byte[] pattern, int from, int to) {
    byte first = pattern[0];
    int last = to - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (b.getByte(i) != first) {
        continue;
      }
      for (int k = 1; k < pattern.length; k++) {
        if (b.getByte(i + k) != pattern[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }
}
