package dev.breakout.content;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The JSON form of a session that the web client reads; field names are documented in docs/content-format.md. */
public final class SessionJson {

  private SessionJson() {}

  public static String toJson(Session s) {
    return Json.write(session(s));
  }

  private static Map<String, Object> session(Session s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("title", s.title());
    json.put("position", s.position() == null ? null : position(s.position()));
    json.put("introduction", s.introduction());
    json.put("sections", map(s.sections(), section -> object("title", section.title(), "minutes", section.minutes())));
    json.put("sectionMinutesTotal", s.sectionMinutesTotal());
    json.put("objectives", s.objectives());
    json.put("caseStudies", map(s.caseStudies(), SessionJson::caseStudy));
    json.put("failureCases", map(s.failureCases(), f -> {
      Map<String, Object> failure = new LinkedHashMap<>();
      failure.put("title", f.title());
      failure.put("example", f.example());
      failure.put("problem", f.problem());
      failure.put("cause", f.cause());
      failure.put("lesson", f.lesson());
      return failure;
    }));
    json.put("successFactors", s.successFactors());
    json.put("exercise", s.exercise() == null ? null : exercise(s.exercise()));
    json.put("diagrams", map(s.diagrams(), d -> object("title", d.title(), "svg", d.svg())));
    json.put("nextSession", s.nextSession());
    json.put("references", map(s.references(), r -> object("title", r.title(), "url", r.url())));
    json.put("warnings", map(s.warnings(), w -> object("line", w.line(), "message", w.message())));
    json.put("lessonPoints", map(LessonPoint.of(s), p -> {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("id", p.id());
      point.put("kind", p.kind());
      point.put("title", p.title());
      point.put("text", p.text());
      return point;
    }));
    return json;
  }

  private static Map<String, Object> position(Session.Position p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("week", p.week());
    json.put("day", p.day());
    json.put("session", p.session());
    return json;
  }

  private static Map<String, Object> caseStudy(Session.CaseStudy c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("company", c.company());
    json.put("subtitle", c.subtitle());
    json.put("group", c.group());
    json.put("subsections", map(c.subsections(), sub -> object("title", sub.title(), "items", sub.items())));
    json.put("metrics", map(c.metrics(), m -> object("label", m.label(), "value", m.value())));
    return json;
  }

  private static Map<String, Object> exercise(Exercise e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", e.title());
    json.put("minutes", e.minutes());
    json.put("scenario", e.scenario());
    json.put("conditions", e.conditions());
    json.put("prompts", map(e.prompts(), p -> {
      Map<String, Object> prompt = new LinkedHashMap<>();
      prompt.put("id", p.id());
      prompt.put("text", p.text());
      prompt.put("kind", p.kind() == null ? null : p.kind().json());
      prompt.put("shortLabel", p.shortLabel());
      return prompt;
    }));
    json.put("phases", map(e.phases(), p -> {
      Map<String, Object> phase = new LinkedHashMap<>();
      phase.put("id", p.id());
      phase.put("title", p.title());
      phase.put("minutes", p.minutes());
      phase.put("kind", p.kind() == null ? null : p.kind().json());
      return phase;
    }));
    return json;
  }

  private static Map<String, Object> object(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(k1, v1);
    json.put(k2, v2);
    return json;
  }

  private static <T> List<Object> map(List<T> items, Function<T, Object> convert) {
    return items.stream().map(convert).toList();
  }
}
