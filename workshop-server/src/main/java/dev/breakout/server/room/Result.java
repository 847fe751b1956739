package dev.breakout.server.room;

/** A value, or the reason there is none. */
public record Result<T>(T value, Rejection rejection) {

  static <T> Result<T> ok(T value) {
    return new Result<>(value, null);
  }

  static <T> Result<T> rejected(Reason reason, Object... params) {
    return new Result<>(null, Rejection.of(reason, params));
  }

  static <T> Result<T> rejected(Rejection rejection) {
    return new Result<>(null, rejection);
  }

  public boolean ok() {
    return rejection == null;
  }
}
