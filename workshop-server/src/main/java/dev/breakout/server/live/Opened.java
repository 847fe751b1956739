package dev.breakout.server.live;

import dev.breakout.server.protocol.Close;

/** What became of a checked hello: a session here, a room on another node, or a close. */
public sealed interface Opened {

  /** Attached to its room on this node: the client's further messages go to {@code session}. */
  record Here(ClientSession session) implements Opened {}

  /** The room is held by {@code node}: the edge relays the socket there. */
  record Elsewhere(String node) implements Opened {}

  /** Not attached: the socket is to be closed so. */
  record Refused(Close close) implements Opened {}
}
