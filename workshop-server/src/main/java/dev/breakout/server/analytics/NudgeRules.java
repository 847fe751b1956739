package dev.breakout.server.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * When the dashboard flags a group during a discussion (server settings {@code nudgeNoCardSeconds}
 * and {@code nudgeIdleSeconds}). The web client applies the same rules (js/lib/nudges.js) to its
 * live state every second; this is their Java statement, used by the analytics read model.
 */
public record NudgeRules(long noCardMs, long idleMs) {

  public static final String NO_CARD = "no-card";
  public static final String IDLE = "idle";

  public static NudgeRules standard() {
    return new NudgeRules(90_000, 120_000);
  }

  /**
   * The flags of one group at {@code now}. Only while a discussion runs (a paused clock counts at
   * its pause), and only for a group with members.
   *
   * @param phaseStartedAt   when the running discussion started
   * @param lastActivityAt   the group's last card or submit event (0: none)
   */
  public List<String> flags(String kind, boolean paused, long pausedAt, long phaseStartedAt, int members,
      int cards, long lastActivityAt, long now) {
    List<String> flags = new ArrayList<>();
    if (!"discussion".equals(kind) || members == 0) {
      return flags;
    }
    long at = paused ? pausedAt : now;
    if (cards == 0 && at - phaseStartedAt >= noCardMs) {
      flags.add(NO_CARD);
    }
    if (at - Math.max(phaseStartedAt, lastActivityAt) >= idleMs) {
      flags.add(IDLE);
    }
    return flags;
  }
}
