package dev.breakout.synthesis;

/**
 * One card as the synthesis reads it. Cards are given in log order: the first card of a cluster in that order is its
 * anchor and names it, so cluster ids stay the same when cards are added.
 */
public record CardInput(String groupId, String cardId, String promptId, String text) {}
