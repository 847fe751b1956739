package dev.breakout.server.live;

import dev.breakout.server.protocol.Close;
import dev.breakout.server.protocol.ServerMessages;
import dev.breakout.server.room.WorkshopPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Who is connected to a workshop and who sees what: its instructors, each group's members, their
 * presence, and the fan-out of a frame to exactly the sockets that may see it (a group's events to
 * its members and the instructors). Part of a {@link LiveWorkshop}, on its context only
 * (docs/decisions/002-one-event-loop-per-node.md), so it needs no locks.
 */
final class Audience {
  private final WorkshopPlan plan;
  private final Set<Connection> instructors = new LinkedHashSet<>();
  private final Map<String, Set<Connection>> members = new HashMap<>();

  Audience(WorkshopPlan plan) {
    this.plan = plan;
    plan.groups().forEach(g -> members.put(g.id(), new LinkedHashSet<>()));
  }

  void addInstructor(Connection c) {
    instructors.add(c);
  }

  /** A student's socket, in the group it is seated in now ({@link Connection#groupId()}). */
  void addMember(Connection c) {
    members.get(c.groupId()).add(c);
  }

  void detach(Connection c) {
    if (c.isInstructor()) {
      instructors.remove(c);
    } else if (members.get(c.groupId()).remove(c)) {
      sendPresence(c.groupId());
    }
  }

  /** Whether nobody is connected. */
  boolean isEmpty() {
    return instructors.isEmpty() && members.values().stream().allMatch(Set::isEmpty);
  }

  private List<String> online(String groupId) {
    Set<String> online = new LinkedHashSet<>();
    members.get(groupId).forEach(m -> online.add(m.principal().id()));
    return new ArrayList<>(online);
  }

  /** Every group's online students, in plan order, for an instructor's welcome. */
  Map<String, List<String>> onlineByGroup() {
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    plan.groups().forEach(g -> byGroup.put(g.id(), online(g.id())));
    return byGroup;
  }

  void sendPresence(String groupId) {
    Frame frame = Frame.of(ServerMessages.presence(groupId, online(groupId)).encode());
    toGroup(groupId, frame);
  }

  /** To the group's members and the instructors. */
  void toGroup(String groupId, Frame frame) {
    members.get(groupId).forEach(m -> m.send(frame));
    instructors.forEach(i -> i.send(frame));
  }

  void toInstructors(Frame frame) {
    instructors.forEach(i -> i.send(frame));
  }

  /**
   * After a move, the student's sockets leave their group for {@code to} and are attached again
   * by {@code attach} (which starts them over from the new room's snapshot).
   */
  void follow(String studentId, String to, Consumer<Connection> attach) {
    for (Set<Connection> set : members.values()) {
      for (Connection c : List.copyOf(set)) {
        if (c.principal().id().equals(studentId)) {
          String from = c.groupId();
          set.remove(c);
          c.moveTo(to);
          attach.accept(c);
          sendPresence(from);
        }
      }
    }
  }

  void closeAll(Close close) {
    instructors.forEach(c -> c.close(close));
    members.values().forEach(set -> set.forEach(c -> c.close(close)));
  }
}
