package dev.breakout.synthesis;

import java.util.List;

/**
 * One idea: the cards of one prompt that say the same thing in different words.
 *
 * @param id         {@code "c-" + cardId} of the anchor, its first card in input order: stable across recomputations
 * @param label      the instructor's name for it when {@code renamed}, else its most representative terms
 * @param groupIds   the groups that raised it, in order of first appearance
 * @param cards      its cards in input order
 * @param lessonRefs ids of the lesson points it speaks to (see docs/content-format.md)
 */
public record Cluster(String id, String label, boolean renamed, List<String> groupIds, List<CardInput> cards,
    List<String> lessonRefs) {

  public Cluster {
    groupIds = List.copyOf(groupIds);
    cards = List.copyOf(cards);
    lessonRefs = List.copyOf(lessonRefs);
  }

  /** An idea only one group had ("이 조만의 아이디어"). */
  public boolean uniqueToOneGroup() {
    return groupIds.size() == 1;
  }
}
