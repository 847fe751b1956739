package dev.breakout.server.export;

import dev.breakout.server.analytics.NudgeRules;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exports of a workshop: Markdown to read ({@link MarkdownExport}), CSV for a spreadsheet (one
 * row per card, or per group of analytics; {@link CsvExport}), JSON for the complete record
 * ({@link JsonExport}). This class picks the format and the zone and holds what the formats share.
 * Times are ISO 8601 to the second with their offset, in the workshop's own zone (the one its
 * creator's browser was in), else the server's zone.
 */
public final class Exports {
  private final ZoneId serverZone;
  private ZoneId zone;
  private final NudgeRules nudgeRules;

  Exports(ZoneId zone) {
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
    String query() {
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

  String render(WorkshopRecord record, Format format) {
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
      case MD -> withSynthesis(MarkdownExport.render(record, this::time), record, synthesis);
      case CSV -> CsvExport.cards(record, this::time);
      case JSON -> (synthesis == null ? json(record) : json(record).put("synthesis", synthesis)).encodePrettily();
      case ANALYTICS_CSV -> CsvExport.analytics(record, this::time);
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

  private JsonObject json(WorkshopRecord record) {
    return JsonExport.render(record, this::time, zone, analytics(record));
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

  /** A card's contributors, or its author alone when the logs name none. */
  static List<String> authors(Map<String, List<String>> contributors, Card c) {
    return contributors.getOrDefault(c.cardId(), List.of(c.authorName()));
  }

  /** User text on one Markdown line, shown as text by any viewer (see {@link MarkdownText}). */
  static String inline(String text) {
    return MarkdownText.inline(text);
  }
}
