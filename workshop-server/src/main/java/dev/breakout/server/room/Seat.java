package dev.breakout.server.room;

/** A student's place in a workshop: who, in which group, and the key that gives the seat back. */
public record Seat(String studentId, String name, String groupId, String rejoinKey) {

  Seat inGroup(String newGroupId) {
    return new Seat(studentId, name, newGroupId, rejoinKey);
  }
}
