package dev.breakout.server.protocol;

import dev.breakout.server.room.Rejection;
import io.vertx.core.json.JsonObject;

/**
 * The one shape of an error on the wire, on the socket and over HTTP alike: {@code code} (what a
 * client acts on), {@code reason} and {@code params} (what it words itself), and {@code message}
 * (the same in English). See docs/protocol.md, "Errors".
 */
final class ErrorJson {
  private ErrorJson() {}

  /** The fields of an error, as HTTP nests them under {@code error}. */
  static JsonObject of(Rejection r) {
    return new JsonObject().put("code", r.code().wire()).put("reason", r.reason().wire())
        .put("params", new JsonObject(new java.util.LinkedHashMap<>(r.params()))).put("message", r.message());
  }

  /** A refusal on the socket: {@code {"type":"error","opId",...}}, with the current card on a conflict. */
  static JsonObject reply(String opId, Rejection r) {
    JsonObject j = new JsonObject().put("type", "error").put("opId", opId).mergeIn(of(r));
    if (r.current() != null) {
      j.put("current", Json.card(r.current()));
    }
    return j;
  }
}
