package dev.breakout.content;

import java.util.regex.Pattern;
import org.commonmark.node.Heading;

/**
 * A heading as the conventions see it: its title without the trailing minute budget, and the budget.
 *
 * @param minutes   the budget, or null when the heading gives none or it cannot be read
 * @param hasBudget whether the heading ends in a budget, readable or not
 */
record HeadingInfo(Heading node, int level, String title, Integer minutes, boolean hasBudget, int line) {

  private static final int MAX_MINUTES = 1440;

  private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,4}");

  /** Reads a heading, reporting an unreadable budget or an empty title. */
  static HeadingInfo read(Heading heading, Report report) {
    int line = Markdown.line(heading);
    String text = Markdown.text(heading).replace('\n', ' ');
    String title = text;
    Integer minutes = null;
    // Found by hand rather than by a regular expression: a backtracking pattern over a long heading of spaces
    // takes quadratic time, and documents come from anywhere.
    int open = text.lastIndexOf('(');
    boolean hasBudget = text.endsWith("분)") && open >= 0 && open < text.length() - 2
        && text.indexOf(')', open) == text.length() - 1;
    if (hasBudget) {
      String inside = text.substring(open + 1, text.length() - 2);
      title = text.substring(0, open).strip();
      minutes = minutes(inside.strip());
      if (minutes == null) {
        report.error(line, "cannot read the minute budget '(" + inside + "분)': expected (N분) with N a whole"
            + " number of minutes from 1 to " + MAX_MINUTES + ", e.g. (25분)");
      }
    }
    if (title.isEmpty()) {
      report.error(line, "empty heading: expected a title after the " + "#".repeat(heading.getLevel()));
    }
    return new HeadingInfo(heading, heading.getLevel(), title, minutes, hasBudget, line);
  }

  private static Integer minutes(String digits) {
    if (!WHOLE_NUMBER.matcher(digits).matches()) {
      return null;
    }
    int minutes = Integer.parseInt(digits);
    return minutes >= 1 && minutes <= MAX_MINUTES ? minutes : null;
  }
}
