package dev.breakout.server.room;

/** A value, or the reason there is none. */
public record Result<T>(T value, Rejection rejection) {

  static <T> Result<T> ok(T value) {
    return new Result<>(value, null);
  }

  static <T> Result<T> rejected(ErrorCode code, String message) {
    return new Result<>(null, Rejection.of(code, message));
  }

  public boolean ok() {
    return rejection == null;
  }
}
