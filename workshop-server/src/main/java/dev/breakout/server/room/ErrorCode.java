package dev.breakout.server.room;

/**
 * The broad kind of a refusal, which clients act on (retry, reconnect, show the current card); the
 * wire names are part of the protocol. The precise {@link Reason} travels with it.
 */
public enum ErrorCode {
  BAD_REQUEST("bad-request"),
  UNKNOWN_TYPE("unknown-type"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not-found"),
  TOO_LONG("too-long"),
  RATE_LIMITED("rate-limited"),
  PHASE_CLOSED("phase-closed"),
  CONFLICT("conflict"),
  UNAVAILABLE("unavailable"),
  UNAUTHORIZED("unauthorized"),
  INTERNAL("internal");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
