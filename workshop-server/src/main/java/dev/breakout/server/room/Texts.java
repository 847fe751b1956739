package dev.breakout.server.room;

/**
 * The room core's words: how user text is measured against the {@link Limits} (in code points, so
 * Korean counts per syllable), the refusals that say a text is missing or too long, and the
 * warning text the instructor reads in an ack. Refusals travel as {@link Reason}s that clients word
 * themselves; a warning is {@code code: English} (docs/protocol.md, "Errors").
 */
final class Texts {
  /** A slot shorter than this is too short to present in; the instructor is warned. */
  static final long SHORT_SLOT_MS = 15_000;

  private Texts() {}

  /** Why a card's text and label cannot be taken, or null when they can. */
  static Rejection checkCard(String text, String label, Limits limits) {
    if (text == null || text.isBlank()) {
      return Rejection.of(Reason.CARD_TEXT_REQUIRED);
    }
    if (tooLong(text, limits.maxCardChars())) {
      return tooLongRejection("card", limits.maxCardChars());
    }
    if (label != null && tooLong(label, limits.maxLabelChars())) {
      return tooLongRejection("label", limits.maxLabelChars());
    }
    return null;
  }

  static boolean tooLong(String text, int max) {
    return text.codePointCount(0, text.length()) > max;
  }

  static Rejection tooLongRejection(String what, int max) {
    return Rejection.of(Reason.TEXT_TOO_LONG, "field", what, "max", max);
  }

  static Rejection noGroup(String groupId) {
    return Rejection.of(Reason.NO_GROUP, "groupId", groupId);
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The warning for presentation slots shorter than {@link #SHORT_SLOT_MS}, or null when they are not. */
  static String shortSlotWarning(long slotMs) {
    if (slotMs >= SHORT_SLOT_MS) {
      return null;
    }
    return "short-slots: each group gets " + slotMs / 1000 + " s to present; consider adding time or fewer groups.";
  }
}
