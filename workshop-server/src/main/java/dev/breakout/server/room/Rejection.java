package dev.breakout.server.room;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operation that was refused; nothing changed. {@code params} fill the reason's placeholders
 * (and let a client word it itself); {@code current} is the card as it stands when a stale edit is
 * refused with {@link Reason#EDIT_CONFLICT}, else null.
 */
public record Rejection(Reason reason, Map<String, Object> params, Card current) {

  public Rejection {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A refusal for this reason, with parameters given as name, value pairs. */
  public static Rejection of(Reason reason, Object... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("parameters come in name, value pairs");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      params.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return new Rejection(reason, params, null);
  }

  public ErrorCode code() {
    return reason.code();
  }

  /** The message in English, for logs and clients that do not word the reason themselves. */
  public String message() {
    return reason.message(params);
  }
}
