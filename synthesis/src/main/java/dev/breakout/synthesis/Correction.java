package dev.breakout.synthesis;

/**
 * An instructor's correction of the automatic clustering of one prompt. Corrections are applied in the order given,
 * after the automatic clustering; one that names a card which no longer exists (or belongs to another prompt) is
 * ignored, so a kept correction never breaks a later synthesis.
 */
public sealed interface Correction {

  String promptId();

  /** The clusters holding the two cards become one. */
  record Merge(String promptId, String cardId, String otherCardId) implements Correction {}

  /** The card joins the cluster holding {@code toCardId}; {@code toCardId} null puts it in a cluster of its own. */
  record Move(String promptId, String cardId, String toCardId) implements Correction {}

  /** The cluster holding {@code cardId} is labelled {@code label}. */
  record Rename(String promptId, String cardId, String label) implements Correction {}
}
