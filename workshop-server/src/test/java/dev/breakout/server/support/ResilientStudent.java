package dev.breakout.server.support;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A student client that behaves as the protocol asks of a real one: when its socket closes or
 * goes quiet, it reconnects (to whichever node {@code nextPort} names), resumes from its last seq,
 * and resends the unanswered operation with the same opId. It sends one operation at a time.
 */
public final class ResilientStudent {
  private final io.vertx.core.Vertx vertx;
  private final JsonObject joined;
  private final Opener opener;
  private final List<String> acked = new ArrayList<>();
  private TestSocket socket;
  private long lastSeq;
  private int reconnects;
  private int unavailable;

  public ResilientStudent(io.vertx.core.Vertx vertx, JsonObject joined, IntSupplier nextPort) {
    this(vertx, joined, () -> TestSocket.connect(vertx, nextPort.getAsInt(), null));
  }

  /** Opens each new socket with {@code opener} (through a proxy, over TLS, ...). */
  public ResilientStudent(io.vertx.core.Vertx vertx, JsonObject joined, Opener opener) {
    this.vertx = vertx;
    this.joined = joined;
    this.opener = opener;
  }

  /** Opens a socket to the server, wherever the client reaches it. */
  @FunctionalInterface
  public interface Opener {
    TestSocket open() throws Exception;
  }

  /**
   * Sends one operation (it carries its opId), however many reconnects it takes; returns once it
   * is acknowledged.
   */
  public void apply(JsonObject op) throws Exception {
    Throwable lastError = null;
    String opId = op.getString("opId");
    // Bounded by time, not by attempts: while a database restarts, each attempt fails fast.
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      JsonObject reply;
      try {
        if (socket == null || socket.isClosed()) {
          connect();
        }
        socket.send(op);
        reply = socket.awaitReply(opId);
      } catch (Exception | AssertionError e) {
        // The node went away under us: reconnect and resend the same opId.
        lastError = e;
        closeQuietly();
        continue;
      }
      if ("unavailable".equals(reply.getString("code"))) {
        unavailable++;
        // As the protocol says: the server could not take it now; reconnect and resend.
        lastError = new IllegalStateException(reply.encode());
        closeQuietly();
        continue;
      }
      if (!"ack".equals(reply.getString("type"))) {
        throw new AssertionError("operation " + opId + " refused: " + reply);
      }
      lastSeq = Math.max(lastSeq, reply.getLong("seq"));
      acked.add(opId);
      return;
    }
    throw new AssertionError("operation " + opId + " was never acknowledged", lastError);
  }

  private void connect() throws Exception {
    if (socket != null) {
      reconnects++;
    }
    socket = opener.open();
    socket.send(new JsonObject().put("type", "hello").put("token", joined.getString("token"))
        .put("lastSeq", lastSeq));
    socket.awaitType("welcome");
  }

  private void closeQuietly() {
    if (socket != null) {
      socket.close();
    }
  }

  public List<String> acked() {
    return List.copyOf(acked);
  }

  /** How many times an operation was answered {@code unavailable} (and then resent). */
  public int unavailable() {
    return unavailable;
  }

  public int reconnects() {
    return reconnects;
  }

  public void close() {
    closeQuietly();
  }
}
