package dev.breakout.server.live;

import dev.breakout.server.auth.Principal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A client's {@code hello} once its token was verified: who speaks, about which workshop, and
 * where its state stands (docs/protocol.md, "hello and welcome"). The edge reads and checks the
 * hello once and hands this to {@link Workshops#open}; nothing after it parses the hello again.
 *
 * @param lastSeq a student's {@code {"seq", "groupId"}}, an instructor's seq per group
 */
public record Hello(Principal principal, String workshopId, JsonObject lastSeq) {

  /** The first message as a hello, before its token is checked; empty when it is not a hello. */
  public static Optional<JsonObject> read(String text) {
    if (text.length() > ClientSession.MAX_MESSAGE_CHARS) {
      return Optional.empty();
    }
    try {
      JsonObject message = new JsonObject(text);
      return "hello".equals(message.getValue("type")) ? Optional.of(message) : Optional.empty();
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** The token a hello carries, or null. */
  public static String token(JsonObject hello) {
    return hello.getValue("token") instanceof String t ? t : null;
  }

  /**
   * The checked hello of a verified principal; empty when it names no workshop (a student's token
   * names it, an instructor's hello does).
   */
  public static Optional<Hello> checked(Principal principal, JsonObject hello) {
    if (principal instanceof Principal.Student s) {
      JsonObject lastSeq = new JsonObject()
          .put("seq", hello.getValue("lastSeq") instanceof Number n ? n.longValue() : 0L)
          .put("groupId", hello.getValue("groupId") instanceof String g ? g : null);
      return Optional.of(new Hello(principal, s.workshopId(), lastSeq));
    }
    if (!(hello.getValue("workshopId") instanceof String workshopId)) {
      return Optional.empty();
    }
    return Optional.of(new Hello(principal, workshopId,
        hello.getValue("lastSeq") instanceof JsonObject o ? o : new JsonObject()));
  }
}
