package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.auth.Tokens;
import dev.breakout.server.cluster.NoQuorumException;
import dev.breakout.server.protocol.Operations;
import dev.breakout.server.protocol.ErrorJson;
import dev.breakout.server.room.ErrorCode;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One client's conversation with the room that holds its workshop: the {@code hello} that
 * authenticates, then every message checked (size, JSON, type, rate) before the room sees it.
 * Until the room took the socket it runs on the edge's context (the socket's loop, or the relay's);
 * from then on every message and the close hop to the workshop's context (decision 002), in the
 * order they came: one context hands them to another through its task queue, in order.
 */
public final class ClientSession {
  /** Larger messages are refused with {@code too-long}; the connection goes on. */
  public static final int MAX_MESSAGE_CHARS = 16 * 1024;
  public static final short POLICY_VIOLATION = 1008;
  public static final long HELLO_TIMEOUT_MS = 5_000;
  /** The room is held by another server now: the client reconnects and lands there. */
  public static final short OWNER_MOVED = 1012;
  /**
   * This node is cut off from the cluster's majority (a network partition) and holds no rooms: the
   * client reconnects, to any node (docs/protocol.md, docs/decisions/013-partition-fencing.md).
   */
  public static final short CUT_OFF = 4503;
  /** Too many connections from one seat in a short time: the client reconnects after its backoff. */
  public static final short TRY_AGAIN_LATER = 1013;

  private final Wire wire;
  private final Tokens tokens;
  private final Workshops workshops;
  private final Runnable onHello;
  private static final int MAX_EARLY = 256;
  private final List<String> early = new ArrayList<>();
  private boolean helloSeen;
  /** Set on the edge's context once the room took the socket; used on the room's. */
  private Connection connection;
  /** The workshop's context, once the room took the socket; set and read on the edge's. */
  private io.vertx.core.Context room;
  /** The edge saw the socket close; on the edge's context. */
  private boolean closed;
  /**
   * Strikes for messages that could not be read (not JSON, malformed or unknown operations, too
   * long, a second hello): a client that keeps sending them after the errors it got is closed with
   * 1008, and may reconnect. Refusals of readable operations (rate, phase, conflict) are no strike.
   */
  private RateLimiter garbage;
  static final int GARBAGE_BURST = 10;
  static final double GARBAGE_FORGIVEN_PER_SECOND = 0.2;

  /** {@code onHello} runs once the first message was a hello (the caller's hello timer stops). */
  public ClientSession(Wire wire, Tokens tokens, Workshops workshops, Runnable onHello) {
    this.wire = wire;
    this.tokens = tokens;
    this.workshops = workshops;
    this.onHello = onHello;
  }

  public boolean helloSeen() {
    return helloSeen;
  }

  public void onText(String text) {
    if (room != null) {
      inRoom(() -> handle(text));
      return;
    }
    handle(text);
  }

  /** Runs on the workshop's context: at once when already there, else after what was handed before. */
  private void inRoom(Runnable task) {
    if (room == io.vertx.core.Vertx.currentContext()) {
      task.run();
    } else {
      room.runOnContext(v -> task.run());
    }
  }

  private void handle(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      refused(null, ErrorCode.TOO_LONG);
      unreadable(error(null, Rejection.of(Reason.FRAME_TOO_LONG, "max", MAX_MESSAGE_CHARS)));
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      refused(null, ErrorCode.BAD_REQUEST);
      unreadable(error(null, Rejection.of(Reason.NOT_JSON_OBJECT)));
      return;
    }
    String type = message.getValue("type") instanceof String t ? t : "";
    if (!helloSeen) {
      if (!"hello".equals(type)) {
        wire.close(POLICY_VIOLATION, "the first message must be hello");
        return;
      }
      helloSeen = true;
      onHello.run();
      hello(message);
      return;
    }
    if (connection == null) {
      // The token is being checked: keep what the client sent meanwhile (a resend of its
      // pending operations, typically) and handle it once the welcome went out.
      if (early.size() < MAX_EARLY) {
        early.add(text);
      } else {
        reply(error(opId(message), Rejection.of(Reason.WAIT_FOR_WELCOME)));
      }
      return;
    }
    if ("ping".equals(type)) {
      reply(new JsonObject().put("type", "pong").put("serverTime", workshops.clock().millis()));
      return;
    }
    if ("hello".equals(type)) {
      unreadable(error(opId(message), Rejection.of(Reason.ALREADY_HELLO)));
      return;
    }
    if (!workshops.allow(connection)) {
      refused(type, ErrorCode.RATE_LIMITED);
      reply(error(opId(message), Rejection.of(Reason.TOO_FAST)));
      return;
    }
    Operations.Parsed op = Operations.parse(message);
    if (!op.ok()) {
      refused(type, op.rejection().code());
      unreadable(error(op.opId(), op.rejection()));
      return;
    }
    workshops.operate(connection, op);
  }

  /** Counts an operation refused before it reached its room, once the client said hello. */
  private void refused(String type, ErrorCode code) {
    if (helloSeen) {
      workshops.metrics().rejected(type, code);
    }
  }

  public void onClose() {
    closed = true;
    if (connection != null) {
      Connection c = connection;
      inRoom(() -> workshops.disconnect(c));
    }
  }

  private void hello(JsonObject message) {
    String token = message.getValue("token") instanceof String t ? t : null;
    tokens.verify(token).onComplete(result -> {
      if (result.failed()) {
        wire.close(POLICY_VIOLATION, "invalid or expired token");
        return;
      }
      Principal principal = result.result();
      String workshopId = workshopOf(principal, message);
      JsonObject lastSeq;
      if (principal instanceof Principal.Student) {
        lastSeq = new JsonObject().put("seq", message.getValue("lastSeq") instanceof Number n ? n.longValue() : 0L)
            .put("groupId", message.getValue("groupId") instanceof String g ? g : null);
      } else {
        lastSeq = message.getValue("lastSeq") instanceof JsonObject o ? o : new JsonObject();
      }
      if (workshopId == null) {
        wire.close(POLICY_VIOLATION, "unknown workshop or seat");
        return;
      }
      // The workshop may still be loading here (a take-over just began), or may have moved on.
      workshops.ensureOwned(workshopId).onComplete(owner -> {
        if (owner.failed() && owner.cause() instanceof NoQuorumException) {
          wire.close(CUT_OFF, "this server is cut off from the others; reconnect");
        } else if (owner.failed()) {
          // The store could not load the room (a database restart, say): not the client's fault.
          wire.close((short) 1013, "the room cannot be loaded now; reconnect in a moment");
        } else if (owner.result().isEmpty()) {
          wire.close(POLICY_VIOLATION, "unknown workshop or seat");
        } else if (!owner.result().get().equals(workshops.placement().self())) {
          wire.close(OWNER_MOVED, "the room moved to another server; reconnect");
        } else {
          connect(principal, workshopId, lastSeq);
        }
      });
    });
  }

  /** On the edge's context: attaches the socket on the workshop's, then passes on what waited. */
  private void connect(Principal principal, String workshopId, JsonObject lastSeq) {
    Optional<io.vertx.core.Context> context = workshops.contextOf(workshopId);
    if (context.isEmpty()) {
      // Unloaded between the owner's answer and now: the client comes back and loads it.
      wire.close(OWNER_MOVED, "the room moved; reconnect");
      return;
    }
    Workshops.on(context.get(), () -> io.vertx.core.Future.succeededFuture(attach(principal, workshopId, lastSeq)))
        .onSuccess(c -> {
          if (c.isEmpty()) {
            return;
          }
          connection = c.get();
          room = context.get();
          if (closed) {
            inRoom(() -> workshops.disconnect(c.get()));
            return;
          }
          List<String> waiting = List.copyOf(early);
          early.clear();
          waiting.forEach(this::onText);
        });
  }

  /** On the workshop's context. */
  private Optional<Connection> attach(Principal principal, String workshopId, JsonObject lastSeq) {
    if (!workshops.mayConnect(principal, workshopId)) {
      wire.close(TRY_AGAIN_LATER, "too many connections in a short time; wait a moment");
      return Optional.empty();
    }
    Workshops.Attached c = workshops.connect(wire, principal, workshopId, lastSeq);
    if (c.moved()) {
      wire.close(OWNER_MOVED, "the room moved; reconnect");
      return Optional.empty();
    }
    if (c.connection() == null) {
      wire.close(POLICY_VIOLATION, "unknown workshop or seat");
      return Optional.empty();
    }
    if (wire.isClosed()) {
      workshops.disconnect(c.connection());
      return Optional.empty();
    }
    return Optional.of(c.connection());
  }

  /** The workshop a hello is about: a student's token names it, an instructor's hello does. */
  public static String workshopOf(Principal principal, JsonObject hello) {
    if (principal instanceof Principal.Student s) {
      return s.workshopId();
    }
    return hello.getValue("workshopId") instanceof String w ? w : null;
  }

  /** Answers a message that could not be read, and counts it against the client. */
  private void unreadable(JsonObject error) {
    reply(error);
    long now = workshops.clock().millis();
    if (garbage == null) {
      garbage = new RateLimiter(GARBAGE_FORGIVEN_PER_SECOND, GARBAGE_BURST, now);
    }
    if (!garbage.tryTake(now) && !wire.isClosed()) {
      wire.close(POLICY_VIOLATION, "too many unreadable messages");
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

  static JsonObject error(String opId, Rejection rejection) {
    return ErrorJson.reply(opId, rejection);
  }
}
