package dev.breakout.server.room;

import java.util.List;
import java.util.Map;

/**
 * Everything one group's members see, as of {@code seq}: the fold of the group's log.
 *
 * @param cards     per prompt id, in order
 * @param extraMs   this group's own deadline offset from the common clock
 * @param spotlight the last spotlight move, or null
 * @param helpAt    when the pending help request was made (epoch ms), 0 when none is pending
 */
public record GroupView(
    String groupId,
    String name,
    long seq,
    List<Member> members,
    Map<String, List<Card>> cards,
    boolean submitted,
    boolean help,
    List<Note> feedback,
    long lastActivityAt,
    long extraMs,
    ClockState clock,
    List<Note> broadcasts,
    Event.SpotlightChanged spotlight,
    long helpAt,
    Map<String, Reaction> reactions,
    List<Event.GroupBoard> gallery) {

  /**
   * The reactions to one card as this log knows them: the totals as of the last change, and who
   * reacted among the students whose reactions are in this log (all of them in the card's own group).
   */
  public record Reaction(String groupId, int agree, int newToMe, List<String> agreeBy, List<String> newBy) {
    public Reaction {
      agreeBy = List.copyOf(agreeBy);
      newBy = List.copyOf(newBy);
    }
  }

  /** A timed message: a broadcast or a feedback. */
  public record Note(String text, long at) {}
}
