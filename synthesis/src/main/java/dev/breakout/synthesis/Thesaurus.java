package dev.breakout.synthesis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Concept groups a course owns and reviews: words that name one idea in the answers (예산, 비용, 투자). Kept as data
 * beside the course documents ({@code content/thesaurus.txt}); the format is in docs/content-format.md:
 *
 * <pre>
 * # comment
 * 예산: 비용, 투자, 돈, budget
 * </pre>
 *
 * <p>One group a line; the name before the colon is the group's label and one of its terms; terms are separated by
 * commas and may be several words ("변화를 두려워함"), which match the same words with any particles and endings.
 * The line named {@code -} lists words to ignore: words every idea uses ("부족", "도입") that would make unrelated
 * answers meet.
 */
public record Thesaurus(List<Group> groups, List<String> ignored) {

  public static final String BUNDLED = "/content/thesaurus.txt";

  /** The name of the line that lists words which never make two answers one idea ("부족", "도입"). */
  public static final String IGNORED = "-";

  public Thesaurus {
    groups = List.copyOf(groups);
    ignored = List.copyOf(ignored);
  }

  public record Group(String name, List<String> terms) {
    public Group {
      terms = List.copyOf(terms);
    }
  }

  public static Thesaurus empty() {
    return new Thesaurus(List.of(), List.of());
  }

  /** The thesaurus bundled with the content module, or an empty one when the module ships none. */
  public static Thesaurus bundled() {
    try (InputStream in = Thesaurus.class.getResourceAsStream(BUNDLED)) {
      return in == null ? empty() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BUNDLED, e);
    }
  }

  /**
   * Reads the format above. A line without a colon, or with an empty name, is an error naming its line: a reviewed
   * file must say what it means.
   *
   * @throws IllegalArgumentException naming the line of the first problem
   */
  public static Thesaurus parse(String text) {
    List<Group> groups = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("thesaurus line " + (i + 1) + ": expected 'name: term, term, ...'");
      }
      String name = line.substring(0, colon).strip();
      List<String> terms = new ArrayList<>();
      if (name.equals(IGNORED)) {
        for (String term : line.substring(colon + 1).split(",")) {
          if (!term.isBlank()) {
            ignored.add(term.strip());
          }
        }
        continue;
      }
      terms.add(name);
      for (String term : line.substring(colon + 1).split(",")) {
        if (!term.isBlank()) {
          terms.add(term.strip());
        }
      }
      groups.add(new Group(name, terms));
    }
    return new Thesaurus(groups, ignored);
  }
}
