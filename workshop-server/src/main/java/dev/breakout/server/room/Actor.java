package dev.breakout.server.room;

/** Who asked for a change. Authorisation is decided on this, never on what a message claims. */
public sealed interface Actor {

  String id();

  record Instructor(String id) implements Actor {}

  record Student(String id) implements Actor {}

  /** The clock: phase changes, warnings and slot moves that happen because time passed. */
  record System() implements Actor {
    @Override
    public String id() {
      return "system";
    }
  }
}
