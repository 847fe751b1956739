package dev.breakout.server.protocol;

import java.text.Normalizer;

/**
 * The one place where text a person typed is made safe to store and show: cards, labels, names,
 * group names, broadcasts and feedback all pass through here before anything checks their length.
 *
 * <ul>
 *   <li>NFC, so that Hangul typed as separate jamo (some IMEs, macOS file names) is stored as the
 *       syllables every screen and the text analysis expect.
 *   <li>C0 and C1 control characters are removed; {@code \r\n} and {@code \r} become {@code \n},
 *       a tab becomes a space. A block (card text, broadcast, feedback) keeps its line breaks; a
 *       line (label, name, group name) turns them into spaces. U+2028/U+2029 count as line breaks.
 *   <li>Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) are removed:
 *       a right-to-left override can make a card or a name read backwards on the projector and in
 *       exports. Arabic and Hebrew still show right to left without them.
 *   <li>Every other invisible format character (category Cf: zero-width space U+200B, word
 *       joiner, BOM U+FEFF, soft hyphen, ...) and the Hangul fillers U+3164 and U+FFA0 (a popular
 *       way to make a name that looks empty) are removed, with three exceptions that keep ordinary
 *       text intact: a zero-width joiner U+200D between two emoji (👩‍💻, 🏳️‍🌈 are one picture
 *       made of several), a zero-width non-joiner U+200C between two letters (Persian, Indic
 *       scripts need it), and tag characters U+E0020–U+E007F right after a black flag U+1F3F4
 *       (the flags of Scotland, Wales, England). Variation selectors (U+FE0F) stay.
 * </ul>
 *
 * <p>Stripping rather than refusing: a student who pasted text with a stray zero-width space
 * should not get an error they cannot see the reason for. A name must still keep at least one
 * visible character ({@link #hasVisible}).
 */
public final class TextNormalizer {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;

  private TextNormalizer() {}

  /** Text that may span lines: a card, a broadcast, feedback. {@code null} stays {@code null}. */
  public static String block(String text) {
    return text == null ? null : clean(text, true);
  }

  /** Text on one line: a label, a name, a group name. {@code null} stays {@code null}. */
  public static String line(String text) {
    return text == null ? null : clean(text, false);
  }

  /** Whether the text has at least one character a reader can see. */
  public static boolean hasVisible(String text) {
    return text != null && text.codePoints().anyMatch(TextNormalizer::visible);
  }

  private static String clean(String text, boolean keepLineBreaks) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    int[] cps = nfc.codePoints().toArray();
    StringBuilder out = new StringBuilder(nfc.length());
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == '\r') {
        if (i + 1 < cps.length && cps[i + 1] == '\n') {
          continue;
        }
        c = '\n';
      }
      if (c == 0x2028 || c == 0x2029) {
        c = '\n';
      }
      if (c == '\n') {
        out.append(keepLineBreaks ? '\n' : ' ');
      } else if (c == '\t') {
        out.append(' ');
      } else if (keep(cps, i)) {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }

  private static boolean keep(int[] cps, int i) {
    int c = cps[i];
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
      return false;
    }
    if (c == 0x3164 || c == 0xFFA0) {
      return false;
    }
    if (Character.getType(c) != Character.FORMAT) {
      return true;
    }
    int before = i > 0 ? cps[i - 1] : -1;
    int after = i + 1 < cps.length ? cps[i + 1] : -1;
    if (c == ZWJ) {
      return emojiPart(before) && emojiPart(after);
    }
    if (c == ZWNJ) {
      return before >= 0 && after >= 0 && Character.isLetter(before) && Character.isLetter(after);
    }
    if (c >= 0xE0020 && c <= 0xE007F) {
      return before == BLACK_FLAG || (before >= 0xE0020 && before <= 0xE007F);
    }
    return false;
  }

  /**
   * Whether a code point can sit beside a joiner in an emoji sequence. Java 17 has no
   * {@code Character.isEmoji}; these blocks hold every emoji of Unicode 15 that takes part in a
   * ZWJ sequence (pictographs, symbols and dingbats, skin tones), plus the variation selector
   * that often precedes the joiner.
   */
  private static boolean emojiPart(int c) {
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF)
        || c == 0xFE0F || (c >= 0x2194 && c <= 0x21AA);
  }

  private static boolean visible(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK, Character.PRIVATE_USE, Character.SURROGATE -> {
        return false;
      }
      default -> {
        // Hangul fillers are letters to Unicode but show nothing.
        return c != 0x115F && c != 0x1160 && c != 0x3164 && c != 0xFFA0;
      }
    }
  }
}
