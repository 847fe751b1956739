package dev.breakout.server.room;

import java.util.List;
import java.util.Map;

/** What {@link Workshop#handle} made of an operation. */
public sealed interface Outcome {

  /**
   * The operation changed the workshop; {@code events} are already applied in memory and must be
   * committed before {@code ack} is sent or the events are shown to anyone.
   */
  record Accepted(List<Logged> events, Ack ack) implements Outcome {
    public Accepted {
      events = List.copyOf(events);
    }
  }

  /** A retry of an operation that was applied before: answer with its original ack. */
  record Duplicate(Ack ack) implements Outcome {}

  record Rejected(Rejection rejection) implements Outcome {}

  /**
   * @param seqs     per group, the sequence number the operation's event took in that group's log
   * @param warnings things the instructor should know (for example presentation slots under 15 s)
   */
  record Ack(String opId, Map<String, Long> seqs, List<String> warnings) {
    public Ack {
      seqs = Map.copyOf(seqs);
      warnings = List.copyOf(warnings);
    }
  }
}
