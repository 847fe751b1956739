package dev.breakout.server.web;

import dev.breakout.server.live.Wire;
import io.vertx.core.http.ServerWebSocket;

/** A client's WebSocket on this node. */
final class SocketWire implements Wire {
  private final ServerWebSocket socket;

  SocketWire(ServerWebSocket socket) {
    this.socket = socket;
  }

  @Override
  public void send(String text) {
    if (!socket.isClosed()) {
      socket.writeTextMessage(text);
    }
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
