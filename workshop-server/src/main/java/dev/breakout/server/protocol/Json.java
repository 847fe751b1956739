package dev.breakout.server.protocol;

import dev.breakout.content.Exercise;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapper between the model and JSON, both ways for what is stored (events, plans), one way
 * for views. Field names here are the protocol (docs/protocol.md).
 */
public final class Json {
  private Json() {}

  // ------------------------------------------------------------------ plan

  public static JsonObject plan(WorkshopPlan p) {
    JsonArray groups = new JsonArray();
    p.groups().forEach(g -> groups.add(new JsonObject().put("id", g.id()).put("name", g.name())));
    JsonArray prompts = new JsonArray();
    p.prompts().forEach(q -> prompts.add(new JsonObject().put("id", q.id()).put("text", q.text())
        .put("kind", q.kind().json()).put("shortLabel", q.shortLabel())));
    JsonArray phases = new JsonArray();
    p.phases().forEach(ph -> phases.add(new JsonObject().put("id", ph.id()).put("title", ph.title())
        .put("kind", ph.kind().json()).put("durationMs", ph.durationMs())));
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
        .put("presentation", handover(p.handover()));
  }

  /** The handover options (decision 010) as the create request and the plan spell them. */
  public static JsonObject handover(WorkshopPlan.Handover h) {
    return new JsonObject()
        .put("start", h.instructorStarts() ? "instructor" : "countdown")
        .put("prepSeconds", h.prepMs() / 1000)
        .put("pacing", h.timedSlots() ? "timed" : "presenter")
        .put("presenterAdvances", h.presenterAdvances())
        .put("lateGroups", h.waitForWriting() ? "wait" : "last");
  }

  /** Reads what {@link #handover(WorkshopPlan.Handover)} wrote; a stored plan from before it was timed. */
  static WorkshopPlan.Handover handover(JsonObject j) {
    if (j == null) {
      return WorkshopPlan.Handover.TIMED;
    }
    return new WorkshopPlan.Handover(!"countdown".equals(j.getString("start")), j.getLong("prepSeconds", 0L) * 1000,
        "timed".equals(j.getString("pacing")), j.getBoolean("presenterAdvances", false),
        "wait".equals(j.getString("lateGroups")));
  }

  public static WorkshopPlan plan(JsonObject j) {
    List<WorkshopPlan.GroupInfo> groups = objects(j.getJsonArray("groups")).stream()
        .map(g -> new WorkshopPlan.GroupInfo(g.getString("id"), g.getString("name"))).toList();
    List<Exercise.Prompt> prompts = objects(j.getJsonArray("prompts")).stream()
        .map(q -> new Exercise.Prompt(q.getString("id"), q.getString("text"),
            Exercise.PromptKind.valueOf(q.getString("kind").toUpperCase(java.util.Locale.ROOT)),
            q.getString("shortLabel"))).toList();
    List<WorkshopPlan.PhasePlan> phases = objects(j.getJsonArray("phases")).stream()
        .map(ph -> new WorkshopPlan.PhasePlan(ph.getString("id"), ph.getString("title"),
            Exercise.PhaseKind.valueOf(ph.getString("kind").toUpperCase(java.util.Locale.ROOT)),
            ph.getLong("durationMs"))).toList();
    return new WorkshopPlan(j.getString("id"), j.getString("sessionId"), j.getString("sessionTitle"),
        j.getString("exerciseTitle"), j.getString("scenario"), strings(j.getJsonArray("conditions")),
        j.getString("joinCode"), groups, j.getBoolean("allowGroupChoice", false), prompts, phases,
        j.getLong("warningLeadMs"), j.getLong("graceMs"), j.getLong("createdAt"), j.getString("name"),
        j.getString("timeZone"), handover(j.getJsonObject("presentation")));
  }

  // ------------------------------------------------------------------ clock

  public static JsonObject clock(ClockState c, long now) {
    JsonObject j = new JsonObject()
        .put("phase", c.phase())
        .put("phaseIndex", c.phaseIndex())
        .put("kind", c.kind())
        .put("phaseStartedAt", c.phaseStartedAt())
        .put("endsAt", c.endsAt())
        .put("paused", c.paused())
        .put("pausedAt", c.pausedAt())
        .put("remainingMs", c.remainingMs(now))
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

  static ClockState clock(JsonObject j) {
    JsonObject s = j.getJsonObject("slot");
    ClockState.Slot slot = s == null ? null : new ClockState.Slot(s.getInteger("index"), s.getInteger("count"),
        s.getString("groupId"), s.getLong("endsAt"), s.getLong("lengthMs"));
    return new ClockState(j.getString("phase"), j.getInteger("phaseIndex"), j.getString("kind"),
        j.getLong("phaseStartedAt"), j.getLong("endsAt"), j.getBoolean("paused"), j.getLong("pausedAt"),
        j.getBoolean("warned"), j.getLong("writableEndedAt"), slot, strings(j.getJsonArray("order")),
        j.getString("stage"), j.getLong("stageEndsAt", 0L));
  }

  // ------------------------------------------------------------------ cards, views

  public static JsonObject card(Card c) {
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

  static Card card(JsonObject j) {
    return new Card(j.getString("cardId"), j.getString("prompt"), j.getString("text"), j.getString("label"),
        j.getString("authorId"), j.getString("authorName"), j.getInteger("version"), j.getBoolean("late"),
        j.getLong("createdAt"), j.getLong("updatedAt"));
  }

  public static JsonObject board(Map<String, List<Card>> board) {
    JsonObject j = new JsonObject();
    board.forEach((prompt, cards) -> {
      JsonArray list = new JsonArray();
      cards.forEach(c -> list.add(card(c)));
      j.put(prompt, list);
    });
    return j;
  }

  static Map<String, List<Card>> board(JsonObject j) {
    Map<String, List<Card>> board = new LinkedHashMap<>();
    j.forEach(e -> board.put(e.getKey(), objects((JsonArray) e.getValue()).stream().map(Json::card).toList()));
    return board;
  }

  public static JsonObject group(GroupView g, long now) {
    JsonArray members = new JsonArray();
    for (Member m : g.members()) {
      members.add(new JsonObject().put("studentId", m.studentId()).put("name", m.name()).put("joinedAt", m.joinedAt()));
    }
    JsonObject j = new JsonObject()
        .put("groupId", g.groupId())
        .put("name", g.name())
        .put("seq", g.seq())
        .put("members", members)
        .put("cards", board(g.cards()))
        .put("submitted", g.submitted())
        .put("help", g.help())
        .put("feedback", notes(g.feedback()))
        .put("lastActivityAt", g.lastActivityAt())
        .put("extraMs", g.extraMs())
        .put("clock", clock(g.clock(), now))
        .put("broadcasts", notes(g.broadcasts()))
        .put("helpAt", g.helpAt());
    if (g.spotlight() != null) {
      j.put("spotlight", spotlight(g.spotlight(), now));
    }
    JsonObject reactions = new JsonObject();
    g.reactions().forEach((cardId, r) -> reactions.put(cardId, new JsonObject().put("groupId", r.groupId())
        .put("agree", r.agree()).put("new", r.newToMe()).put("by", new JsonObject()
            .put("agree", new JsonArray(new ArrayList<>(r.agreeBy())))
            .put("new", new JsonArray(new ArrayList<>(r.newBy()))))));
    j.put("reactions", reactions);
    j.put("gallery", gallery(g.gallery()));
    return j;
  }

  private static JsonArray gallery(List<Event.GroupBoard> boards) {
    JsonArray a = new JsonArray();
    boards.forEach(b -> a.add(new JsonObject().put("groupId", b.groupId()).put("groupName", b.groupName())
        .put("board", board(b.board()))));
    return a;
  }

  private static JsonArray notes(List<GroupView.Note> notes) {
    JsonArray a = new JsonArray();
    notes.forEach(n -> a.add(new JsonObject().put("text", n.text()).put("at", n.at())));
    return a;
  }

  private static JsonObject spotlight(Event.SpotlightChanged e, long now) {
    return new JsonObject().put("groupId", e.groupId()).put("groupName", e.groupName())
        .put("board", board(e.board())).put("clock", clock(e.clock(), now));
  }

  public static JsonObject seat(Seat s) {
    return new JsonObject().put("studentId", s.studentId()).put("name", s.name()).put("groupId", s.groupId());
  }

  // ------------------------------------------------------------------ events

  /** The wire form of a logged event: {@code {"type":"event","groupId","seq","at","event":{...}}}. */
  public static JsonObject logged(Logged l, long now) {
    return new JsonObject()
        .put("type", "event")
        .put("groupId", l.groupId())
        .put("seq", l.seq())
        .put("at", l.at())
        .put("event", event(l.event(), now));
  }

  public static JsonObject event(Event e, long now) {
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
      j.put("seconds", x.seconds()).put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.ClockWarning x) {
      j.put("remainingMs", x.remainingMs()).put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.BroadcastSent x) {
      j.put("text", x.text());
    } else if (e instanceof Event.SpotlightChanged x) {
      j.mergeIn(spotlight(x, now));
    } else if (e instanceof Event.PresentationOrdered x) {
      j.put("groupIds", new JsonArray(new ArrayList<>(x.groupIds()))).put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.PhaseChanged x) {
      j.put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.ClockPaused x) {
      j.put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.ClockResumed x) {
      j.put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.WorkshopEnded x) {
      j.put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.BroadcastWithdrawn x) {
      j.put("sentAt", x.sentAt());
    } else if (e instanceof Event.PresentationStarted x) {
      j.put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.PresentationWaiting x) {
      j.put("groupIds", new JsonArray(new ArrayList<>(x.groupIds()))).put("clock", clock(x.clock(), now));
    } else if (e instanceof Event.GalleryOpened x) {
      j.put("boards", gallery(x.boards()));
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
    return j;
  }

  /** Reads back an event written by {@link #event}; for the store. */
  public static Event event(JsonObject j) {
    String type = j.getString("type");
    switch (type) {
      case "student.joined":
        return new Event.StudentJoined(j.getString("studentId"), j.getString("name"));
      case "student.left":
        return new Event.StudentLeft(j.getString("studentId"), j.getString("toGroupId"));
      case "card.added":
        return new Event.CardAdded(card(j.getJsonObject("card")));
      case "card.edited":
        return new Event.CardEdited(j.getString("cardId"), j.getString("text"), j.getString("label"),
            j.getInteger("version"), j.getString("editorId"), j.getBoolean("late"));
      case "card.deleted":
        return new Event.CardDeleted(j.getString("cardId"), j.getBoolean("late"));
      case "card.moved":
        return new Event.CardMoved(j.getString("cardId"), j.getInteger("index"), j.getBoolean("late"));
      case "group.submitted":
        return new Event.SubmissionChanged(j.getBoolean("submitted"), j.getString("studentId"), j.getBoolean("late"));
      case "help.requested":
        return new Event.HelpRequested(j.getString("studentId"));
      case "help.cleared":
        return new Event.HelpCleared();
      case "feedback.given":
        return new Event.FeedbackGiven(j.getString("text"));
      case "clock.adjusted":
        return j.containsKey("groupId")
            ? new Event.GroupClockAdjusted(j.getString("groupId"), j.getInteger("seconds"), j.getLong("extraMs"))
            : new Event.ClockAdjusted(j.getInteger("seconds"), clock(j.getJsonObject("clock")));
      case "clock.warning":
        return new Event.ClockWarning(j.getLong("remainingMs"), clock(j.getJsonObject("clock")));
      case "broadcast.sent":
        return new Event.BroadcastSent(j.getString("text"));
      case "spotlight.changed":
        return new Event.SpotlightChanged(j.getString("groupId"), j.getString("groupName"),
            board(j.getJsonObject("board")), clock(j.getJsonObject("clock")));
      case "presentation.ordered":
        return new Event.PresentationOrdered(strings(j.getJsonArray("groupIds")), clock(j.getJsonObject("clock")));
      case "phase.changed":
        return new Event.PhaseChanged(clock(j.getJsonObject("clock")));
      case "clock.paused":
        return new Event.ClockPaused(clock(j.getJsonObject("clock")));
      case "clock.resumed":
        return new Event.ClockResumed(clock(j.getJsonObject("clock")));
      case "workshop.ended":
        return new Event.WorkshopEnded(clock(j.getJsonObject("clock")));
      case "broadcast.withdrawn":
        return new Event.BroadcastWithdrawn(j.getLong("sentAt"));
      case "presentation.started":
        return new Event.PresentationStarted(clock(j.getJsonObject("clock")));
      case "presentation.waiting":
        return new Event.PresentationWaiting(strings(j.getJsonArray("groupIds")), clock(j.getJsonObject("clock")));
      case "gallery.opened":
        return new Event.GalleryOpened(objects(j.getJsonArray("boards")).stream()
            .map(b -> new Event.GroupBoard(b.getString("groupId"), b.getString("groupName"),
                board(b.getJsonObject("board")))).toList());
      case "reaction.changed":
        return new Event.ReactionChanged(j.getString("cardGroupId"), j.getString("cardId"), j.getString("kind"),
            j.getString("studentId"), j.getBoolean("on"), j.getJsonObject("counts").getInteger("agree"),
            j.getJsonObject("counts").getInteger("new"));
      case "synthesis.merged":
        return new Event.ClustersMerged(j.getString("prompt"), j.getString("cardId"), j.getString("otherCardId"));
      case "synthesis.moved":
        return new Event.CardRegrouped(j.getString("prompt"), j.getString("cardId"), j.getString("toCardId"));
      case "synthesis.renamed":
        return new Event.ClusterRenamed(j.getString("prompt"), j.getString("cardId"), j.getString("label"));
      default:
        throw new IllegalArgumentException("unknown stored event type '" + type + "'");
    }
  }

  // ------------------------------------------------------------------ helpers

  static List<JsonObject> objects(JsonArray a) {
    List<JsonObject> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(a.getJsonObject(i));
      }
    }
    return out;
  }

  static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      for (int i = 0; i < a.size(); i++) {
        out.add(a.getString(i));
      }
    }
    return out;
  }
}
