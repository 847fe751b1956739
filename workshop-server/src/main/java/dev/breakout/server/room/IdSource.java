package dev.breakout.server.room;

/**
 * Where a workshop gets the ids it makes itself (a seat's student id and rejoin key): taken in from
 * outside, as the time is, so that the room core holds no randomness of its own. Production uses
 * {@link Ids#secure()}; a test may give a predictable source.
 */
public interface IdSource {

  /** A new student id, unique within the workshop. */
  String studentId();

  /** A new rejoin key: a secret that gives a seat back, unique within the workshop. */
  String rejoinKey();
}
