package dev.breakout.load;

import java.util.List;

/** A plain-text table with aligned columns (also valid Markdown). */
final class Table {
  private Table() {}

  static String render(List<String> heads, List<List<String>> rows) {
    int[] width = new int[heads.size()];
    for (int i = 0; i < heads.size(); i++) {
      width[i] = heads.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, heads, width);
    b.append('|');
    for (int w : width) {
      b.append('-').append("-".repeat(w)).append("-|");
    }
    b.append('\n');
    for (List<String> row : rows) {
      line(b, row, width);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    b.append('|');
    for (int i = 0; i < width.length; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      b.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
    }
    b.append('\n');
  }
}
