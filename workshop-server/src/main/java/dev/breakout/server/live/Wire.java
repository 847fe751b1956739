package dev.breakout.server.live;

import dev.breakout.server.protocol.Close;

/**
 * Where a client's messages go: its WebSocket on this node, or, in a cluster, the node that
 * holds its WebSocket. The room code does not know which.
 */
public interface Wire {

  void send(String text);

  /**
   * Sends a message encoded once for all its recipients. A socket writes the shared bytes as they
   * are; other wires may send its text.
   */
  default void send(Frame frame) {
    send(frame.text());
  }

  void close(short code, String reason);

  default void close(Close close) {
    close(close.code(), close.reason());
  }

  boolean isClosed();

  /** True when the client cannot keep up; the room then drops it rather than buffer without bound. */
  boolean writeQueueFull();
}
