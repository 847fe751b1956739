package dev.breakout.load;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of the wire: the prefixes the generator looks for in a message without decoding it,
 * the search helpers over a {@link Buffer}, and how a message is framed for each kind of server.
 */
final class Wire {
  static final byte[] EVENT_PREFIX = bytes("{\"type\":\"event\"");
  static final byte[] ACK_PREFIX = bytes("{\"type\":\"ack\"");
  static final byte[] CARD_ID = bytes("\"cardId\":\"c");
  static final byte[] TEXT = bytes("\"text\":\"");
  static final byte[] OP_ID = bytes("\"opId\":\"");

  private Wire() {}

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Our server and the baseline take the JSON as it is; socket.io wants it as an event named "m". */
  static void send(Peer p, String json) {
    p.ws.writeTextMessage(p.socketIo ? "42[\"m\"," + json + "]" : json);
  }

  static boolean startsWith(Buffer b, byte[] prefix, int from) {
    if (b.length() < from + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b.getByte(from + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(Buffer b, byte c, int from) {
    for (int i = from; i < b.length(); i++) {
      if (b.getByte(i) == c) {
        return i;
      }
    }
    return -1;
  }

  static int indexOf(Buffer b, byte[] pattern, int from, int to) {
    byte first = pattern[0];
    int last = to - pattern.length;
    outer:
    for (int i = from; i <= last; i++) {
      if (b.getByte(i) != first) {
        continue;
      }
      for (int k = 1; k < pattern.length; k++) {
        if (b.getByte(i + k) != pattern[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
