package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.protocol.Close;
import io.vertx.core.json.JsonObject;

/**
 * One authenticated client. A student's {@code groupId} changes when the instructor moves the
 * student: the socket follows into the new room.
 */
final class Connection {
  private final Wire socket;
  private final Principal principal;
  private final String workshopId;
  private final RateLimiter rate;
  private String groupId;

  Connection(Wire socket, Principal principal, String workshopId, String groupId, RateLimiter rate) {
    this.socket = socket;
    this.principal = principal;
    this.workshopId = workshopId;
    this.groupId = groupId;
    this.rate = rate;
  }

  Principal principal() {
    return principal;
  }

  String workshopId() {
    return workshopId;
  }

  String groupId() {
    return groupId;
  }

  void moveTo(String newGroupId) {
    this.groupId = newGroupId;
  }

  boolean isInstructor() {
    return principal instanceof Principal.Instructor;
  }

  RateLimiter rate() {
    return rate;
  }

  /**
   * Sends one message. A client that cannot keep up is disconnected rather than buffered without
   * bound; it resumes from its last sequence number when it comes back.
   */
  void send(String text) {
    if (writable()) {
      socket.send(text);
    }
  }

  /** As {@link #send(String)}, for a message encoded once for all its recipients. */
  void send(Frame frame) {
    if (writable()) {
      socket.send(frame);
    }
  }

  private boolean writable() {
    if (socket.isClosed()) {
      return false;
    }
    if (socket.writeQueueFull()) {
      socket.close(Close.TOO_SLOW);
      return false;
    }
    return true;
  }

  void send(JsonObject message) {
    send(message.encode());
  }

  void close(Close close) {
    if (!socket.isClosed()) {
      socket.close(close);
    }
  }
}
