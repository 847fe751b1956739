package dev.breakout.server.protocol;

/**
 * Every WebSocket close the server sends: its code and its reason (docs/protocol.md, section 5,
 * "WebSocket close codes"). Clients act on the code; the reason is for people reading logs.
 */
public record Close(short code, String reason) {
  /** The hello is missing, late or bad, or names no workshop or seat: the client does not reconnect. */
  public static final short POLICY_VIOLATION = 1008;
  public static final short MESSAGE_TOO_BIG = 1009;

  public static final Close NO_HELLO = new Close(POLICY_VIOLATION, "no hello within 5 s");
  public static final Close NOT_HELLO = new Close(POLICY_VIOLATION, "the first message must be hello");
  public static final Close BAD_TOKEN = new Close(POLICY_VIOLATION, "invalid or expired token");
  public static final Close UNKNOWN_SEAT = new Close(POLICY_VIOLATION, "unknown workshop or seat");
  public static final Close TOO_MANY_EARLY = new Close(POLICY_VIOLATION, "too many messages before the welcome");
  public static final Close FLOOD = new Close(POLICY_VIOLATION, "too many messages; slow down and reconnect");
  public static final Close UNREADABLE = new Close(POLICY_VIOLATION, "too many unreadable messages");
  /** The workshop was deleted: nothing to reconnect to. */
  public static final Close DELETED = new Close((short) 1000, "workshop deleted");
  /** The server could not save: the room reloads from the store, the client reconnects. */
  public static final Close STORAGE_FAILED = new Close((short) 1011, "storage failed");
  /** A clean shutdown: the client reconnects, to wherever the room goes. */
  public static final Close RESTARTING = new Close((short) 1012, "server restarting; reconnect");
  /** The room is held by another server now: the client reconnects and lands there. */
  public static final Close OWNER_MOVED = new Close((short) 1012, "the room moved to another server; reconnect");
  /** The socket was relayed to a node that is gone: the client reconnects and lands on the new owner. */
  public static final Close OWNER_GONE = new Close((short) 1012,
      "the server holding your room is out of reach; reconnect");
  /** The client cannot keep up with its messages; it resumes from its lastSeq. */
  public static final Close TOO_SLOW = new Close((short) 1013, "too slow: reconnect and resume");
  /** Too many connections from one seat in a short time: the client reconnects after its backoff. */
  public static final Close RECONNECTING_TOO_OFTEN = new Close((short) 1013,
      "too many connections in a short time; wait a moment");
  /** The room could not be loaded (a database restart, say): not the client's fault. */
  public static final Close ROOM_UNAVAILABLE = new Close((short) 1013,
      "the room cannot be loaded now; reconnect in a moment");
  /** A newer socket of the same seat replaced this one: the client does not reconnect it. */
  public static final Close REPLACED = new Close((short) 4001, "replaced: this seat has too many connections");
  /**
   * This node is cut off from the cluster's majority (a network partition) and holds no rooms: the
   * client reconnects, to any node (docs/decisions/013-partition-fencing.md).
   */
  public static final Close CUT_OFF = new Close((short) 4503, "this server is cut off from the others; reconnect");

  /** One message (a frame or its fragments together) over the limit. */
  public static Close tooBig(int maxBytes) {
    return new Close(MESSAGE_TOO_BIG, "message too big: at most " + maxBytes + " bytes");
  }
}
