package dev.breakout.server.store;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.ClockState;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The storage codec: plans and events to and from the JSON the database ({@code workshops.plan_json},
 * {@code events.body}) and the journal hold (docs/decisions/019-storage-codec.md).
 *
 * <p>It is the store's own, so that the wire format (protocol.Json, docs/protocol.md) can change
 * without touching what existing databases and journals hold. The stored form is, field for field
 * and in the same order, what the wire encoder wrote when this codec was split from it: every row
 * written before reads back, and a node of either age reads what the other wrote.
 * The look-up of a workshop by its join code relies on the plan's {@code "joinCode":"..."}
 * spelling, and the instructor's list on the {@code clock.phase} of clock events.
 *
 * <p>Reading is lenient where older rows lack a field (a plan before names, zones or the handover
 * options of decision 010; a clock before its handover stage), as it always was.
 */
final class StoredJson {
  private StoredJson() {}

  // ------------------------------------------------------------------ plan

  static String plan(WorkshopPlan p) {
    JsonArray groups = new JsonArray();
    p.groups().forEach(g -> groups.add(new JsonObject().put("id", g.id()).put("name", g.name())));
    JsonArray prompts = new JsonArray();
    p.prompts().forEach(q -> prompts.add(new JsonObject().put("id", q.id()).put("text", q.text())
        .put("kind", q.kind().json()).put("shortLabel", q.shortLabel())));
    JsonArray phases = new JsonArray();
    p.phases().forEach(ph -> phases.add(new JsonObject().put("id", ph.id()).put("title", ph.title())
        .put("kind", ph.kind().json()).put("durationMs", ph.durationMs())));
    WorkshopPlan.Handover h = p.handover();
    JsonObject handover = new JsonObject()
        .put("start", h.instructorStarts() ? "instructor" : "countdown")
        .put("prepSeconds", h.prepMs() / 1000)
        .put("pacing", h.timedSlots() ? "timed" : "presenter")
        .put("presenterAdvances", h.presenterAdvances())
        .put("lateGroups", h.waitForWriting() ? "wait" : "last");
    return new JsonObject()
        .put("id", p.id())
        .put("sessionId", p.sessionId())
        .put("sessionTitle", p.sessionTitle())
        .put("exerciseTitle", p.exerciseTitle())
        .put("scenario", p.scenario())
        .put("conditions", new JsonArray(new ArrayList<>(p.conditions())))
        .put("joinCode", p.joinCode())
        .put("groups", groups)
        .put("allowGroupChoice", p.allowGroupChoice())
        .put("prompts", prompts)
        .put("phases", phases)
        .put("warningLeadMs", p.warningLeadMs())
        .put("graceMs", p.graceMs())
        .put("createdAt", p.createdAt())
        .put("name", p.name())
        .put("timeZone", p.timeZone())
        .put("presentation", handover)
        .encode();
  }

  static WorkshopPlan plan(String stored) {
    JsonObject j = new JsonObject(stored);
    List<WorkshopPlan.GroupInfo> groups = objects(j.getJsonArray("groups")).stream()
        .map(g -> new WorkshopPlan.GroupInfo(g.getString("id"), g.getString("name"))).toList();
    List<Exercise.Prompt> prompts = objects(j.getJsonArray("prompts")).stream()
        .map(q -> new Exercise.Prompt(q.getString("id"), q.getString("text"),
            Exercise.PromptKind.valueOf(q.getString("kind").toUpperCase(Locale.ROOT)),
            q.getString("shortLabel"))).toList();
    List<WorkshopPlan.PhasePlan> phases = objects(j.getJsonArray("phases")).stream()
        .map(ph -> new WorkshopPlan.PhasePlan(ph.getString("id"), ph.getString("title"),
            Exercise.PhaseKind.valueOf(ph.getString("kind").toUpperCase(Locale.ROOT)),
            ph.getLong("durationMs"))).toList();
    return new WorkshopPlan(j.getString("id"), j.getString("sessionId"), j.getString("sessionTitle"),
        j.getString("exerciseTitle"), j.getString("scenario"), strings(j.getJsonArray("conditions")),
        j.getString("joinCode"), groups, j.getBoolean("allowGroupChoice", false), prompts, phases,
        j.getLong("warningLeadMs"), j.getLong("graceMs"), j.getLong("createdAt"), j.getString("name"),
        j.getString("timeZone"), handover(j.getJsonObject("presentation")));
  }

  /** A plan stored before decision 010 has no handover options: its workshops ran timed. */
  private static WorkshopPlan.Handover handover(JsonObject j) {
    if (j == null) {
      return WorkshopPlan.Handover.TIMED;
    }
    return new WorkshopPlan.Handover(!"countdown".equals(j.getString("start")), j.getLong("prepSeconds", 0L) * 1000,
        "timed".equals(j.getString("pacing")), j.getBoolean("presenterAdvances", false),
        "wait".equals(j.getString("lateGroups")));
  }

  // ------------------------------------------------------------------ events

  /**
   * An event's stored form. {@code at} is when it was accepted: a clock's {@code remainingMs} is
   * stored as it stood then (it is derived, and ignored on reading).
   */
  static String event(Event e, long at) {
    JsonObject j = new JsonObject().put("type", e.type());
    if (e instanceof Event.StudentJoined x) {
      j.put("studentId", x.studentId()).put("name", x.name());
    } else if (e instanceof Event.StudentLeft x) {
      j.put("studentId", x.studentId()).put("toGroupId", x.toGroupId());
    } else if (e instanceof Event.CardAdded x) {
      j.put("card", card(x.card()));
    } else if (e instanceof Event.CardEdited x) {
      j.put("cardId", x.cardId()).put("text", x.text()).put("label", x.label()).put("version", x.version())
          .put("editorId", x.editorId()).put("late", x.late());
    } else if (e instanceof Event.CardDeleted x) {
      j.put("cardId", x.cardId()).put("late", x.late());
    } else if (e instanceof Event.CardMoved x) {
      j.put("cardId", x.cardId()).put("index", x.index()).put("late", x.late());
    } else if (e instanceof Event.SubmissionChanged x) {
      j.put("submitted", x.submitted()).put("studentId", x.studentId()).put("late", x.late());
    } else if (e instanceof Event.HelpRequested x) {
      j.put("studentId", x.studentId());
    } else if (e instanceof Event.FeedbackGiven x) {
      j.put("text", x.text());
    } else if (e instanceof Event.GroupClockAdjusted x) {
      j.put("groupId", x.groupId()).put("seconds", x.seconds()).put("extraMs", x.extraMs());
    } else if (e instanceof Event.ClockAdjusted x) {
      j.put("seconds", x.seconds()).put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.ClockWarning x) {
      j.put("remainingMs", x.remainingMs()).put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.BroadcastSent x) {
      j.put("text", x.text());
    } else if (e instanceof Event.SpotlightChanged x) {
      j.put("groupId", x.groupId()).put("groupName", x.groupName()).put("board", board(x.board()))
          .put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.PresentationOrdered x) {
      j.put("groupIds", new JsonArray(new ArrayList<>(x.groupIds()))).put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.PhaseChanged x) {
      j.put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.ClockPaused x) {
      j.put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.ClockResumed x) {
      j.put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.WorkshopEnded x) {
      j.put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.BroadcastWithdrawn x) {
      j.put("sentAt", x.sentAt());
    } else if (e instanceof Event.PresentationStarted x) {
      j.put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.PresentationWaiting x) {
      j.put("groupIds", new JsonArray(new ArrayList<>(x.groupIds()))).put("clock", clock(x.clock(), at));
    } else if (e instanceof Event.GalleryOpened x) {
      JsonArray boards = new JsonArray();
      x.boards().forEach(b -> boards.add(new JsonObject().put("groupId", b.groupId()).put("groupName", b.groupName())
          .put("board", board(b.board()))));
      j.put("boards", boards);
    } else if (e instanceof Event.ReactionChanged x) {
      j.put("cardGroupId", x.cardGroupId()).put("cardId", x.cardId()).put("kind", x.kind())
          .put("studentId", x.studentId()).put("on", x.on())
          .put("counts", new JsonObject().put("agree", x.agree()).put("new", x.newToMe()));
    } else if (e instanceof Event.ClustersMerged x) {
      j.put("prompt", x.prompt()).put("cardId", x.cardId()).put("otherCardId", x.otherCardId());
    } else if (e instanceof Event.CardRegrouped x) {
      j.put("prompt", x.prompt()).put("cardId", x.cardId()).put("toCardId", x.toCardId());
    } else if (e instanceof Event.ClusterRenamed x) {
      j.put("prompt", x.prompt()).put("cardId", x.cardId()).put("label", x.label());
    }
    return j.encode();
  }

  /** @throws IllegalArgumentException for a type this server does not know */
  static Event event(String stored) {
    JsonObject j = new JsonObject(stored);
    String type = j.getString("type");
    return switch (type) {
      case "student.joined" -> new Event.StudentJoined(j.getString("studentId"), j.getString("name"));
      case "student.left" -> new Event.StudentLeft(j.getString("studentId"), j.getString("toGroupId"));
      case "card.added" -> new Event.CardAdded(card(j.getJsonObject("card")));
      case "card.edited" -> new Event.CardEdited(j.getString("cardId"), j.getString("text"), j.getString("label"),
          j.getInteger("version"), j.getString("editorId"), j.getBoolean("late"));
      case "card.deleted" -> new Event.CardDeleted(j.getString("cardId"), j.getBoolean("late"));
      case "card.moved" -> new Event.CardMoved(j.getString("cardId"), j.getInteger("index"), j.getBoolean("late"));
      case "group.submitted" -> new Event.SubmissionChanged(j.getBoolean("submitted"), j.getString("studentId"),
          j.getBoolean("late"));
      case "help.requested" -> new Event.HelpRequested(j.getString("studentId"));
      case "help.cleared" -> new Event.HelpCleared();
      case "feedback.given" -> new Event.FeedbackGiven(j.getString("text"));
      // One type for both: a group's own deadline carries its group id, the whole workshop's a clock.
      case "clock.adjusted" -> j.containsKey("groupId")
          ? new Event.GroupClockAdjusted(j.getString("groupId"), j.getInteger("seconds"), j.getLong("extraMs"))
          : new Event.ClockAdjusted(j.getInteger("seconds"), clock(j.getJsonObject("clock")));
      case "clock.warning" -> new Event.ClockWarning(j.getLong("remainingMs"), clock(j.getJsonObject("clock")));
      case "broadcast.sent" -> new Event.BroadcastSent(j.getString("text"));
      case "spotlight.changed" -> new Event.SpotlightChanged(j.getString("groupId"), j.getString("groupName"),
          board(j.getJsonObject("board")), clock(j.getJsonObject("clock")));
      case "presentation.ordered" -> new Event.PresentationOrdered(strings(j.getJsonArray("groupIds")),
          clock(j.getJsonObject("clock")));
      case "phase.changed" -> new Event.PhaseChanged(clock(j.getJsonObject("clock")));
      case "clock.paused" -> new Event.ClockPaused(clock(j.getJsonObject("clock")));
      case "clock.resumed" -> new Event.ClockResumed(clock(j.getJsonObject("clock")));
      case "workshop.ended" -> new Event.WorkshopEnded(clock(j.getJsonObject("clock")));
      case "broadcast.withdrawn" -> new Event.BroadcastWithdrawn(j.getLong("sentAt"));
      case "presentation.started" -> new Event.PresentationStarted(clock(j.getJsonObject("clock")));
      case "presentation.waiting" -> new Event.PresentationWaiting(strings(j.getJsonArray("groupIds")),
          clock(j.getJsonObject("clock")));
      case "gallery.opened" -> new Event.GalleryOpened(objects(j.getJsonArray("boards")).stream()
          .map(b -> new Event.GroupBoard(b.getString("groupId"), b.getString("groupName"),
              board(b.getJsonObject("board")))).toList());
      case "reaction.changed" -> new Event.ReactionChanged(j.getString("cardGroupId"), j.getString("cardId"),
          j.getString("kind"), j.getString("studentId"), j.getBoolean("on"),
          j.getJsonObject("counts").getInteger("agree"), j.getJsonObject("counts").getInteger("new"));
      case "synthesis.merged" -> new Event.ClustersMerged(j.getString("prompt"), j.getString("cardId"),
          j.getString("otherCardId"));
      case "synthesis.moved" -> new Event.CardRegrouped(j.getString("prompt"), j.getString("cardId"),
          j.getString("toCardId"));
      case "synthesis.renamed" -> new Event.ClusterRenamed(j.getString("prompt"), j.getString("cardId"),
          j.getString("label"));
      default -> throw new IllegalArgumentException("unknown stored event type '" + type + "'");
    };
  }

  /** The phase of the clock a stored event carries, or null when it carries none. */
  static String clockPhase(String stored) {
    JsonObject clock = new JsonObject(stored).getJsonObject("clock");
    return clock == null ? null : clock.getString("phase");
  }

  // ------------------------------------------------------------------ parts

  private static JsonObject clock(ClockState c, long at) {
    JsonObject j = new JsonObject()
        .put("phase", c.phase())
        .put("phaseIndex", c.phaseIndex())
        .put("kind", c.kind())
        .put("phaseStartedAt", c.phaseStartedAt())
        .put("endsAt", c.endsAt())
        .put("paused", c.paused())
        .put("pausedAt", c.pausedAt())
        .put("remainingMs", c.remainingMs(at))
        .put("warned", c.warned())
        .put("writableEndedAt", c.writableEndedAt())
        .put("order", new JsonArray(new ArrayList<>(c.order())));
    if (c.stage() != null) {
      j.put("stage", c.stage()).put("stageEndsAt", c.stageEndsAt());
    }
    if (c.slot() != null) {
      ClockState.Slot s = c.slot();
      j.put("slot", new JsonObject().put("index", s.index()).put("count", s.count()).put("groupId", s.groupId())
          .put("endsAt", s.endsAt()).put("lengthMs", s.lengthMs()));
    }
    return j;
  }

  private static ClockState clock(JsonObject j) {
    JsonObject s = j.getJsonObject("slot");
    ClockState.Slot slot = s == null ? null : new ClockState.Slot(s.getInteger("index"), s.getInteger("count"),
        s.getString("groupId"), s.getLong("endsAt"), s.getLong("lengthMs"));
    return new ClockState(j.getString("phase"), j.getInteger("phaseIndex"), j.getString("kind"),
        j.getLong("phaseStartedAt"), j.getLong("endsAt"), j.getBoolean("paused"), j.getLong("pausedAt"),
        j.getBoolean("warned"), j.getLong("writableEndedAt"), slot, strings(j.getJsonArray("order")),
        j.getString("stage"), j.getLong("stageEndsAt", 0L));
  }

  private static JsonObject card(Card c) {
    return new JsonObject()
        .put("cardId", c.cardId())
        .put("prompt", c.prompt())
        .put("text", c.text())
        .put("label", c.label())
        .put("authorId", c.authorId())
        .put("authorName", c.authorName())
        .put("version", c.version())
        .put("late", c.late())
        .put("createdAt", c.createdAt())
        .put("updatedAt", c.updatedAt());
  }

  private static Card card(JsonObject j) {
    return new Card(j.getString("cardId"), j.getString("prompt"), j.getString("text"), j.getString("label"),
        j.getString("authorId"), j.getString("authorName"), j.getInteger("version"), j.getBoolean("late"),
        j.getLong("createdAt"), j.getLong("updatedAt"));
  }

  private static JsonObject board(Map<String, List<Card>> board) {
    JsonObject j = new JsonObject();
    board.forEach((prompt, cards) -> {
      JsonArray list = new JsonArray();
      cards.forEach(c -> list.add(card(c)));
      j.put(prompt, list);
    });
    return j;
  }

  private static Map<String, List<Card>> board(JsonObject j) {
    Map<String, List<Card>> board = new LinkedHashMap<>();
    j.forEach(e -> board.put(e.getKey(), objects((JsonArray) e.getValue()).stream().map(StoredJson::card).toList()));
    return board;
  }

  private static List<JsonObject> objects(JsonArray a) {
    List<JsonObject> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(a.getJsonObject(i));
      }
    }
    return out;
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(a.getString(i));
      }
    }
    return out;
  }
}
