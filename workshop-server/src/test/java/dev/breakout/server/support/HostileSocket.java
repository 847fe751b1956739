package dev.breakout.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client that breaks the rules on purpose: frames of any size, fragments, binary, floods. It
 * keeps what the server sends as raw text and records how the server closed it.
 */
public final class HostileSocket implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private HostileSocket(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(inbox::add);
    socket.closeHandler(v -> closed.complete(socket.closeStatusCode() == null ? -1 : socket.closeStatusCode()));
    socket.exceptionHandler(err -> { });
  }

  public static HostileSocket connect(Vertx vertx, int port) throws Exception {
    // The client's own limits must not stop what the test wants to send or receive.
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024));
    WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .toCompletionStage().toCompletableFuture().get(TestSocket.WAIT_SECONDS, TimeUnit.SECONDS);
    return new HostileSocket(client, ws);
  }

  /** Says hello with the token and waits for the welcome. */
  public HostileSocket hello(String token) throws Exception {
    text(new JsonObject().put("type", "hello").put("token", token).encode());
    awaitText(t -> t.contains("\"welcome\""));
    return this;
  }

  public void text(String text) {
    socket.writeTextMessage(text);
  }

  /** One text frame, however large, never split. */
  public void singleFrame(String text) {
    socket.writeFrame(WebSocketFrame.textFrame(text, true));
  }

  /** One message of {@code fragments} frames of {@code fragmentBytes} bytes each. */
  public void fragmented(int fragments, int fragmentBytes) {
    socket.writeFrame(WebSocketFrame.textFrame("x".repeat(fragmentBytes), false));
    for (int i = 1; i < fragments; i++) {
      socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("y".repeat(fragmentBytes)),
          i == fragments - 1));
    }
  }

  /** A WebSocket ping control frame (not the protocol's JSON ping). */
  public void controlPing() {
    socket.writePing(Buffer.buffer("p"));
  }

  public void binary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes));
  }

  public String awaitText(java.util.function.Predicate<String> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestSocket.WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      String t = inbox.poll(100, TimeUnit.MILLISECONDS);
      if (t != null && match.test(t)) {
        return t;
      }
    }
    throw new AssertionError("no matching message within " + TestSocket.WAIT_SECONDS + " s");
  }

  /** How many messages arrived so far, taking them out. */
  public int drain() {
    int n = 0;
    while (inbox.poll() != null) {
      n++;
    }
    return n;
  }

  public short awaitClose() throws Exception {
    return closed.get(TestSocket.WAIT_SECONDS * 3, TimeUnit.SECONDS);
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
