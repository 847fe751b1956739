package dev.breakout.content;

import java.util.List;
import java.util.Locale;

/** Decides whether CSS or an attribute value could make the browser fetch something outside the diagram. */
final class Css {

  // Functions and at-rules that load resources or run code without going through url(...).
  private static final List<String> LOADERS = List.of(
      "@import", "@font-face", "image-set(", "image(", "cross-fade(", "element(", "src(", "expression(",
      "-moz-binding", "behavior:");

  private Css() {}

  /** True when the value holds a {@code url(...)} whose target is not a {@code #id} inside the document. */
  static boolean hasExternalUrl(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (int at = lower.indexOf("url("); at >= 0; at = lower.indexOf("url(", at + 4)) {
      int i = at + 4;
      while (i < lower.length() && (Character.isWhitespace(lower.charAt(i)) || lower.charAt(i) == '"'
          || lower.charAt(i) == '\'')) {
        i++;
      }
      if (i >= lower.length() || lower.charAt(i) != '#') {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a style sheet or style attribute loads nothing from outside. Backslashes are refused outright
   * because CSS escapes can spell {@code url(} in ways a plain text search does not see.
   */
  static boolean isSafeStyle(String css) {
    String lower = css.toLowerCase(Locale.ROOT);
    return !hasExternalUrl(css) && css.indexOf('\\') < 0 && LOADERS.stream().noneMatch(lower::contains);
  }
}
