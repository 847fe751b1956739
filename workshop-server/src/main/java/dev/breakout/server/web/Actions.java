package dev.breakout.server.web;

import dev.breakout.server.auth.Tokens;
import dev.breakout.server.export.Exports;
import dev.breakout.server.export.WorkshopRecord;
import dev.breakout.server.live.Rejected;
import dev.breakout.server.live.Workshops;
import dev.breakout.server.protocol.Json;
import dev.breakout.server.protocol.ErrorJson;
import dev.breakout.server.protocol.TextNormalizer;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.room.WorkshopPlan;
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

  /** A reply as the HTTP layer sends it. */
  record Reply(int status, String contentType, String body, String filename) {
    static Reply json(int status, Object body) {
      return new Reply(status, "application/json; charset=utf-8",
          body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode(), null);
    }

    static Reply error(ApiException e) {
      return json(e.status(), new JsonObject().put("error", ErrorJson.of(e.rejection())));
    }

    /** The error's reason (docs/protocol.md, "Errors") when this reply refuses the request. */
    Optional<String> reason() {
      if (status < 400 || contentType == null || !contentType.startsWith("application/json")) {
        return Optional.empty();
      }
      JsonObject error = new JsonObject(body).getJsonObject("error");
      return Optional.ofNullable(error == null ? null : error.getString("reason"));
    }

    JsonObject toJson() {
      return new JsonObject().put("status", status).put("contentType", contentType).put("body", body)
          .put("filename", filename);
    }

    static Reply fromJson(JsonObject j) {
      return new Reply(j.getInteger("status"), j.getString("contentType"), j.getString("body"),
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
        case "list" -> Future.succeededFuture(Reply.json(200, list()));
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
    JsonArray groups = new JsonArray();
    for (GroupView g : workshop.groups()) {
      groups.add(new JsonObject().put("id", g.groupId()).put("name", g.name()).put("members", g.members().size()));
    }
    WorkshopPlan plan = workshop.plan();
    return Reply.json(200, new JsonObject().put("workshopId", plan.id()).put("joinCode", plan.joinCode())
        .put("sessionTitle", plan.sessionTitle()).put("exerciseTitle", plan.exerciseTitle())
        .put("allowGroupChoice", plan.allowGroupChoice()).put("groups", groups).put("name", plan.name())
        .put("phase", workshop.clock().phase()));
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
    return new JsonObject().put("token", tokens.studentToken(workshopId, seat.studentId()))
        .put("workshopId", workshopId).put("studentId", seat.studentId()).put("groupId", seat.groupId())
        .put("rejoinKey", seat.rejoinKey()).put("name", seat.name());
  }

  private Reply state(Workshop w) {
    long now = workshops.clock().millis();
    JsonArray groups = new JsonArray();
    w.groups().forEach(g -> groups.add(Json.group(g, now)));
    JsonArray students = new JsonArray();
    w.seats().forEach(s -> students.add(Json.seat(s)));
    return Reply.json(200, new JsonObject().put("workshop", Json.plan(w.plan()))
        .put("clock", Json.clock(w.clock(), now)).put("groups", groups).put("students", students)
        .put("serverTime", now));
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
      WorkshopPlan p = s.plan();
      list.add(new JsonObject().put("id", p.id()).put("sessionId", p.sessionId())
          .put("sessionTitle", p.sessionTitle()).put("exerciseTitle", p.exerciseTitle())
          .put("joinCode", p.joinCode()).put("createdAt", p.createdAt()).put("phase", s.phase())
          .put("name", p.name())
          .put("groups", p.groups().size()).put("students", s.students())
          .put("timeZone", p.timeZone() != null ? p.timeZone() : exports.zone().getId()));
    }
    return list;
  }

  /** The workshops this node holds. */
  JsonArray list() {
    JsonArray list = new JsonArray();
    for (Workshop w : workshops.all()) {
      WorkshopPlan p = w.plan();
      list.add(new JsonObject().put("id", p.id()).put("sessionId", p.sessionId())
          .put("sessionTitle", p.sessionTitle()).put("exerciseTitle", p.exerciseTitle())
          .put("joinCode", p.joinCode()).put("createdAt", p.createdAt()).put("phase", w.clock().phase())
          .put("name", p.name())
          .put("groups", p.groups().size()).put("students", w.seats().size())
          .put("timeZone", p.timeZone() != null ? p.timeZone() : exports.zone().getId()));
    }
    return list;
  }
}
