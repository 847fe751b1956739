package dev.breakout.synthesis;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Joins a known word written with spaces inside it ("마이크로 서비스", "쿠버 네티스") into the word, so that the user
 * dictionary sees it whole. A longest-match walk of a trie over the text's characters, spaces skipped.
 */
final class Spacing {

  private static final class Node {
    final Map<Character, Node> next = new HashMap<>();
    boolean word;
  }

  private final Node root = new Node();

  Spacing(Collection<String> words) {
    for (String word : words) {
      Node node = root;
      for (int i = 0; i < word.length(); i++) {
        node = node.next.computeIfAbsent(word.charAt(i), c -> new Node());
      }
      node.word = true;
    }
  }

  String join(String text) {
    if (root.next.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      int end = match(text, i);
      if (end > i) {
        for (int j = i; j < end; j++) {
          if (!Character.isWhitespace(text.charAt(j))) {
            out.append(text.charAt(j));
          }
        }
        i = end;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /** The end of the longest known word starting at {@code start} (spaces inside allowed), or {@code start}. */
  private int match(String text, int start) {
    // Only at the start of a word: "오픈 마이크로" must not join the tail of one word with the next.
    if (start > 0 && Character.isLetter(text.charAt(start - 1))) {
      return start;
    }
    Node node = root;
    int best = start;
    int i = start;
    while (i < text.length() && node != null) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        if (i == start) {
          return start;
        }
        i++;
        continue;
      }
      node = node.next.get(c);
      i++;
      if (node != null && node.word) {
        best = i;
      }
    }
    return best;
  }
}
