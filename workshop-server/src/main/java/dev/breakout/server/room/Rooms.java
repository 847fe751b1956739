package dev.breakout.server.room;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A workshop's group rooms in the plan's order, and the questions asked of all of them at once
 * (which room holds a card, the latest time any log holds, who presents by default).
 */
final class Rooms {
  private final Map<String, GroupRoom> byId = new LinkedHashMap<>();

  Rooms(WorkshopPlan plan) {
    List<String> promptIds = plan.prompts().stream().map(p -> p.id()).toList();
    plan.groups().forEach(g -> byId.put(g.id(), new GroupRoom(g.id(), g.name(), promptIds)));
  }

  GroupRoom get(String groupId) {
    return byId.get(groupId);
  }

  Collection<GroupRoom> all() {
    return byId.values();
  }

  Set<String> ids() {
    return byId.keySet();
  }

  /** The group with the fewest members, the first such in plan order. */
  GroupRoom emptiest() {
    return byId.values().stream()
        .min((a, b) -> Integer.compare(a.memberCount(), b.memberCount()))
        .orElseThrow();
  }

  /** The room holding a card, if any group of this workshop has it. */
  Optional<GroupRoom> withCard(String cardId) {
    return byId.values().stream().filter(r -> r.card(cardId).isPresent()).findFirst();
  }

  boolean hasBroadcast(long sentAt) {
    return byId.values().stream().anyMatch(r -> r.hasBroadcast(sentAt));
  }

  long lastBroadcastAt() {
    return byId.values().stream().mapToLong(GroupRoom::lastBroadcastAt).max().orElse(0);
  }

  /**
   * When a due event is written: the moment it was due, but never before what a log holds already
   * (an adjustment that makes the warning due at once, an edit handled before a late tick), so that
   * every log reads in time order.
   */
  long stamp(long due) {
    long at = due;
    for (GroupRoom room : byId.values()) {
      at = Math.max(at, room.lastAt());
    }
    return at;
  }

  /** Every group with members, in group order; every group if nobody has joined. */
  List<String> defaultOrder() {
    List<String> withMembers = byId.values().stream().filter(r -> r.memberCount() > 0)
        .map(GroupRoom::groupId).toList();
    return withMembers.isEmpty() ? List.copyOf(byId.keySet()) : withMembers;
  }

  /** Per group, the last sequence number in its log. */
  Map<String, Long> lastSeqs() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    byId.forEach((id, room) -> seqs.put(id, room.seq()));
    return seqs;
  }
}
