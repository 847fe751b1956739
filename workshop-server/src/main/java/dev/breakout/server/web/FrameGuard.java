package dev.breakout.server.web;

import dev.breakout.server.live.RateLimiter;
import dev.breakout.server.protocol.Close;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What one socket may send, counted frame by frame before anything reads it:
 *
 * <ul>
 *   <li>size: a message, whether one frame or many fragments, may have at most {@code maxBytes};
 *       past that the socket is closed with 1009 as soon as the limit is passed (the rest is never
 *       buffered);
 *   <li>pace: every frame but a close (operations, pings of either kind, garbage, fragments) takes
 *       a token from the socket's frame bucket; a socket that empties it is closed with 1008;
 *   <li>garbage: a message that could not be read (not JSON, no or unknown type, a malformed
 *       operation, a binary frame, too long) is a strike; a socket that keeps sending garbage after
 *       the errors it got is closed with 1008.
 * </ul>
 *
 * A closed socket's seat may reconnect at once: nothing here outlives the socket.
 * Confined to the socket's event loop; time is passed in.
 */
final class FrameGuard {
  /** Strikes a socket may collect in a burst, and how fast they are forgiven. */
  static final int STRIKES = 10;
  static final double STRIKES_FORGIVEN_PER_SECOND = 0.2;

  /** What the guard does to the socket: close it with a code and a reason. */
  interface Closer {
    void close(short code, String reason);
  }

  private final int maxBytes;
  private final RateLimiter frames;
  private final RateLimiter strikes;
  private final Closer closer;
  private Buffer message;
  private boolean binary;
  private boolean closed;

  /**
   * @param framesPerSecond sustained data frames a socket may send
   * @param frameBurst      frames it may send at once (a reconnecting client resends what it kept)
   */
  FrameGuard(int maxBytes, double framesPerSecond, int frameBurst, long now, Closer closer) {
    this.maxBytes = maxBytes;
    this.frames = new RateLimiter(framesPerSecond, frameBurst, now);
    this.strikes = new RateLimiter(STRIKES_FORGIVEN_PER_SECOND, STRIKES, now);
    this.closer = closer;
  }

  /**
   * Takes one frame; a complete text message goes to {@code onText}, a complete binary one to
   * {@code onBinary}. Pings and pongs count but are the WebSocket layer's to answer; a close
   * frame is its business alone.
   */
  void frame(WebSocketFrame frame, long now, Consumer<String> onText, Runnable onBinary) {
    if (closed || frame.isClose()) {
      return;
    }
    if (!frames.tryTake(now)) {
      close(Close.FLOOD);
      return;
    }
    if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    if (frame.isFinal() && !frame.isContinuation()) {
      // The usual case, one whole message in one frame: no copy.
      message = null;
      if (frame.binaryData().length() > maxBytes) {
        close(Close.tooBig(maxBytes));
      } else if (frame.isBinary()) {
        onBinary.run();
      } else {
        onText.accept(frame.textData());
      }
      return;
    }
    if (frame.isContinuation()) {
      if (message == null) {
        strike(now);
        return;
      }
    } else {
      message = Buffer.buffer();
      binary = frame.isBinary();
    }
    Buffer data = frame.binaryData();
    if (message.length() + data.length() > maxBytes) {
      message = null;
      close(Close.tooBig(maxBytes));
      return;
    }
    message.appendBuffer(data);
    if (!frame.isFinal()) {
      return;
    }
    Buffer whole = message;
    message = null;
    if (binary) {
      onBinary.run();
    } else {
      onText.accept(whole.toString(StandardCharsets.UTF_8));
    }
  }

  /** Counts a message that was answered with an error because it could not be read. */
  void strike(long now) {
    if (!closed && !strikes.tryTake(now)) {
      close(Close.UNREADABLE);
    }
  }

  /** A frame over the WebSocket layer's own limit, refused before it reached {@link #frame}. */
  void tooBig() {
    close(Close.tooBig(maxBytes));
  }

  boolean closed() {
    return closed;
  }

  private void close(Close close) {
    if (!closed) {
      closed = true;
      closer.close(close.code(), close.reason());
    }
  }
}
