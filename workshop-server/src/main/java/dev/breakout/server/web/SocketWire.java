package dev.breakout.server.web;

import dev.breakout.server.live.Frame;
import dev.breakout.server.live.LoopOutbox;
import dev.breakout.server.live.Wire;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * A client's WebSocket on this node. Its workshop may live on another event loop than the socket
 * (docs/decisions/002-one-event-loop-per-node.md): what the workshop sends from there is handed to
 * the socket's loop, in order, one hand-over per loop and turn ({@link LoopOutbox}), and written
 * there. Vert.x would queue a write from another thread
 * itself, but counts such writes against a limit of 16 messages in flight, and {@link
 * #writeQueueFull()} would then cut off a client that merely got one burst (a welcome and its
 * replay); written on the socket's loop, the limit is the socket's own, in bytes.
 */
final class SocketWire implements Wire {
  private final ServerWebSocket socket;
  /** The socket's context: the one it was accepted on, where it is read and written. */
  private final Context context;
  /** The largest frame this server sends whole; longer messages are split as writeTextMessage does. */
  private final int maxFrameBytes;

  /** Made on the socket's own context. */
  SocketWire(ServerWebSocket socket, int maxFrameBytes) {
    this.socket = socket;
    // The loop's own context, not the connection's duplicate of it: the writes of one turn to every
    // socket of that loop then go over as one hand-over (LoopOutbox).
    Context current = Vertx.currentContext();
    this.context = current == null ? null : ((ContextInternal) current).unwrap();
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * Runs on the socket's loop: at once when called there, else handed over with what the calling
   * loop writes to that loop in this turn ({@link LoopOutbox}), after what it handed before.
   */
  private void onSocket(Runnable write) {
    if (context == null || ((ContextInternal) context).nettyEventLoop().inEventLoop()) {
      write.run();
    } else {
      LoopOutbox.hand(context, write);
    }
  }

  @Override
  public void send(String text) {
    onSocket(() -> write(text));
  }

  private void write(String text) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(text);
    }
  }

  /**
   * Writes the frame's bytes without encoding or copying them for this socket: a fresh Netty
   * wrapper (own indices, own reference count) around the shared array, through the public
   * {@code writeFrame}, so flushing, the write queue's accounting and the close checks are those
   * of {@code writeTextMessage}. Vert.x 5 has no public text frame from bytes; the frame class is
   * Vert.x's own implementation (docs/decisions/014-encode-once.md, checked by SharedFrameTest).
   */
  @Override
  public void send(Frame frame) {
    onSocket(() -> write(frame));
  }

  private void write(Frame frame) {
    if (socket.isClosed()) {
      return;
    }
    if (frame.length() > maxFrameBytes) {
      socket.writeTextMessage(frame.text());
      return;
    }
    socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(frame.utf8()), true));
  }

  @Override
  public void close(short code, String reason) {
    // After what was sent before it, on the socket's loop.
    onSocket(() -> {
      if (!socket.isClosed()) {
        socket.close(code, reason);
      }
    });
  }

  @Override
  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }
}
