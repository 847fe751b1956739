package dev.breakout.server.live;

import dev.breakout.server.room.Rejection;

/** An operation the room refused, carried through a failed future to whoever answers the client. */
public final class Rejected extends RuntimeException {
  private final transient Rejection rejection;

  Rejected(Rejection rejection) {
    super(rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
