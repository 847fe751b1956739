package dev.breakout.server.live;

import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workshop's history and what a client resumes from it: the newest committed events, per group, in seq order, what a
 * reconnect is replayed from. An older lastSeq gets a snapshot instead; the store keeps the whole
 * log (docs/decisions/012-bounded-memory.md). Kept as the encoded messages they were sent as, packed
 * into byte blocks per group, no object per event ({@link GroupHistory}, docs/decisions/014). Part of a {@link LiveWorkshop}, on its context only.
 */
final class RecentEvents {
  private final WorkshopPlan plan;
  private final Map<String, GroupHistory> log = new HashMap<>();

  /** Keeps the newest {@code historyEvents} of each group of {@code committed}, encoded as of {@code now}. */
  RecentEvents(WorkshopPlan plan, List<Logged> committed, int historyEvents, long now) {
    this.plan = plan;
    plan.groups().forEach(g -> log.put(g.id(), new GroupHistory(historyEvents)));
    // Only the newest events of each group are kept, so only they are encoded (a long workshop
    // loaded from the store may bring thousands per group).
    Map<String, Integer> remaining = new HashMap<>();
    committed.forEach(l -> remaining.merge(l.groupId(), 1, Integer::sum));
    for (Logged l : committed) {
      if (remaining.merge(l.groupId(), -1, Integer::sum) < historyEvents) {
        keep(l.groupId(), Frame.event(l.seq(), ServerMessages.event(l, now).encode()));
      }
    }
  }

  void keep(String groupId, Frame event) {
    log.get(groupId).add(event.seq(), event.utf8());
  }

  /**
   * An instructor's resume: adds, group after group in plan order, the events after the seq that
   * {@code lastSeq} gives for it when they can be replayed; answers the groups that need a
   * snapshot instead, in plan order.
   */
  List<String> replayForInstructor(JsonObject lastSeq, List<Frame> into) {
    List<String> snapshots = new ArrayList<>();
    for (String groupId : log.keySet().stream().sorted(this::byPlanOrder).toList()) {
      long from = seqOf(lastSeq, groupId);
      if (!addReplay(groupId, from, into)) {
        snapshots.add(groupId);
      }
    }
    return snapshots;
  }

  /** A student's resume in {@code groupId}: false when it needs the group's snapshot instead. */
  boolean replayForStudent(String groupId, JsonObject lastSeq, List<Frame> into) {
    // A seq counts in one group's log: after a move it says nothing about the new group.
    boolean sameGroup = lastSeq == null || lastSeq.getString("groupId") == null
        || groupId.equals(lastSeq.getString("groupId"));
    long from = sameGroup ? seqOf(lastSeq, "seq") : 0;
    return addReplay(groupId, from, into);
  }

  private static long seqOf(JsonObject lastSeq, String key) {
    return lastSeq != null && lastSeq.getValue(key) instanceof Number n ? n.longValue() : 0;
  }

  private int byPlanOrder(String a, String b) {
    List<String> order = plan.groups().stream().map(g -> g.id()).toList();
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }

  /**
   * Adds the events after {@code from} when they can be replayed; false when the client needs a
   * snapshot instead (it asked for everything, or claims a seq this log does not have).
   */
  private boolean addReplay(String groupId, long from, List<Frame> into) {
    GroupHistory events = log.get(groupId);
    long last = events.lastSeq();
    // The events after `from` must all still be here: the first kept one at most from + 1.
    if (from <= 0 || from > last || events.firstSeq() > from + 1) {
      return false;
    }
    events.framesAfter(from, into);
    return true;
  }

  /** The newest seq kept per group (0 when none). */
  Map<String, Long> committedSeqs() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    log.forEach((g, l) -> seqs.put(g, l.lastSeq()));
    return seqs;
  }
}
