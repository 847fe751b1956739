package dev.breakout.server.web;

import dev.breakout.server.live.Frame;
import dev.breakout.server.live.Wire;
import io.netty.buffer.Unpooled;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/** A client's WebSocket on this node. */
final class SocketWire implements Wire {
  private final ServerWebSocket socket;
  /** The largest frame this server sends whole; longer messages are split as writeTextMessage does. */
  private final int maxFrameBytes;

  SocketWire(ServerWebSocket socket, int maxFrameBytes) {
    this.socket = socket;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public void send(String text) {
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
    if (!socket.isClosed()) {
      socket.close(code, reason);
    }
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
