package dev.breakout.synthesis;

/**
 * The steps of the method that can be switched off, and its thresholds: the product runs {@link #DEFAULT}; the
 * quality test switches steps off to measure what each adds (docs/synthesis.md).
 *
 * @param userDictionary  build Nori's user dictionary from the course's own words
 * @param thesaurus       replace the thesaurus' terms by their concept group
 * @param lessonAnchors   add the lesson points a card speaks to as features of the card
 * @param threshold       the average cosine similarity at which two clusters are one idea
 * @param lessonWeight    the weight of a lesson point feature beside the card's unit-length word vector
 * @param lessonMatch     the share of a lesson point's distinctive words a card must hold to speak to it
 */
record Tuning(boolean userDictionary, boolean thesaurus, boolean lessonAnchors, double threshold,
    double lessonWeight, double lessonMatch) {

  static final Tuning DEFAULT = new Tuning(true, true, true, 0.15, 0.8, 0.5);

  Tuning withSteps(boolean userDictionary, boolean thesaurus, boolean lessonAnchors) {
    return new Tuning(userDictionary, thesaurus, lessonAnchors, threshold, lessonWeight, lessonMatch);
  }

  Tuning withThreshold(double threshold) {
    return new Tuning(userDictionary, thesaurus, lessonAnchors, threshold, lessonWeight, lessonMatch);
  }
}
