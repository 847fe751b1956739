package dev.breakout.server.export;

import dev.breakout.content.Exercise;
import dev.breakout.server.analytics.NudgeRules;
import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.GroupView;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Member;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The three exports of a workshop: Markdown to read, CSV (one row per card) for a spreadsheet, JSON
 * for the complete record. Times are ISO 8601 with their offset in the configured zone.
 */
public final class Exports {
  private final ZoneId zone;
  private final NudgeRules nudgeRules;

  public Exports(ZoneId zone) {
    this(zone, NudgeRules.standard());
  }

  public Exports(ZoneId zone, NudgeRules nudgeRules) {
    this.zone = zone;
    this.nudgeRules = nudgeRules;
  }

  /** The configured time zone every exported time is given in. */
  public ZoneId zone() {
    return zone;
  }

  public enum Format {
    MD("text/markdown; charset=utf-8", "md"),
    CSV("text/csv; charset=utf-8", "csv"),
    JSON("application/json; charset=utf-8", "json"),
    /** One row per group: the analytics (see {@link AnalyticsExport}). */
    ANALYTICS_CSV("text/csv; charset=utf-8", "csv", "analytics-csv");

    private final String contentType;
    private final String extension;
    private final String query;

    Format(String contentType, String extension) {
      this(contentType, extension, extension);
    }

    Format(String contentType, String extension, String query) {
      this.contentType = contentType;
      this.extension = extension;
      this.query = query;
    }

    /** How the format is asked for: {@code ?format=...}. */
    public String query() {
      return query;
    }

    public String contentType() {
      return contentType;
    }

    public String extension() {
      return extension;
    }

    public static java.util.Optional<Format> of(String name) {
      return java.util.Arrays.stream(values()).filter(f -> f.query.equals(name)).findFirst();
    }
  }

  public String render(WorkshopRecord record, Format format) {
    return render(record, format, null);
  }

  /** {@code synthesis}: the class synthesis as its endpoint answers it, or null when there is none to show. */
  public String render(WorkshopRecord record, Format format, JsonObject synthesis) {
    return switch (format) {
      case MD -> withSynthesis(markdown(record), record, synthesis);
      case CSV -> csv(record);
      case JSON -> (synthesis == null ? json(record) : json(record).put("synthesis", synthesis)).encodePrettily();
      case ANALYTICS_CSV -> analyticsCsv(record);
    };
  }

  private static String withSynthesis(String markdown, WorkshopRecord record, JsonObject synthesis) {
    if (synthesis == null) {
      return markdown;
    }
    StringBuilder md = new StringBuilder(markdown);
    SynthesisSection.append(md, record.plan(), synthesis);
    return md.toString();
  }

  /** The analytics object of the JSON export, also served alone to the dashboard. */
  public JsonObject analytics(WorkshopRecord record) {
    return AnalyticsExport.json(record, nudgeRules, this::time);
  }

  /** One row per group, with the cards export's CSV rules (byte-order mark, RFC 4180, CRLF, defusing). */
  String analyticsCsv(WorkshopRecord r) {
    StringBuilder out = new StringBuilder("\uFEFF");
    AnalyticsExport.csvRows(r, this::time).forEach(cells -> row(out, cells));
    return out.toString();
  }

  String time(long epochMillis) {
    return epochMillis <= 0 ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime());
  }

  static boolean isTimelineEvent(Event e) {
    return e instanceof Event.PhaseChanged || e instanceof Event.ClockPaused || e instanceof Event.ClockResumed
        || e instanceof Event.ClockAdjusted || e instanceof Event.WorkshopEnded;
  }

  // ------------------------------------------------------------------ Markdown

  String markdown(WorkshopRecord r) {
    WorkshopPlan p = r.plan();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(p.sessionTitle()).append(" — ").append(p.exerciseTitle()).append("\n\n");
    md.append("- 워크숍 / Workshop: `").append(p.id()).append("` (참여 코드 / join code ").append(p.joinCode())
        .append(")\n");
    md.append("- 만든 때 / Created: ").append(time(p.createdAt())).append('\n');
    md.append("- 내보낸 때 / Exported: ").append(time(r.takenAt())).append('\n');
    md.append("- 현재 단계 / Phase now: ").append(phaseName(p, r.clock().phase())).append("\n\n");
    if (p.scenario() != null) {
      md.append("## 시나리오 / Scenario\n\n").append(p.scenario()).append("\n\n");
    }
    if (!p.conditions().isEmpty()) {
      md.append("주어진 조건 / Given conditions:\n\n");
      p.conditions().forEach(c -> md.append("- ").append(c).append('\n'));
      md.append('\n');
    }
    md.append("## 진행 기록 / Timeline\n\n| 시각 / Time | 사건 / Event |\n|---|---|\n");
    for (Logged l : r.timeline()) {
      md.append("| ").append(time(l.at())).append(" | ").append(cell(describe(p, l.event()))).append(" |\n");
    }
    md.append('\n');
    List<dev.breakout.server.analytics.ExerciseAnalytics.ReactedCard> reacted = AnalyticsExport.of(r).mostReacted();
    if (!reacted.isEmpty()) {
      md.append("## 반응이 많은 카드 / Most-reacted cards\n\n");
      int rank = 1;
      for (var c : reacted.subList(0, Math.min(10, reacted.size()))) {
        md.append(rank++).append(". ").append(inline(c.text())).append(" — ").append(inline(c.authorName()))
            .append(", ").append(inline(p.groups().stream().filter(x -> x.id().equals(c.groupId()))
            .map(WorkshopPlan.GroupInfo::name).findFirst().orElse(c.groupId()))).append(" (👍 ").append(c.agree()).append(" · 💡 ")
            .append(c.newToMe()).append(")\n");
      }
      md.append('\n');
    }
    for (GroupView g : r.groups()) {
      md.append("## ").append(inline(g.name())).append("\n\n");
      md.append("- 조원 / Members: ").append(g.members().isEmpty() ? "—"
          : g.members().stream().map(m -> inline(m.name())).collect(Collectors.joining(", "))).append('\n');
      md.append("- 제출 / Submitted: ").append(g.submitted() ? "예 / yes" : "아니오 / no").append('\n');
      md.append("- 마지막 활동 / Last activity: ").append(g.lastActivityAt() == 0 ? "—" : time(g.lastActivityAt()))
          .append("\n\n");
      int n = 1;
      for (Exercise.Prompt prompt : p.prompts()) {
        md.append("### ").append(n++).append(". ").append(prompt.text()).append("\n\n");
        List<Card> cards = g.cards().getOrDefault(prompt.id(), List.of());
        if (cards.isEmpty()) {
          md.append("_(없음 / none)_\n\n");
          continue;
        }
        int step = 1;
        for (Card c : cards) {
          String bullet = prompt.kind() == Exercise.PromptKind.STEPS ? (step++) + ". " : "- ";
          md.append(bullet);
          if (c.label() != null) {
            md.append("**[").append(inline(c.label())).append("]** ");
          }
          md.append(inline(c.text())).append(" — ").append(inline(c.authorName()));
          if (c.late()) {
            md.append(" _(늦음 / late)_");
          }
          GroupView.Reaction re = g.reactions().get(c.cardId());
          if (re != null && re.agree() + re.newToMe() > 0) {
            md.append(" (👍 ").append(re.agree()).append(" · 💡 ").append(re.newToMe()).append(')');
          }
          md.append('\n');
        }
        md.append('\n');
      }
      if (!g.feedback().isEmpty()) {
        md.append("### 피드백 / Feedback\n\n");
        g.feedback().forEach(f -> md.append("> ").append(inline(f.text())).append(" (").append(time(f.at()))
            .append(")\n\n"));
      }
    }
    return md.toString();
  }

  private static String phaseName(WorkshopPlan p, String phase) {
    return switch (phase) {
      case "lobby" -> "대기 / lobby";
      case "ended" -> "종료 / ended";
      default -> p.phases().stream().filter(ph -> ph.id().equals(phase)).map(WorkshopPlan.PhasePlan::title)
          .findFirst().orElse(phase);
    };
  }

  private String describe(WorkshopPlan p, Event e) {
    if (e instanceof Event.PhaseChanged c) {
      return "단계 시작 / phase started: " + phaseName(p, c.clock().phase());
    } else if (e instanceof Event.ClockPaused) {
      return "일시정지 / paused";
    } else if (e instanceof Event.ClockResumed) {
      return "재개 / resumed";
    } else if (e instanceof Event.ClockAdjusted a) {
      return "시간 조정 / time adjusted: " + (a.seconds() > 0 ? "+" : "") + a.seconds() + " s";
    } else if (e instanceof Event.WorkshopEnded) {
      return "강사가 종료 / ended by the instructor";
    }
    return e.type();
  }

  /** User text on one Markdown line, shown as text by any viewer (see {@link MarkdownText}). */
  static String inline(String text) {
    return MarkdownText.inline(text);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  // ------------------------------------------------------------------ CSV

  static final List<String> CSV_COLUMNS = List.of("workshop_id", "session", "exercise", "group_id", "group_name",
      "members", "submitted", "prompt_id", "prompt", "position", "card_id", "text", "label", "author", "late",
      "version", "created_at", "updated_at", "reactions_agree", "reactions_new");

  /**
   * One row per card. UTF-8 with a byte-order mark so that spreadsheets read Korean correctly;
   * RFC 4180 quoting; CRLF line ends.
   */
  String csv(WorkshopRecord r) {
    WorkshopPlan p = r.plan();
    StringBuilder out = new StringBuilder("\uFEFF");
    row(out, CSV_COLUMNS);
    for (GroupView g : r.groups()) {
      String members = g.members().stream().map(Member::name).collect(Collectors.joining(", "));
      for (Exercise.Prompt prompt : p.prompts()) {
        List<Card> cards = g.cards().getOrDefault(prompt.id(), List.of());
        for (int i = 0; i < cards.size(); i++) {
          Card c = cards.get(i);
          row(out, List.of(p.id(), p.sessionTitle(), p.exerciseTitle(), g.groupId(), g.name(), members,
              String.valueOf(g.submitted()), prompt.id(), prompt.text(), String.valueOf(i + 1), c.cardId(), c.text(),
              c.label() == null ? "" : c.label(), c.authorName(), String.valueOf(c.late()),
              String.valueOf(c.version()), time(c.createdAt()), time(c.updatedAt()),
              String.valueOf(reaction(g, c).agree()), String.valueOf(reaction(g, c).newToMe())));
        }
      }
    }
    return out.toString();
  }

  private static GroupView.Reaction reaction(GroupView g, Card c) {
    return g.reactions().getOrDefault(c.cardId(), new GroupView.Reaction(g.groupId(), 0, 0, List.of(), List.of()));
  }

  private static void row(StringBuilder out, List<String> cells) {
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

  // ------------------------------------------------------------------ JSON

  JsonObject json(WorkshopRecord r) {
    long now = r.takenAt();
    JsonArray groups = new JsonArray();
    for (GroupView g : r.groups()) {
      JsonObject group = Json.group(g, now);
      JsonArray log = new JsonArray();
      r.logs().getOrDefault(g.groupId(), List.of()).forEach(l -> log.add(Json.logged(l, l.at())
          .put("time", time(l.at())).put("actor", l.actor()).put("opId", l.opId())));
      group.put("log", log);
      groups.add(group);
    }
    JsonArray students = new JsonArray();
    for (Seat s : r.seats()) {
      students.add(Json.seat(s));
    }
    JsonArray timeline = new JsonArray();
    r.timeline().forEach(l -> timeline.add(new JsonObject().put("time", time(l.at())).put("at", l.at())
        .put("event", Json.event(l.event(), l.at()))));
    return new JsonObject()
        .put("format", "breakout-workshop-export/1")
        .put("exportedAt", time(now))
        .put("timeZone", zone.getId())
        .put("workshop", Json.plan(r.plan()).put("createdAtTime", time(r.plan().createdAt())))
        .put("clock", Json.clock(r.clock(), now))
        .put("students", students)
        .put("timeline", timeline)
        .put("groups", groups)
        .put("analytics", analytics(r));
  }
}
