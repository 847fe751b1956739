package dev.breakout.server.web;

import dev.breakout.server.auth.Tokens;
import dev.breakout.server.export.Exports;
import dev.breakout.server.export.WorkshopRecord;
import dev.breakout.server.live.Rejected;
import dev.breakout.server.live.Workshops;
import dev.breakout.server.protocol.HttpBodies;
import dev.breakout.server.protocol.TextNormalizer;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What the HTTP API asks of a workshop, done on the node that owns it. The request and the reply
 * are JSON so that another node can ask over the event bus just as this node asks itself.
 */
final class Actions {
  private final Workshops workshops;
  private final Tokens tokens;
  private final Exports exports;
  /**
   * How long a join code seats new students, from the workshop's creation. It bounds how many codes
   * are open to guessing at once (docs/decisions/008-join-throttle.md); a seat taken before is
   * taken back with its rejoin key at any time.
   */
  static final long JOIN_CODE_OPEN_MS = 24 * 3600 * 1000L;

  Actions(Workshops workshops, Tokens tokens, Exports exports) {
    this.workshops = workshops;
    this.tokens = tokens;
    this.exports = exports;
  }

  /**
   * A reply as the HTTP layer sends it. {@code body} is a {@link JsonObject} or {@link JsonArray}
   * for JSON, encoded once when it is sent, or the text of an export.
   */
  record Reply(int status, String contentType, Object body, String filename) {
    static Reply json(int status, Object body) {
      return new Reply(status, "application/json; charset=utf-8", body, null);
    }

    static Reply error(ApiException e) {
      return json(e.status(), HttpBodies.error(e.rejection()));
    }

    /** The error's reason (docs/protocol.md, "Errors") when this reply refuses the request. */
    Optional<String> reason() {
      if (status < 400 || !(body instanceof JsonObject o)) {
        return Optional.empty();
      }
      JsonObject error = o.getJsonObject("error");
      return Optional.ofNullable(error == null ? null : error.getString("reason"));
    }

    /** The body as it goes out. */
    String encoded() {
      return body instanceof JsonObject o ? o.encode() : body instanceof JsonArray a ? a.encode() : (String) body;
    }

    JsonObject toJson() {
      return new JsonObject().put("status", status).put("contentType", contentType).put("body", body)
          .put("filename", filename);
    }

    static Reply fromJson(JsonObject j) {
      return new Reply(j.getInteger("status"), j.getString("contentType"), j.getValue("body"),
          j.getString("filename"));
    }
  }

  /**
   * Runs one action, on the context of the workshop it is about (decision 002: a workshop's state
   * is read and changed only there); failures the client caused become error replies, not failed
   * futures. Completes on the caller's context.
   */
  Future<Reply> run(JsonObject request) {
    String id = request.getValue("id") instanceof String s ? s : null;
    String code = request.getValue("code") instanceof String s ? s : null;
    return workshops.onContextOf(id, code, () -> runHere(request));
  }

  private Future<Reply> runHere(JsonObject request) {
    try {
      Future<Reply> reply = switch (request.getString("action", "")) {
        case "joinInfo" -> Future.succeededFuture(joinInfo(workshopOf(request)));
        case "join" -> join(workshopOf(request), request);
        case "state" -> Future.succeededFuture(state(workshopOf(request)));
        case "export" -> export(request);
        case "analytics" -> analytics(request);
        case "synthesis" -> synthesis(request.getString("id")).map(s -> Reply.json(200, s));
        case "delete" -> delete(request.getString("id"));
        default -> throw ApiException.of(Reason.UNKNOWN_ACTION, "action", request.getString("action"));
      };
      return reply.recover(err -> {
        if (err instanceof ApiException a) {
          return Future.succeededFuture(Reply.error(a));
        }
        if (err instanceof Rejected r) {
          return Future.succeededFuture(Reply.error(ApiException.of(r.rejection())));
        }
        return Future.failedFuture(err);
      });
    } catch (ApiException e) {
      return Future.succeededFuture(Reply.error(e));
    }
  }

  private Workshop workshopOf(JsonObject request) {
    Optional<Workshop> w = request.containsKey("code")
        ? workshops.findByJoinCode(request.getString("code"))
        : workshops.find(request.getString("id"));
    return w.orElseThrow(() -> request.containsKey("code")
        ? ApiException.of(Reason.NO_WORKSHOP_FOR_CODE)
        : ApiException.of(Reason.NO_WORKSHOP, "workshopId", request.getString("id")));
  }

  private Reply joinInfo(Workshop workshop) {
    return Reply.json(200, HttpBodies.joinInfo(workshop));
  }

  private Future<Reply> join(Workshop workshop, JsonObject request) {
    String workshopId = workshop.plan().id();
    Object rejoinKey = request.getValue("rejoinKey");
    if (rejoinKey != null) {
      Seat seat = (rejoinKey instanceof String key ? workshop.seatByRejoinKey(key) : Optional.<Seat>empty())
          .orElseThrow(() -> ApiException.of(Reason.SEAT_UNKNOWN));
      return Future.succeededFuture(Reply.json(200, joined(workshopId, seat)));
    }
    if (workshops.clock().millis() - workshop.plan().createdAt() > JOIN_CODE_OPEN_MS) {
      throw ApiException.of(Reason.JOIN_CODE_CLOSED, "hours", JOIN_CODE_OPEN_MS / 3_600_000);
    }
    Object name = request.getValue("name");
    Object groupId = request.getValue("groupId");
    if (!(name instanceof String) || (groupId != null && !(groupId instanceof String))) {
      throw ApiException.of(Reason.JOIN_BODY);
    }
    String clean = TextNormalizer.line((String) name);
    if (!clean.isBlank() && !TextNormalizer.hasVisible(clean)) {
      throw ApiException.of(Reason.NAME_INVISIBLE);
    }
    return workshops.join(workshopId, clean, (String) groupId)
        .map(seat -> Reply.json(200, joined(workshopId, seat)));
  }

  private JsonObject joined(String workshopId, Seat seat) {
    return HttpBodies.joined(tokens.studentToken(workshopId, seat.studentId()), workshopId, seat);
  }

  private Reply state(Workshop w) {
    return Reply.json(200, HttpBodies.state(w, workshops.clock().millis()));
  }

  private Future<Reply> export(JsonObject request) {
    Exports.Format format = Exports.Format.of(request.getString("format", "md")).orElseThrow(() ->
        ApiException.of(Reason.EXPORT_FORMAT));
    String id = request.getString("id");
    // An export never fails for want of a synthesis: without one it is the record alone.
    Future<JsonObject> synthesis = format != Exports.Format.MD && format != Exports.Format.JSON
        ? Future.succeededFuture(null) : synthesis(id).recover(err -> Future.succeededFuture(null));
    return workshops.record(id).compose(found -> {
      WorkshopRecord record = found.orElseThrow(() -> ApiException.of(Reason.NO_WORKSHOP, "workshopId", id));
      return synthesis.map(s -> new Reply(200, format.contentType(), exports.render(record, format, s),
          "workshop-" + id + (format == Exports.Format.ANALYTICS_CSV ? "-analytics." : ".") + format.extension()));
    });
  }

  /** The analytics read model now, with the nudges at this moment (see docs/protocol.md). */
  private Future<Reply> analytics(JsonObject request) {
    String id = request.getString("id");
    return workshops.record(id).map(found -> Reply.json(200, exports.analytics(found.orElseThrow(
        () -> ApiException.of(Reason.NO_WORKSHOP, "workshopId", id)))));
  }

  /** The class synthesis, computed on the synthesis worker (docs/protocol.md, "Synthesis"). */
  private Future<JsonObject> synthesis(String id) {
    return workshops.synthesis(id)
        .orElseThrow(() -> ApiException.of(Reason.NO_WORKSHOP, "workshopId", id));
  }

  private Future<Reply> delete(String id) {
    if (workshops.find(id).isEmpty()) {
      throw ApiException.of(Reason.NO_WORKSHOP, "workshopId", id);
    }
    return workshops.delete(id).map(v -> new Reply(204, null, "", null));
  }

  /** Workshops as the instructor's list shows them, loaded or not. */
  JsonArray list(java.util.List<dev.breakout.server.store.EventStore.Summary> summaries) {
    JsonArray list = new JsonArray();
    for (var s : summaries) {
      list.add(HttpBodies.listed(s.plan(), s.phase(), s.students(), exports.zone().getId()));
    }
    return list;
  }
}
