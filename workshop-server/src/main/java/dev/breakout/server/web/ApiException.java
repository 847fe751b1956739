package dev.breakout.server.web;

import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;

/**
 * A request refused with an HTTP status and a {@link Rejection}: the protocol's code, reason and
 * parameters (docs/protocol.md, "Errors").
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final transient Rejection rejection;
  private final long retryAfterSeconds;

  ApiException(int status, Rejection rejection, long retryAfterSeconds) {
    super(rejection.message(), null, false, false);
    this.status = status;
    this.rejection = rejection;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Refused for this reason, with the status its code maps to; parameters as name, value pairs. */
  static ApiException of(Reason reason, Object... params) {
    return of(Rejection.of(reason, params));
  }

  /** The same with a status other than the code's own (a 422 for a session without an exercise). */
  static ApiException withStatus(int status, Reason reason, Object... params) {
    return new ApiException(status, Rejection.of(reason, params), 0);
  }

  static ApiException of(Rejection r) {
    int status = switch (r.code()) {
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT, PHASE_CLOSED -> 409;
      case TOO_LONG -> 413;
      case RATE_LIMITED -> 429;
      case INTERNAL -> 500;
      case UNAVAILABLE -> 503;
      default -> 400;
    };
    return new ApiException(status, r, 0);
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  int status() {
    return status;
  }

  String code() {
    return rejection.code().wire();
  }

  Rejection rejection() {
    return rejection;
  }
}
