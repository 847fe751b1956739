package dev.breakout.server.room;

/**
 * An operation that was refused; nothing changed. {@code current} is the card as it stands when a
 * stale edit is refused with {@link ErrorCode#CONFLICT}, else null.
 */
public record Rejection(ErrorCode code, String message, Card current) {

  public static Rejection of(ErrorCode code, String message) {
    return new Rejection(code, message, null);
  }
}
