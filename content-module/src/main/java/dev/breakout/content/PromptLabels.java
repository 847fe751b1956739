package dev.breakout.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Short labels of prompts, for tabs on a 360 px phone: the one a course document gives in braces at
 * the end of a prompt ({@code 1. 예상되는 장애물은? {장애물}}), else one derived from the prompt's text.
 */
public final class PromptLabels {
  /** The longest short label, in characters (code points): about a third of a 360 px phone in 14 px Hangul. */
  public static final int MAX_CHARS = 12;
  /** A prompt text this short is its own label. */
  static final int WHOLE_TEXT_CHARS = 8;

  private static final Pattern GIVEN = Pattern.compile("^(.*?)\\s*\\{([^{}]*)}\\s*$", Pattern.DOTALL);
  /** A Korean subject/topic/object particle closing a question ("장애물은?"), dropped from a derived label. */
  private static final Pattern PARTICLE = Pattern.compile("^(\\p{IsHangul}{2,})[은는이가을를]$|^(\\p{IsHangul})[은는]$");
  /** Endings of a Korean modifier ("위한", "예상되는", "성공을"): such a word does not head a label. */
  private static final Pattern MODIFIER = Pattern.compile(".*[한는은을를의적]$");

  private PromptLabels() {}

  /** A prompt item split into its text and the short label given in braces, if any. */
  record Split(String text, Optional<String> label) {}

  static Split split(String item) {
    Matcher m = GIVEN.matcher(item);
    if (!m.matches() || m.group(1).isBlank()) {
      return new Split(item, Optional.empty());
    }
    return new Split(m.group(1).strip(), Optional.of(m.group(2).strip()));
  }

  /**
   * A label from the prompt's text: the text itself when it is short; else its last word (where a
   * Korean phrase has its head noun), with the word before when the last is a two-syllable noun
   * like 수립 that needs it ("로드맵 수립"), a closing particle dropped ("장애물은?" → "장애물").
   */
  public static String derive(String text) {
    String stripped = text == null ? "" : text.strip();
    boolean question = stripped.endsWith("?") || stripped.endsWith("？");
    String t = stripped.replaceAll("[?？.!:：]+$", "").strip();
    if (t.isEmpty()) {
      return "";
    }
    // Latin words are longer than Hangul syllables: an English prompt may be a little longer and whole.
    boolean latin = t.chars().allMatch(c -> c < 128);
    if (t.codePointCount(0, t.length()) <= (latin ? MAX_CHARS : WHOLE_TEXT_CHARS)) {
      return t;
    }
    String[] words = t.split("\\s+");
    String last = words[words.length - 1];
    Matcher particle = PARTICLE.matcher(last);
    if (question && particle.matches()) {
      last = particle.group(1) != null ? particle.group(1) : particle.group(2);
    }
    String label = last;
    int lastChars = last.codePointCount(0, last.length());
    // One syllable ("것") says nothing alone; two ("수립") need a noun before them, not a modifier ("위한").
    if (words.length > 1 && (lastChars == 1
        || lastChars == 2 && !MODIFIER.matcher(words[words.length - 2]).matches())) {
      label = words[words.length - 2] + " " + last;
    }
    return cut(label);
  }

  private static String cut(String label) {
    if (label.codePointCount(0, label.length()) <= MAX_CHARS) {
      return label;
    }
    return label.substring(0, label.offsetByCodePoints(0, MAX_CHARS - 1)) + "…";
  }
}
