package dev.breakout.server.export;

import dev.breakout.server.analytics.AnalyticsFold;
import dev.breakout.server.analytics.ExerciseAnalytics;
import dev.breakout.server.analytics.ExerciseAnalytics.GroupFigures;
import dev.breakout.server.analytics.NudgeRules;
import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.GroupView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/** The analytics read model at the edge: its JSON object and its CSV (one row per group). */
final class AnalyticsExport {
  private AnalyticsExport() {}

  static ExerciseAnalytics of(WorkshopRecord r) {
    return AnalyticsFold.of(r.plan(), r.logs(), r.seats());
  }

  static JsonObject json(WorkshopRecord r, NudgeRules rules, LongFunction<String> time) {
    ExerciseAnalytics a = of(r);
    JsonArray groups = new JsonArray();
    for (GroupFigures g : a.groups()) {
      JsonObject perPrompt = new JsonObject();
      g.cardsPerPrompt().forEach(perPrompt::put);
      JsonArray help = new JsonArray();
      g.help().forEach(h -> help.add(new JsonObject().put("at", h.at()).put("time", time.apply(h.at()))
          .put("waitedMs", h.waitedMs())));
      JsonArray members = new JsonArray();
      g.members().forEach(m -> members.add(new JsonObject().put("studentId", m.studentId()).put("name", m.name())));
      GroupView view = r.groups().stream().filter(v -> v.groupId().equals(g.groupId())).findFirst().orElse(null);
      groups.add(new JsonObject()
          .put("groupId", g.groupId()).put("name", g.name())
          .put("firstCardAt", g.firstCardAt()).put("firstCardMs", g.firstCardMs())
          .put("cards", g.cards()).put("cardsPerPrompt", perPrompt)
          .put("members", members).put("contributors", new JsonArray(new ArrayList<>(g.contributors())))
          .put("silent", new JsonArray(new ArrayList<>(g.silent())))
          .put("edits", g.edits()).put("lateEdits", g.lateEdits()).put("help", help)
          .put("submittedAt", g.submittedAt()).put("submittedMs", g.submittedMs())
          .put("nudges", new JsonArray(new ArrayList<>(view == null ? List.of() : nudges(rules, r.clock(), view,
              r.takenAt())))));
    }
    ExerciseAnalytics.ClassFigures c = a.whole();
    JsonArray prompts = new JsonArray();
    c.prompts().forEach(p -> prompts.add(new JsonObject().put("promptId", p.promptId()).put("cards", p.cards())
        .put("groupsWithCards", p.groupsWithCards()).put("emptyGroups", p.emptyGroups())));
    ExerciseAnalytics.Spread s = c.firstCard();
    JsonObject whole = new JsonObject().put("groupsWithMembers", c.groupsWithMembers()).put("prompts", prompts)
        .put("mostlyEmptyPrompts", new JsonArray(new ArrayList<>(c.mostlyEmptyPrompts())))
        .put("students", c.students()).put("silentStudents", new JsonArray(new ArrayList<>(c.silentStudents())))
        .put("firstCard", new JsonObject().put("groups", s.groups()).put("without", s.without())
            .put("minMs", s.minMs()).put("medianMs", s.medianMs()).put("maxMs", s.maxMs()));
    JsonArray reacted = new JsonArray();
    a.mostReacted().forEach(x -> reacted.add(new JsonObject().put("groupId", x.groupId()).put("cardId", x.cardId())
        .put("prompt", x.prompt()).put("text", x.text()).put("authorName", x.authorName())
        .put("agree", x.agree()).put("new", x.newToMe()).put("total", x.total())));
    return new JsonObject()
        .put("startedAt", a.startedAt())
        .put("nudgeRules", new JsonObject().put("noCardMs", rules.noCardMs()).put("idleMs", rules.idleMs()))
        .put("groups", groups)
        .put("class", whole)
        .put("mostReacted", reacted);
  }

  static List<String> nudges(NudgeRules rules, ClockState clock, GroupView g, long now) {
    int cards = g.cards().values().stream().mapToInt(List::size).sum();
    return rules.flags(clock.kind(), clock.paused(), clock.pausedAt(), clock.phaseStartedAt(), g.members().size(),
        cards, g.lastActivityAt(), now);
  }

  /** One row per group; the prompt columns follow the workshop's prompts ({@code cards_p1}, ...). */
  static List<List<String>> csvRows(WorkshopRecord r, LongFunction<String> time) {
    ExerciseAnalytics a = of(r);
    List<String> header = new ArrayList<>(List.of("workshop_id", "session", "exercise", "group_id", "group_name",
        "members", "member_names", "contributors", "silent_members", "first_card_seconds", "cards"));
    r.plan().prompts().forEach(p -> header.add("cards_" + p.id()));
    header.addAll(List.of("edits", "late_edits", "help_requests", "help_waits_seconds", "submitted_at",
        "submitted_seconds"));
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    for (GroupFigures g : a.groups()) {
      List<String> row = new ArrayList<>(List.of(r.plan().id(), r.plan().sessionTitle(), r.plan().exerciseTitle(),
          g.groupId(), g.name(), String.valueOf(g.members().size()),
          g.members().stream().map(ExerciseAnalytics.Member::name).collect(Collectors.joining(", ")),
          String.valueOf(g.contributors().size()), String.join(", ", g.silent()), seconds(g.firstCardMs()),
          String.valueOf(g.cards())));
      r.plan().prompts().forEach(p -> row.add(String.valueOf(g.cardsPerPrompt().getOrDefault(p.id(), 0))));
      row.addAll(List.of(String.valueOf(g.edits()), String.valueOf(g.lateEdits()), String.valueOf(g.help().size()),
          g.help().stream().map(h -> h.waitedMs() == null ? "open" : seconds(h.waitedMs()))
              .collect(Collectors.joining(" ")),
          g.submittedAt() == null ? "" : time.apply(g.submittedAt()), seconds(g.submittedMs())));
      rows.add(row);
    }
    return rows;
  }

  /** Seconds, exact to the millisecond ({@code 30}, {@code 30.5}); empty for none. */
  private static String seconds(Long ms) {
    return ms == null ? "" : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
  }
}
