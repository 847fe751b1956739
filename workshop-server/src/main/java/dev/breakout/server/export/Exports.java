package dev.breakout.server.export;

import dev.breakout.content.Exercise;
import dev.breakout.server.analytics.NudgeRules;
import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.ClockState;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The three exports of a workshop: Markdown to read, CSV (one row per card) for a spreadsheet, JSON
 * for the complete record. Times are ISO 8601 to the second with their offset, in the workshop's
 * own zone (the one its creator's browser was in), else the server's zone.
 */
public final class Exports {
  private final ZoneId serverZone;
  private ZoneId zone;
  private final NudgeRules nudgeRules;

  public Exports(ZoneId zone) {
    this(zone, NudgeRules.standard());
  }

  public Exports(ZoneId zone, NudgeRules nudgeRules) {
    this.serverZone = zone;
    this.zone = zone;
    this.nudgeRules = nudgeRules;
  }

  /** The configured time zone, for workshops without their own (see {@link #zoneOf}). */
  public ZoneId zone() {
    return serverZone;
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
    return inZoneOf(record).renderInZone(record, format, synthesis);
  }

  /** A copy of these exports that writes times in the record's workshop's zone. */
  private Exports inZoneOf(WorkshopRecord record) {
    Exports exports = new Exports(serverZone, nudgeRules);
    exports.zone = zoneOf(record.plan());
    return exports;
  }

  /** The workshop's zone when it has a valid one: a class reads its times in its own local time. */
  ZoneId zoneOf(WorkshopPlan plan) {
    if (plan.timeZone() != null) {
      try {
        return ZoneId.of(plan.timeZone());
      } catch (java.time.DateTimeException e) {
        return serverZone;
      }
    }
    return serverZone;
  }

  private String renderInZone(WorkshopRecord record, Format format, JsonObject synthesis) {
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
    Exports inZone = inZoneOf(record);
    return AnalyticsExport.json(record, nudgeRules, inZone::time);
  }

  /** One row per group, with the cards export's CSV rules (byte-order mark, RFC 4180, CRLF, defusing). */
  String analyticsCsv(WorkshopRecord r) {
    StringBuilder out = new StringBuilder("\uFEFF");
    AnalyticsExport.csvRows(r, this::time).forEach(cells -> row(out, cells));
    return out.toString();
  }

  /** ISO 8601 to the second: milliseconds mean nothing to a reader and clutter a spreadsheet. */
  String time(long epochMillis) {
    return epochMillis <= 0 ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
        Instant.ofEpochMilli(epochMillis).atZone(zone).toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS));
  }

  /** Workshop-wide events of the timeline: the clock's history, the spotlight, broadcasts. */
  static boolean isTimelineEvent(Event e) {
    return e instanceof Event.PhaseChanged || e instanceof Event.ClockPaused || e instanceof Event.ClockResumed
        || e instanceof Event.ClockAdjusted || e instanceof Event.WorkshopEnded
        || e instanceof Event.PresentationStarted || e instanceof Event.PresentationWaiting
        || e instanceof Event.SpotlightChanged || e instanceof Event.BroadcastSent || e instanceof Event.ClockWarning
        || e instanceof Event.BroadcastWithdrawn;
  }

  /** Events of one group that belong in the timeline: help asked and given, the group's own extra time. */
  static boolean isGroupTimelineEvent(Event e) {
    return e instanceof Event.HelpRequested || e instanceof Event.HelpCleared || e instanceof Event.GroupClockAdjusted;
  }

  /**
   * Who wrote a card: its author, then everyone who edited it, each once, by name; from the logs,
   * because the board keeps only the first author.
   */
  static Map<String, List<String>> contributors(WorkshopRecord r) {
    Map<String, String> names = new HashMap<>();
    r.seats().forEach(s -> names.put(s.studentId(), s.name()));
    Map<String, List<String>> byCard = new HashMap<>();
    r.logs().values().forEach(log -> log.forEach(l -> {
      if (l.event() instanceof Event.StudentJoined j) {
        names.putIfAbsent(j.studentId(), j.name());
      }
    }));
    r.logs().values().forEach(log -> log.forEach(l -> {
      if (l.event() instanceof Event.CardAdded a) {
        byCard.computeIfAbsent(a.card().cardId(), k -> new ArrayList<>()).add(a.card().authorName());
      } else if (l.event() instanceof Event.CardEdited e) {
        List<String> who = byCard.computeIfAbsent(e.cardId(), k -> new ArrayList<>());
        String name = names.getOrDefault(e.editorId(), e.editorId());
        if (!who.contains(name)) {
          who.add(name);
        }
      }
    }));
    return byCard;
  }

  private static List<String> authors(Map<String, List<String>> contributors, Card c) {
    return contributors.getOrDefault(c.cardId(), List.of(c.authorName()));
  }

  // ------------------------------------------------------------------ Markdown

  String markdown(WorkshopRecord r) {
    WorkshopPlan p = r.plan();
    StringBuilder md = new StringBuilder();
    md.append("# ").append(p.sessionTitle()).append(" — ").append(p.exerciseTitle()).append("\n\n");
    if (p.name() != null) {
      md.append("- 이름 / Name: ").append(inline(p.name())).append('\n');
    }
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
      md.append("| ").append(time(l.at())).append(" | ").append(cell(describe(p, l))).append(" |\n");
    }
    md.append('\n');
    Map<String, List<String>> contributors = contributors(r);
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
          md.append(inline(c.text())).append(" — ").append(inline(String.join(", ", authors(contributors, c))));
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

  private static String groupName(WorkshopPlan p, String groupId) {
    return p.groups().stream().filter(g -> g.id().equals(groupId)).map(WorkshopPlan.GroupInfo::name).findFirst()
        .orElse(groupId);
  }

  private static String groupNames(WorkshopPlan p, List<String> groupIds) {
    return groupIds.stream().map(g -> groupName(p, g)).collect(Collectors.joining(", "));
  }

  private String describe(WorkshopPlan p, Logged l) {
    Event e = l.event();
    String group = groupName(p, l.groupId());
    if (e instanceof Event.PhaseChanged c && "ended".equals(c.clock().kind())) {
      return "종료 / ended";
    } else if (e instanceof Event.PhaseChanged c && ClockState.Stage.READY.equals(c.clock().stage())) {
      return "단계 시작 / phase started: " + phaseName(p, c.clock().phase()) + " (발표 대기 / waiting for the start)";
    } else if (e instanceof Event.PhaseChanged c) {
      return "단계 시작 / phase started: " + phaseName(p, c.clock().phase());
    } else if (e instanceof Event.PresentationStarted) {
      return "발표 시작 / presentations started";
    } else if (e instanceof Event.PresentationWaiting w) {
      return "발표 대기: 작성 중인 조 / presentations wait for groups still writing: " + groupNames(p, w.groupIds());
    } else if (e instanceof Event.SpotlightChanged s) {
      return "발표 / presenting: " + s.groupName();
    } else if (e instanceof Event.BroadcastSent b) {
      return "공지 / broadcast: " + b.text();
    } else if (e instanceof Event.BroadcastWithdrawn w) {
      return "공지 회수 / broadcast withdrawn: " + time(w.sentAt());
    } else if (e instanceof Event.ClockWarning w) {
      return "마감 경고 / end warning: " + Math.round(w.remainingMs() / 1000.0) + " s";
    } else if (e instanceof Event.HelpRequested) {
      return "도움 요청 / help requested: " + group;
    } else if (e instanceof Event.HelpCleared) {
      return "도움 해결 / help given: " + group;
    } else if (e instanceof Event.GroupClockAdjusted g) {
      return "조별 시간 조정 / time adjusted for " + group + ": " + (g.seconds() > 0 ? "+" : "") + g.seconds() + " s";
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
      "version", "created_at", "updated_at", "contributors", "workshop_name", "reactions_agree",
      "reactions_new");

  /**
   * One row per card. UTF-8 with a byte-order mark so that spreadsheets read Korean correctly;
   * RFC 4180 quoting; CRLF line ends.
   */
  String csv(WorkshopRecord r) {
    WorkshopPlan p = r.plan();
    StringBuilder out = new StringBuilder("\uFEFF");
    row(out, CSV_COLUMNS);
    Map<String, List<String>> contributors = contributors(r);
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
              String.join(", ", authors(contributors, c)), p.name() == null ? "" : p.name(),
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
    Map<String, List<String>> contributors = contributors(r);
    for (GroupView g : r.groups()) {
      JsonObject group = Json.group(g, now);
      JsonObject cards = group.getJsonObject("cards");
      g.cards().forEach((prompt, list) -> {
        for (int i = 0; i < list.size(); i++) {
          cards.getJsonArray(prompt).getJsonObject(i)
              .put("contributors", new JsonArray(new ArrayList<>(authors(contributors, list.get(i)))));
        }
      });
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
    r.timeline().forEach(l -> {
      JsonObject entry = new JsonObject().put("time", time(l.at())).put("at", l.at())
          .put("event", Json.event(l.event(), l.at()));
      if (isGroupTimelineEvent(l.event())) {
        entry.put("groupId", l.groupId());
      }
      timeline.add(entry);
    });
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
