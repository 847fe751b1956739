package dev.breakout.server.web;

import dev.breakout.content.Exercise;
import dev.breakout.content.Session;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.protocol.TextNormalizer;
import dev.breakout.server.room.WorkshopPlan;
import dev.breakout.server.room.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code POST /api/workshops}: the groups and the durations. Durations default to the
 * content's phases; the overrides serve rehearsals and tests.
 */
record PlanRequest(JsonObject body, ServerConfig config) {
  static final int MAX_GROUPS = 200;
  static final int MAX_GROUP_NAME = 40;
  static final int MAX_PHASE_SECONDS = 24 * 3600;

  WorkshopPlan toPlan(String id, String joinCode, Session session, Exercise exercise, long now) {
    if (exercise == null || exercise.prompts().isEmpty() || exercise.phases().isEmpty()) {
      throw ApiException.withStatus(422, Reason.NO_EXERCISE, "sessionId", session.id());
    }
    List<WorkshopPlan.GroupInfo> groups = groups();
    List<WorkshopPlan.PhasePlan> phases = phases(exercise);
    long warning = seconds("warningSeconds", config.warningLead().toSeconds(), 0, 3600) * 1000;
    long grace = seconds("graceSeconds", config.grace().toSeconds(), 0, 600) * 1000;
    return new WorkshopPlan(id, session.id(), session.title(), exercise.title(), exercise.scenario(),
        exercise.conditions(), joinCode, groups, bool("allowGroupChoice"), exercise.prompts(), phases, warning,
        grace, now, name(), timeZone(), handover());
  }

  static final int MAX_NAME = 80;
  static final int MAX_PREP_SECONDS = 600;

  /** What the instructor calls the workshop (a class, a date), so that past workshops can be told apart. */
  private String name() {
    Object v = body.getValue("name");
    if (v == null) {
      return null;
    }
    // Normalised like every typed text (protocol 3.6); a name with nothing visible is no name.
    String name = v instanceof String s ? TextNormalizer.line(s).strip() : null;
    if (name == null || name.codePointCount(0, name.length()) > MAX_NAME) {
      throw ApiException.of(Reason.WORKSHOP_NAME_TOO_LONG, "max", MAX_NAME);
    }
    return TextNormalizer.hasVisible(name) ? name : null;
  }

  /** The creating browser's zone, for the exports' times; an unknown zone is refused, not guessed. */
  private String timeZone() {
    Object v = body.getValue("timeZone");
    if (v == null) {
      return null;
    }
    try {
      return java.time.ZoneId.of((String) v).getId();
    } catch (ClassCastException | java.time.DateTimeException e) {
      throw ApiException.of(Reason.TIME_ZONE);
    }
  }

  /** The presentation handover (decision 010); every field optional, defaults presenter-paced. */
  private WorkshopPlan.Handover handover() {
    Object raw = body.getValue("presentation");
    if (raw == null) {
      return WorkshopPlan.Handover.PRESENTER_PACED;
    }
    if (!(raw instanceof JsonObject o)) {
      throw ApiException.of(Reason.PRESENTATION_NOT_OBJECT);
    }
    PlanRequest p = new PlanRequest(o, config);
    String start = p.choice("start", "instructor", "instructor", "countdown");
    long prep = p.seconds("prepSeconds", 0, 0, MAX_PREP_SECONDS);
    String pacing = p.choice("pacing", "presenter", "presenter", "timed");
    String late = p.choice("lateGroups", "last", "last", "wait");
    return new WorkshopPlan.Handover("instructor".equals(start), prep * 1000, "timed".equals(pacing),
        p.bool("presenterAdvances"), "wait".equals(late));
  }

  private String choice(String name, String fallback, String... allowed) {
    Object v = body.getValue(name);
    if (v == null) {
      return fallback;
    }
    for (String a : allowed) {
      if (a.equals(v)) {
        return a;
      }
    }
    throw ApiException.of(Reason.NOT_A_CHOICE, "field", name, "allowed", String.join(", ", allowed));
  }

  private List<WorkshopPlan.GroupInfo> groups() {
    Object rawNames = body.getValue("groupNames");
    List<String> names = new ArrayList<>();
    if (rawNames != null) {
      if (!(rawNames instanceof JsonArray array)) {
        throw ApiException.of(Reason.GROUP_NAMES_NOT_ARRAY);
      }
      for (Object o : array) {
        String name = o instanceof String s ? TextNormalizer.line(s).strip() : null;
        if (name == null || !TextNormalizer.hasVisible(name) || name.codePointCount(0, name.length()) > MAX_GROUP_NAME) {
          throw ApiException.of(Reason.GROUP_NAME_LENGTH, "max", MAX_GROUP_NAME);
        }
        names.add(name);
      }
      if (new HashSet<>(names).size() != names.size()) {
        throw ApiException.of(Reason.GROUP_NAMES_REPEAT);
      }
    }
    int count;
    if (body.getValue("groups") != null) {
      count = whole("groups", 1, MAX_GROUPS);
      if (!names.isEmpty() && names.size() != count) {
        throw ApiException.of(Reason.GROUP_NAMES_COUNT, "names", names.size(), "groups", count);
      }
    } else if (body.getValue("groupSize") != null) {
      int size = whole("groupSize", 1, 100);
      int students = whole("students", 1, MAX_GROUPS * 100);
      count = Math.max(1, (students + size - 1) / size);
      if (count > MAX_GROUPS) {
        throw ApiException.of(Reason.TOO_MANY_GROUPS, "max", MAX_GROUPS);
      }
    } else if (!names.isEmpty()) {
      count = names.size();
    } else {
      throw ApiException.of(Reason.GROUPS_REQUIRED, "max", MAX_GROUPS);
    }
    if (names.size() > count) {
      throw ApiException.of(Reason.MORE_NAMES_THAN_GROUPS);
    }
    if (count > MAX_GROUPS) {
      throw ApiException.of(Reason.TOO_MANY_GROUPS, "max", MAX_GROUPS);
    }
    List<WorkshopPlan.GroupInfo> groups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      groups.add(new WorkshopPlan.GroupInfo("g" + (i + 1), i < names.size() ? names.get(i) : (i + 1) + "조"));
    }
    return groups;
  }

  private List<WorkshopPlan.PhasePlan> phases(Exercise exercise) {
    JsonObject perPhase = new JsonObject();
    Object raw = body.getValue("phaseSeconds");
    if (raw != null) {
      if (!(raw instanceof JsonObject o)) {
        throw ApiException.of(Reason.PHASE_SECONDS_NOT_OBJECT);
      }
      perPhase = o;
    }
    Set<String> known = new HashSet<>();
    List<WorkshopPlan.PhasePlan> phases = new ArrayList<>();
    for (Exercise.Phase phase : exercise.phases()) {
      known.add(phase.id());
      long seconds = phase.minutes() * 60L;
      if (phase.kind() == Exercise.PhaseKind.DISCUSSION) {
        seconds = seconds("discussionSeconds", seconds, 1, MAX_PHASE_SECONDS);
      } else if (phase.kind() == Exercise.PhaseKind.PRESENTATION) {
        seconds = seconds("presentationSeconds", seconds, 1, MAX_PHASE_SECONDS);
      }
      if (perPhase.containsKey(phase.id())) {
        seconds = new PlanRequest(perPhase, config).seconds(phase.id(), seconds, 1, MAX_PHASE_SECONDS);
      }
      phases.add(new WorkshopPlan.PhasePlan(phase.id(), phase.title(), phase.kind(), seconds * 1000));
    }
    for (String id : perPhase.fieldNames()) {
      if (!known.contains(id)) {
        throw ApiException.of(Reason.UNKNOWN_PHASE, "phase", id);
      }
    }
    if (body.getValue("gallerySeconds") != null) {
      // The instructor adds a gallery walk before the presentations (at the end without any).
      long gallery = whole("gallerySeconds", 1, MAX_PHASE_SECONDS) * 1000L;
      int at = 0;
      while (at < phases.size() && phases.get(at).kind() != Exercise.PhaseKind.PRESENTATION) {
        at++;
      }
      phases.add(at, new WorkshopPlan.PhasePlan("gallery", "갤러리 / Gallery", Exercise.PhaseKind.GALLERY, gallery));
    }
    return phases;
  }

  private long seconds(String name, long fallback, int min, int max) {
    return body.getValue(name) == null ? fallback : whole(name, min, max);
  }

  private int whole(String name, int min, int max) {
    Object v = body.getValue(name);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min || n.doubleValue() > max) {
      throw ApiException.of(Reason.NOT_IN_RANGE, "field", name, "min", min, "max", max);
    }
    return n.intValue();
  }

  private boolean bool(String name) {
    Object v = body.getValue(name);
    if (v != null && !(v instanceof Boolean)) {
      throw ApiException.of(Reason.NOT_BOOLEAN, "field", name);
    }
    return Boolean.TRUE.equals(v);
  }
}
