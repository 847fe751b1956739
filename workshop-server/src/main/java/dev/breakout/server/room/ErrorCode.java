package dev.breakout.server.room;

/** Why an operation was refused; the wire names are part of the protocol. */
public enum ErrorCode {
  BAD_REQUEST("bad-request"),
  UNKNOWN_TYPE("unknown-type"),
  FORBIDDEN("forbidden"),
  NOT_FOUND("not-found"),
  TOO_LONG("too-long"),
  RATE_LIMITED("rate-limited"),
  PHASE_CLOSED("phase-closed"),
  CONFLICT("conflict"),
  UNAVAILABLE("unavailable");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
