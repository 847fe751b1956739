package dev.breakout.server.web;

import dev.breakout.server.room.ErrorCode;
import dev.breakout.server.room.Rejection;

/** A request refused with an HTTP status, a protocol error code and a message a person can act on. */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final long retryAfterSeconds;

  ApiException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, ErrorCode.BAD_REQUEST.wire(), message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, ErrorCode.NOT_FOUND.wire(), message);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  static ApiException of(Rejection r) {
    int status = switch (r.code()) {
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT, PHASE_CLOSED -> 409;
      case TOO_LONG -> 413;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      default -> 400;
    };
    return new ApiException(status, r.code().wire(), r.message());
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
