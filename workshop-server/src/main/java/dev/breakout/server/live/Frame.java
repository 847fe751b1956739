package dev.breakout.server.live;

import java.nio.charset.StandardCharsets;

/**
 * One outgoing text message, encoded to UTF-8 once and written as is to every recipient's socket
 * (docs/decisions/014-encode-once.md): a fan-out to 24 sockets encodes one event once, not 24
 * times. Immutable; the bytes are never handed out for writing.
 */
public final class Frame {
  private final byte[] utf8;
  /** For a logged event, its seq in its group's log (what replay selects by); 0 otherwise. */
  private final long seq;

  private Frame(byte[] utf8, long seq) {
    this.utf8 = utf8;
    this.seq = seq;
  }

  public static Frame of(String text) {
    return new Frame(text.getBytes(StandardCharsets.UTF_8), 0);
  }

  /**
   * A logged event's message, as it is sent and later replayed: the history keeps this one
   * object per event instead of the event's objects (issue 15 item 3).
   */
  static Frame event(long seq, String text) {
    return new Frame(text.getBytes(StandardCharsets.UTF_8), seq);
  }

  /** A kept event's message again, from its bytes (a replay from {@link GroupHistory}). */
  static Frame event(long seq, byte[] utf8) {
    return new Frame(utf8, seq);
  }

  long seq() {
    return seq;
  }

  /** The encoded bytes, shared: callers only read them (wrap them, never write into them). */
  public byte[] utf8() {
    return utf8;
  }

  public int length() {
    return utf8.length;
  }

  /** The text again, decoded: for the cluster relay and for messages too large for one frame. */
  public String text() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return text();
  }
}
