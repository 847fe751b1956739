package dev.breakout.server.room;

/**
 * Sizes the room refuses to go past, so that one client cannot fill memory or screens. A student
 * may hold at most {@code maxCardsPerStudent} of the group's {@code maxCardsPerGroup} cards, so no
 * one student can fill the group's board and lock the others out.
 */
public record Limits(int maxCardChars, int maxLabelChars, int maxBroadcastChars, int maxFeedbackChars,
    int maxNameChars, int maxCardsPerGroup, int maxCardsPerStudent) {

  /** Limits without a per-student share: one student may hold the whole group's cap. */
  public Limits(int maxCardChars, int maxLabelChars, int maxBroadcastChars, int maxFeedbackChars,
      int maxNameChars, int maxCardsPerGroup) {
    this(maxCardChars, maxLabelChars, maxBroadcastChars, maxFeedbackChars, maxNameChars, maxCardsPerGroup,
        maxCardsPerGroup);
  }

  public static Limits standard(int maxCardChars) {
    return new Limits(maxCardChars, 60, 500, 2000, 40, 400, 100);
  }
}
