package dev.breakout.server.export;

/**
 * Puts text people typed into the Markdown export so that every Markdown viewer shows it as
 * text: nothing in it becomes HTML, a link, an image or formatting. Many viewers render HTML
 * inside Markdown, so a card saying {@code <img src=x onerror=...>} or {@code [click](javascript:...)}
 * would otherwise act on whoever opens the export.
 *
 * <ul>
 *   <li>{@code <} and {@code >} become {@code &lt;} and {@code &gt;}: entities are understood by
 *       every Markdown flavour (a backslash before {@code <} is not, in the original Markdown.pl),
 *       so no tag, comment or autolink can start. {@code &} becomes {@code &amp;} only where it
 *       would start an entity, so "R&D" stays as typed.
 *   <li>{@code [ ] \ * _ `} and a line-leading {@code #}, {@code +}, {@code -}, {@code =} and
 *       {@code |} get a backslash: no link, image, reference definition, emphasis, code span,
 *       heading or list can form. Brackets escaped, {@code (url)} after them is plain text, and
 *       {@code javascript:} is just a word.
 *   <li>Line breaks become Markdown hard breaks inside the same list item or quote.
 * </ul>
 * Korean and ordinary punctuation (. , ! ? : ; ' " ( ) ~ / %) are left as typed.
 */
final class MarkdownText {
  private MarkdownText() {}

  /** User text on one Markdown line (a list item, a heading, a quote). */
  static String inline(String text) {
    String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(normalized.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append(startsEntity(normalized, i) ? "&amp;" : "&");
        case '\\', '[', ']', '*', '_', '`' -> out.append('\\').append(c);
        case '#', '+', '-', '=', '|' -> {
          if (lineStart) {
            out.append('\\');
          }
          out.append(c);
        }
        case '\n' -> {
          out.append("  \n  ");
          lineStart = true;
          continue;
        }
        default -> out.append(c);
      }
      lineStart = lineStart && c == ' ';
    }
    return out.toString();
  }

  /** Whether {@code &} at {@code i} begins something a renderer would read as an entity. */
  private static boolean startsEntity(String s, int i) {
    int j = i + 1;
    if (j < s.length() && s.charAt(j) == '#') {
      j++;
    }
    int start = j;
    while (j < s.length() && j - start <= 32 && Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128) {
      j++;
    }
    return j > start && j < s.length() && s.charAt(j) == ';';
  }
}
