package dev.breakout.load;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One event loop's share of the generator: its peers' connections, their setup requests, and their
 * edits on the open-loop schedule; what arrives goes to its {@link Inbox}. Nothing in it is shared
 * with another shard, so nothing is locked while measuring.
 */
final class Shard extends AbstractVerticle {
  final int index;
  private final Generator.Endpoint[] endpoints;
  private final List<WebSocketClient> clients = new ArrayList<>();
  /** Made at deployment, when the verticle has its Vert.x. */
  Inbox inbox;
  private long setupOps;

  // the schedule
  private Peer[] senders = new Peer[0];
  private long[] phase = new long[0];
  private long interval;
  private long cursor;
  long timerId = -1;

  Shard(int index, Generator.Endpoint[] endpoints) {
    this.index = index;
    this.endpoints = endpoints;
  }

  @Override
  public void start() {
    inbox = new Inbox(vertx, endpoints);
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
    int a = peerId / Generator.CONNECTIONS_PER_SOURCE_ADDRESS;
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
    Generator.Endpoint e = endpoints[p.node];
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
          ws.frameHandler(f -> inbox.onFrame(p, f));
          ws.closeHandler(v -> inbox.onClose(p));
          ws.exceptionHandler(err -> {
            if (!p.closing) {
              inbox.sample("exception: " + err);
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
    Wire.send(p, op.encode());
    long timer = vertx.setTimer(60_000, id -> {
      p.pending.remove(opId);
      promise.tryFail("no answer to " + op.getString("type") + " within 60 s");
    });
    return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  static void closePeer(Peer p) {
    p.closing = true;
    if (p.ws != null && p.open) {
      p.ws.close();
    }
  }

  /** Stops sending, if it still does, and ends the measured window: nothing later is counted. */
  void endWindow() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
    inbox.measureFrom = Long.MAX_VALUE;
    inbox.measureTo = Long.MAX_VALUE;
  }

  // ---------------------------------------------------------------- sending on schedule

  void startSchedule(List<Peer> mine, int totalSenders, long interval, long base, long measureFrom, long measureTo) {
    this.interval = interval;
    inbox.window(base, measureFrom, measureTo);
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
      long t = inbox.base + phase[i] + round * interval;
      if (t >= inbox.measureTo) {
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
    long micros = (intended - inbox.base) / 1000;
    boolean measured = intended >= inbox.measureFrom && intended < inbox.measureTo;
    Generator.Counts counts = inbox.counts;
    if (measured) {
      counts.sent++;
      counts.expected += p.recipients;
      inbox.sendLag.recordValue(Math.min(Generator.HIGHEST_MICROS, Math.max(0, (now - intended) / 1000)));
    }
    if (!p.open) {
      if (measured) {
        counts.sendFailures++;
      }
      return;
    }
    String stamp = n + "." + micros;
    Wire.send(p, "{\"type\":\"card.edit\",\"opId\":\"" + stamp + "\",\"cardId\":\"" + p.cardId + "\",\"text\":\""
        + stamp + ' ' + Generator.FILLER + "\"}");
  }
}
