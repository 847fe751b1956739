package dev.breakout.server.protocol;

import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Outcome;
import dev.breakout.server.room.Rejection;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every message the server sends on a WebSocket, in the order docs/protocol.md lists them (sections
 * 3 and 4): welcome, ack, error, pong, event, presence, synthesis.changed. The views inside them
 * (plan, group, clock, seat, card) are {@link Json}'s; the error's fields are {@link ErrorJson}'s.
 */
public final class ServerMessages {
  private ServerMessages() {}

  /**
   * An instructor's welcome (docs/protocol.md 3.1): the plan, a snapshot of every group whose
   * events cannot be replayed, every seat, the clock, and who is online in each group.
   *
   * @param onlineByGroup every group's online students, in plan order
   */
  public static JsonObject instructorWelcome(WorkshopPlan plan, long now, List<GroupView> snapshots,
      Collection<Seat> seats, ClockState clock, Map<String, List<String>> onlineByGroup) {
    JsonArray groups = new JsonArray();
    snapshots.forEach(g -> groups.add(Json.group(g, now)));
    JsonArray students = new JsonArray();
    seats.forEach(s -> students.add(Json.seat(s)));
    JsonObject presence = new JsonObject();
    onlineByGroup.forEach((groupId, online) -> presence.put(groupId, new JsonArray(new ArrayList<>(online))));
    return welcome(plan, now).put("role", "instructor")
        .put("state", new JsonObject().put("groups", groups).put("students", students)
            .put("clock", Json.clock(clock, now)))
        .put("presence", presence);
  }

  /**
   * A student's welcome (docs/protocol.md 3.1); {@code snapshot} is its group as it stands, or null
   * when the events since the client's lastSeq follow instead.
   */
  public static JsonObject studentWelcome(WorkshopPlan plan, long now, String studentId, String groupId,
      GroupView snapshot) {
    return welcome(plan, now).put("role", "student").put("studentId", studentId).put("groupId", groupId)
        .put("state", snapshot == null ? null : new JsonObject().put("group", Json.group(snapshot, now)));
  }

  private static JsonObject welcome(WorkshopPlan plan, long now) {
    return new JsonObject().put("type", "welcome").put("serverTime", now).put("workshop", Json.plan(plan));
  }

  /** An operation applied (docs/protocol.md 3.2); {@code seq} only when it took one group's log. */
  public static JsonObject ack(Outcome.Ack ack) {
    JsonObject seqs = new JsonObject();
    ack.seqs().forEach(seqs::put);
    JsonObject j = new JsonObject().put("type", "ack").put("opId", ack.opId());
    if (ack.seqs().size() == 1) {
      j.put("seq", ack.seqs().values().iterator().next());
    }
    j.put("seqs", seqs);
    if (!ack.warnings().isEmpty()) {
      j.put("warnings", new JsonArray(new ArrayList<>(ack.warnings())));
    }
    return j;
  }

  /** A message refused (docs/protocol.md 3.2 and 5); {@code opId} is null when it had none. */
  public static JsonObject error(String opId, Rejection rejection) {
    return ErrorJson.reply(opId, rejection);
  }

  /** The answer to a {@code ping}. */
  public static JsonObject pong(long serverTime) {
    return new JsonObject().put("type", "pong").put("serverTime", serverTime);
  }

  /** A committed event, as sent and replayed (docs/protocol.md 4.1). */
  public static JsonObject event(Logged logged, long now) {
    return Json.logged(logged, now);
  }

  /** Who of a group is online (docs/protocol.md 4.2). */
  public static JsonObject presence(String groupId, List<String> online) {
    return new JsonObject().put("type", "presence").put("groupId", groupId)
        .put("online", new JsonArray(new ArrayList<>(online)));
  }

  /** The class synthesis changed; dashboards that show it fetch it again (docs/protocol.md 4.4). */
  public static JsonObject synthesisChanged(String workshopId) {
    return new JsonObject().put("type", "synthesis.changed").put("workshopId", workshopId);
  }
}
