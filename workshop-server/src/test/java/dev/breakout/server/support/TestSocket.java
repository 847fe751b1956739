package dev.breakout.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A protocol client for tests: every message it receives is queued, and the test thread takes
 * them in order, waiting for each with a bound (never a sleep).
 */
public final class TestSocket implements AutoCloseable {
  public static final long WAIT_SECONDS = 10;
  private static final long CLOSED_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  /** Messages an earlier {@link #await} passed over; a later await may still take them. */
  private final List<JsonObject> skipped = new ArrayList<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private TestSocket(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode()));
  }

  public static TestSocket connect(Vertx vertx, int port, String origin) throws Exception {
    return connect(vertx, "127.0.0.1", port, origin);
  }

  public static TestSocket connect(Vertx vertx, String host, int port, String origin) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws");
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    WebSocket ws = client.connect(options).toCompletionStage().toCompletableFuture()
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    return new TestSocket(client, ws);
  }

  /** Over TLS (through a proxy), trusting the given certificate only. */
  public static TestSocket connectTls(Vertx vertx, int port, java.nio.file.Path certificate) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions().setSsl(true)
        .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(certificate.toString())));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .setSsl(true);
    WebSocket ws = client.connect(options).toCompletionStage().toCompletableFuture()
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    return new TestSocket(client, ws);
  }

  public void send(JsonObject message) {
    socket.writeTextMessage(message.encode());
  }

  public void sendRaw(String text) {
    socket.writeTextMessage(text);
  }

  /** Sends an operation with a fresh opId and returns that opId. */
  public String op(String type, JsonObject fields) {
    String opId = UUID.randomUUID().toString();
    send(fields.copy().put("type", type).put("opId", opId));
    return opId;
  }

  /**
   * The first message that matches and was not taken before: one passed over by an earlier await,
   * or the next to arrive. Each message is returned at most once.
   */
  public JsonObject await(Predicate<JsonObject> match) throws InterruptedException {
    for (int i = 0; i < skipped.size(); i++) {
      if (match.test(skipped.get(i))) {
        return skipped.remove(i);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      long left = deadline - System.nanoTime();
      // Waits in slices so that a closed socket fails the wait at once instead of at the deadline.
      JsonObject m = left <= 0 ? null : inbox.poll(Math.min(left, CLOSED_CHECK_NANOS), TimeUnit.NANOSECONDS);
      if (m == null) {
        if (closed.isDone() && inbox.isEmpty()) {
          throw new IllegalStateException("the socket closed (" + closed.getNow((short) -1) + ")");
        }
        if (System.nanoTime() - deadline >= 0) {
          throw new AssertionError("no matching message within " + WAIT_SECONDS + " s; seen: " + seen);
        }
        continue;
      }
      seen.add(m);
      if (match.test(m)) {
        return m;
      }
      skipped.add(m);
    }
  }

  public JsonObject awaitType(String type) throws InterruptedException {
    return await(m -> type.equals(m.getString("type")));
  }

  public JsonObject awaitEvent(String eventType) throws InterruptedException {
    return await(m -> "event".equals(m.getString("type"))
        && eventType.equals(m.getJsonObject("event").getString("type")));
  }

  public JsonObject awaitReply(String opId) throws InterruptedException {
    return await(m -> opId.equals(m.getString("opId")));
  }

  /** Everything received so far, in order (taken or still queued). */
  public List<JsonObject> seen() {
    List<JsonObject> all = new ArrayList<>(seen);
    all.addAll(inbox);
    return all;
  }

  public short awaitClose() throws Exception {
    return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  public String closeReason() {
    return socket.closeReason();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
    client.close();
  }
}
