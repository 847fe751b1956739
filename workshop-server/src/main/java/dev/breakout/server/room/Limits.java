package dev.breakout.server.room;

/** Sizes the room refuses to go past, so that one client cannot fill memory or screens. */
public record Limits(int maxCardChars, int maxLabelChars, int maxBroadcastChars, int maxFeedbackChars,
    int maxNameChars, int maxCardsPerGroup) {

  public static Limits standard(int maxCardChars) {
    return new Limits(maxCardChars, 60, 500, 2000, 40, 400);
  }
}
