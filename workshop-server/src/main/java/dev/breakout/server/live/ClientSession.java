package dev.breakout.server.live;

import dev.breakout.server.protocol.Close;
import dev.breakout.server.protocol.Operations;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.ErrorCode;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One client's conversation with the room that holds its workshop, after its checked hello
 * attached it: every message checked (size, JSON, type, rate) before the room sees it. Runs on
 * the workshop's context, whether the client's socket is on this node or another: the edge calls
 * {@link #onText} and {@link #onClose} from the socket's loop (or the relay's context), and they
 * hop to the workshop's loop (decision 002), in the order they came, since one context's tasks to
 * another keep their order.
 */
public final class ClientSession {
  /** Larger messages are refused with {@code too-long}; the connection goes on. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;
  public static final long HELLO_TIMEOUT_MS = 5_000;

  private final Wire wire;
  private final Workshops workshops;
  private final Connection connection;
  /** The workshop's context, where its room is read and changed. */
  private final Context room;
  /**
   * Strikes for messages that could not be read (not JSON, malformed or unknown operations, too
   * long, a second hello): a client that keeps sending them after the errors it got is closed with
   * 1008, and may reconnect. Refusals of readable operations (rate, phase, conflict) are no strike.
   */
  private RateLimiter garbage;
  static final int GARBAGE_BURST = 10;
  static final double GARBAGE_FORGIVEN_PER_SECOND = 0.2;

  /** A session for a connection its workshop just attached (see {@link Workshops#open}). */
  ClientSession(Wire wire, Workshops workshops, Connection connection, Context room) {
    this.room = room;
    this.wire = wire;
    this.workshops = workshops;
    this.connection = connection;
  }

  public void onText(String text) {
    inRoom(() -> handle(text));
  }

  /**
   * Runs on the workshop's context: at once when already there, else handed over with what this
   * loop hands that one in this turn ({@link LoopOutbox}), after what it handed before.
   */
  private void inRoom(Runnable task) {
    if (room == Vertx.currentContext()) {
      task.run();
    } else {
      LoopOutbox.hand(room, task);
    }
  }

  private void handle(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      refused(null, ErrorCode.TOO_LONG);
      unreadable(ServerMessages.error(null, Rejection.of(Reason.FRAME_TOO_LONG, "max", MAX_MESSAGE_CHARS)));
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      refused(null, ErrorCode.BAD_REQUEST);
      unreadable(ServerMessages.error(null, Rejection.of(Reason.NOT_JSON_OBJECT)));
      return;
    }
    String type = message.getValue("type") instanceof String t ? t : "";
    if ("ping".equals(type)) {
      reply(ServerMessages.pong(workshops.clock().millis()));
      return;
    }
    if ("hello".equals(type)) {
      unreadable(ServerMessages.error(opId(message), Rejection.of(Reason.ALREADY_HELLO)));
      return;
    }
    if (!workshops.allow(connection)) {
      refused(type, ErrorCode.RATE_LIMITED);
      reply(ServerMessages.error(opId(message), Rejection.of(Reason.TOO_FAST)));
      return;
    }
    Operations.Parsed op = Operations.parse(message);
    if (!op.ok()) {
      refused(type, op.rejection().code());
      unreadable(ServerMessages.error(op.opId(), op.rejection()));
      return;
    }
    workshops.operate(connection, op);
  }

  /** Counts an operation refused before it reached its room. */
  private void refused(String type, ErrorCode code) {
    workshops.metrics().rejected(type, code);
  }

  public void onClose() {
    inRoom(() -> workshops.disconnect(connection));
  }

  /** Answers a message that could not be read, and counts it against the client. */
  private void unreadable(JsonObject error) {
    reply(error);
    long now = workshops.clock().millis();
    if (garbage == null) {
      garbage = new RateLimiter(GARBAGE_FORGIVEN_PER_SECOND, GARBAGE_BURST, now);
    }
    if (!garbage.tryTake(now) && !wire.isClosed()) {
      wire.close(Close.UNREADABLE);
    }
  }

  private void reply(JsonObject message) {
    if (!wire.isClosed()) {
      wire.send(message.encode());
    }
  }

  private static String opId(JsonObject message) {
    return message.getValue("opId") instanceof String s ? s : null;
  }

}
