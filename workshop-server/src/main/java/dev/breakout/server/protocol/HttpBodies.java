package dev.breakout.server.protocol;

import dev.breakout.content.Session;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Rejection;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Every JSON body the HTTP API answers with, in the order docs/protocol.md section 2 lists the
 * routes. The views inside them (plan, group, clock, seat) are {@link Json}'s; an error's fields
 * are {@link ErrorJson}'s.
 */
public final class HttpBodies {
  private HttpBodies() {}

  /** {@code GET /health}: {@code UP}, {@code STARTING} or {@code CUT-OFF}. */
  public static JsonObject health(String status) {
    return new JsonObject().put("status", status);
  }

  /** {@code GET /api/sessions}: each session's place in the course and its exercise's phases. */
  public static JsonArray sessions(List<Session> sessions) {
    JsonArray list = new JsonArray();
    for (Session s : sessions) {
      JsonObject item = new JsonObject().put("id", s.id()).put("title", s.title())
          .put("position", new JsonObject().put("week", s.position().week()).put("day", s.position().day())
              .put("session", s.position().session()));
      if (s.exercise() != null) {
        JsonArray phases = new JsonArray();
        // The setup form pre-fills its minutes from these (5 and 2 for Session 7).
        s.exercise().phases().forEach(p -> phases.add(new JsonObject().put("id", p.id()).put("title", p.title())
            .put("kind", p.kind().json()).put("minutes", p.minutes())));
        item.put("exercise", new JsonObject().put("title", s.exercise().title())
            .put("minutes", s.exercise().minutes()).put("phases", phases));
      }
      list.add(item);
    }
    return list;
  }

  /** {@code POST /api/instructor/login}, and a student's seat in {@link #joined}. */
  public static JsonObject token(String token) {
    return new JsonObject().put("token", token);
  }

  /** {@code POST /api/workshops}. */
  public static JsonObject created(WorkshopPlan plan, String joinUrl) {
    return new JsonObject().put("id", plan.id()).put("joinCode", plan.joinCode()).put("joinUrl", joinUrl);
  }

  /** One workshop of {@code GET /api/workshops}; {@code joinUrl} is added by the edge that was asked. */
  public static JsonObject listed(WorkshopPlan p, String phase, int students, String defaultTimeZone) {
    return new JsonObject().put("id", p.id()).put("sessionId", p.sessionId())
        .put("sessionTitle", p.sessionTitle()).put("exerciseTitle", p.exerciseTitle())
        .put("joinCode", p.joinCode()).put("createdAt", p.createdAt()).put("phase", phase)
        .put("name", p.name())
        .put("groups", p.groups().size()).put("students", students)
        .put("timeZone", p.timeZone() != null ? p.timeZone() : defaultTimeZone);
  }

  /** {@code GET /api/workshops/{id}}: the workshop as it stands; {@code workshop.joinUrl} is the edge's. */
  public static JsonObject state(Workshop w, long now) {
    JsonArray groups = new JsonArray();
    w.groups().forEach(g -> groups.add(Json.group(g, now)));
    JsonArray students = new JsonArray();
    w.seats().forEach(s -> students.add(Json.seat(s)));
    return new JsonObject().put("workshop", Json.plan(w.plan()))
        .put("clock", Json.clock(w.clock(), now)).put("groups", groups).put("students", students)
        .put("serverTime", now);
  }

  /** {@code GET /api/join/{code}}: what a student's phone shows before joining. */
  public static JsonObject joinInfo(Workshop workshop) {
    JsonArray groups = new JsonArray();
    for (GroupView g : workshop.groups()) {
      groups.add(new JsonObject().put("id", g.groupId()).put("name", g.name()).put("members", g.members().size()));
    }
    WorkshopPlan plan = workshop.plan();
    return new JsonObject().put("workshopId", plan.id()).put("joinCode", plan.joinCode())
        .put("sessionTitle", plan.sessionTitle()).put("exerciseTitle", plan.exerciseTitle())
        .put("allowGroupChoice", plan.allowGroupChoice()).put("groups", groups).put("name", plan.name())
        .put("phase", workshop.clock().phase());
  }

  /** {@code POST /api/join}: the student's token and seat. */
  public static JsonObject joined(String token, String workshopId, Seat seat) {
    return token(token).put("workshopId", workshopId).put("studentId", seat.studentId())
        .put("groupId", seat.groupId()).put("rejoinKey", seat.rejoinKey()).put("name", seat.name());
  }

  /** Any refused request: {@code {"error": {code, reason, params, message}}} (docs/protocol.md 5). */
  public static JsonObject error(Rejection rejection) {
    return new JsonObject().put("error", ErrorJson.of(rejection));
  }
}
