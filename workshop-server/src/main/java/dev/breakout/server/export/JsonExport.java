package dev.breakout.server.export;

import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Seat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The JSON export, the complete record ({@code breakout-workshop-export/1}): the plan, the clock,
 * the students, the timeline, every group's board and whole log, and the analytics; the model in
 * the wire's field names (docs/protocol.md), times also as ISO 8601.
 */
final class JsonExport {
  private JsonExport() {}

  static JsonObject render(WorkshopRecord r, LongFunction<String> time, ZoneId zone, JsonObject analytics) {
    long now = r.takenAt();
    JsonArray groups = new JsonArray();
    Map<String, List<String>> contributors = Exports.contributors(r);
    for (GroupView g : r.groups()) {
      JsonObject group = Json.group(g, now);
      JsonObject cards = group.getJsonObject("cards");
      g.cards().forEach((prompt, list) -> {
        for (int i = 0; i < list.size(); i++) {
          cards.getJsonArray(prompt).getJsonObject(i)
              .put("contributors", new JsonArray(new ArrayList<>(Exports.authors(contributors, list.get(i)))));
        }
      });
      JsonArray log = new JsonArray();
      r.logs().getOrDefault(g.groupId(), List.of()).forEach(l -> log.add(Json.logged(l, l.at())
          .put("time", time.apply(l.at())).put("actor", l.actor()).put("opId", l.opId())));
      group.put("log", log);
      groups.add(group);
    }
    JsonArray students = new JsonArray();
    for (Seat s : r.seats()) {
      students.add(Json.seat(s));
    }
    JsonArray timeline = new JsonArray();
    r.timeline().forEach(l -> {
      JsonObject entry = new JsonObject().put("time", time.apply(l.at())).put("at", l.at())
          .put("event", Json.event(l.event(), l.at()));
      if (Exports.isGroupTimelineEvent(l.event())) {
        entry.put("groupId", l.groupId());
      }
      timeline.add(entry);
    });
    return new JsonObject()
        .put("format", "breakout-workshop-export/1")
        .put("exportedAt", time.apply(now))
        .put("timeZone", zone.getId())
        .put("workshop", Json.plan(r.plan()).put("createdAtTime", time.apply(r.plan().createdAt())))
        .put("clock", Json.clock(r.clock(), now))
        .put("students", students)
        .put("timeline", timeline)
        .put("groups", groups)
        .put("analytics", analytics);
  }
}
