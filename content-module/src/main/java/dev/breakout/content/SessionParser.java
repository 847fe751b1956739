package dev.breakout.content;

import java.util.List;
import java.util.Objects;

/** Turns a course session document (Markdown, see docs/content-format.md) into a {@link Session}. */
public final class SessionParser {

  /** Documents above this size are refused before parsing: nothing a session needs comes near it. */
  static final int MAX_BYTES = 1024 * 1024;

  private SessionParser() {}

  /**
   * Parses one document.
   *
   * @param sourceName how problems name the document, e.g. its file name
   * @throws ContentException with every problem of the document, each naming its line
   */
  public static Session parse(String markdown, String sourceName) throws ContentException {
    Objects.requireNonNull(markdown, "markdown");
    String source = sourceName == null ? "<document>" : sourceName;
    long bytes = utf8Length(markdown);
    if (bytes > MAX_BYTES) {
      throw new ContentException(source, List.of(tooLarge(bytes)));
    }
    String text = markdown.startsWith("\uFEFF") ? markdown.substring(1) : markdown;
    Report report = new Report();
    Session session = new DocumentReader(Markdown.parse(text), report).read();
    if (session == null) {
      throw new ContentException(source, report.errors());
    }
    return session;
  }

  static Problem tooLarge(long bytes) {
    return new Problem(1, "the document is " + bytes + " bytes; the limit is 1 MiB (" + MAX_BYTES
        + " bytes): split it into several sessions");
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
