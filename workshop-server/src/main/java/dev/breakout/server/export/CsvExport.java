package dev.breakout.server.export;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Member;
import dev.breakout.server.room.WorkshopPlan;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The CSV exports, for a spreadsheet: one row per card, and one row per group of analytics
 * ({@link AnalyticsExport}), both with the same rules (byte-order mark, RFC 4180, CRLF, cells a
 * spreadsheet would run as formulas defused).
 */
final class CsvExport {
  private CsvExport() {}

  static final List<String> CSV_COLUMNS = List.of("workshop_id", "session", "exercise", "group_id", "group_name",
      "members", "submitted", "prompt_id", "prompt", "position", "card_id", "text", "label", "author", "late",
      "version", "created_at", "updated_at", "contributors", "workshop_name", "reactions_agree",
      "reactions_new");

  /**
   * One row per card. UTF-8 with a byte-order mark so that spreadsheets read Korean correctly;
   * RFC 4180 quoting; CRLF line ends.
   */
  static String cards(WorkshopRecord r, LongFunction<String> time) {
    WorkshopPlan p = r.plan();
    StringBuilder out = new StringBuilder("\uFEFF");
    row(out, CSV_COLUMNS);
    Map<String, List<String>> contributors = Exports.contributors(r);
    for (GroupView g : r.groups()) {
      String members = g.members().stream().map(Member::name).collect(Collectors.joining(", "));
      for (Exercise.Prompt prompt : p.prompts()) {
        List<Card> cards = g.cards().getOrDefault(prompt.id(), List.of());
        for (int i = 0; i < cards.size(); i++) {
          Card c = cards.get(i);
          row(out, List.of(p.id(), p.sessionTitle(), p.exerciseTitle(), g.groupId(), g.name(), members,
              String.valueOf(g.submitted()), prompt.id(), prompt.text(), String.valueOf(i + 1), c.cardId(), c.text(),
              c.label() == null ? "" : c.label(), c.authorName(), String.valueOf(c.late()),
              String.valueOf(c.version()), time.apply(c.createdAt()), time.apply(c.updatedAt()),
              String.join(", ", Exports.authors(contributors, c)), p.name() == null ? "" : p.name(),
              String.valueOf(reaction(g, c).agree()), String.valueOf(reaction(g, c).newToMe())));
        }
      }
    }
    return out.toString();
  }

  private static GroupView.Reaction reaction(GroupView g, Card c) {
    return g.reactions().getOrDefault(c.cardId(), new GroupView.Reaction(g.groupId(), 0, 0, List.of(), List.of()));
  }

  /** One row, with a CRLF line end. */
  static void row(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(csvCell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /**
   * Quotes a cell when it must be, and defuses text a spreadsheet would run as a formula (a
   * student's "=HYPERLINK(...)" must not act on the instructor's machine): such cells get a
   * leading apostrophe, as OWASP advises.
   */
  static String csvCell(String value) {
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  /** One row per group, with the cards export's CSV rules. */
  static String analytics(WorkshopRecord r, LongFunction<String> time) {
    StringBuilder out = new StringBuilder("\uFEFF");
    AnalyticsExport.csvRows(r, time).forEach(cells -> row(out, cells));
    return out.toString();
  }
}
