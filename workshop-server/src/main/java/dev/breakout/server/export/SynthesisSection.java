package dev.breakout.server.export;

import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "Synthesis" section of the Markdown export, written from the same JSON the synthesis endpoint
 * answers (docs/protocol.md): per prompt the ideas the class raised, the most widely raised first,
 * then the ideas only one group had, then which lesson points the class raised and which it missed.
 */
final class SynthesisSection {
  private SynthesisSection() {}

  static void append(StringBuilder md, WorkshopPlan p, JsonObject synthesis) {
    md.append("## 종합 / Synthesis\n\n");
    Map<String, String> titles = new HashMap<>();
    for (JsonObject point : objects(synthesis.getJsonArray("lesson"))) {
      titles.put(point.getString("id"), point.getString("title"));
    }
    int n = 1;
    for (JsonObject prompt : objects(synthesis.getJsonArray("prompts"))) {
      md.append("### ").append(n++).append(". ").append(Exports.inline(prompt.getString("text", ""))).append("\n\n");
      List<JsonObject> clusters = objects(prompt.getJsonArray("clusters"));
      List<JsonObject> shared = clusters.stream().filter(c -> c.getJsonArray("groupIds").size() > 1).toList();
      List<JsonObject> unique = clusters.stream().filter(c -> c.getJsonArray("groupIds").size() <= 1).toList();
      if (clusters.isEmpty()) {
        md.append("_(없음 / none)_\n\n");
        continue;
      }
      shared.forEach(c -> cluster(md, p, c, titles));
      if (!unique.isEmpty()) {
        if (!shared.isEmpty()) {
          md.append('\n');
        }
        md.append("이 조만의 아이디어 / Ideas only one group had:\n\n");
        unique.forEach(c -> cluster(md, p, c, titles));
      }
      md.append('\n');
    }
    List<JsonObject> lesson = objects(synthesis.getJsonArray("lesson"));
    if (!lesson.isEmpty()) {
      md.append("### 수업 내용과의 연결 / Lesson coverage\n\n");
      List<String> missed = new ArrayList<>();
      for (JsonObject point : lesson) {
        List<String> groups = groupNames(p, point.getJsonArray("groupIds"));
        if (groups.isEmpty()) {
          missed.add(Exports.inline(point.getString("title")));
          continue;
        }
        md.append("- ").append(Exports.inline(point.getString("title"))).append(" (").append(kind(point.getString("kind")))
            .append("): ").append(String.join(", ", groups)).append('\n');
      }
      if (!missed.isEmpty()) {
        md.append("- 아무 조도 언급하지 않음 / Raised by no group: ").append(String.join(", ", missed)).append('\n');
      }
      md.append('\n');
    }
  }

  private static void cluster(StringBuilder md, WorkshopPlan p, JsonObject c, Map<String, String> titles) {
    List<String> groups = groupNames(p, c.getJsonArray("groupIds"));
    md.append("- **").append(Exports.inline(c.getString("label", ""))).append("** — ").append(groups.size())
        .append("개 조 / ").append(groups.size()).append(groups.size() == 1 ? " group" : " groups").append(" (")
        .append(String.join(", ", groups)).append(')');
    List<String> refs = new ArrayList<>();
    for (Object ref : c.getJsonArray("lessonRefs", new JsonArray())) {
      refs.add(Exports.inline(titles.getOrDefault(String.valueOf(ref), String.valueOf(ref))));
    }
    if (!refs.isEmpty()) {
      md.append(" · 수업 / lesson: ").append(String.join(", ", refs));
    }
    md.append('\n');
    for (JsonObject card : objects(c.getJsonArray("cards"))) {
      md.append("  - ").append(Exports.inline(groupName(p, card.getString("groupId")))).append(": ")
          .append(Exports.inline(card.getString("text"))).append('\n');
    }
  }

  private static List<String> groupNames(WorkshopPlan p, JsonArray ids) {
    List<String> names = new ArrayList<>();
    for (Object id : ids == null ? new JsonArray() : ids) {
      names.add(Exports.inline(groupName(p, String.valueOf(id))));
    }
    return names;
  }

  private static String groupName(WorkshopPlan p, String groupId) {
    return p.groups().stream().filter(g -> g.id().equals(groupId)).map(WorkshopPlan.GroupInfo::name).findFirst()
        .orElse(groupId);
  }

  private static String kind(String kind) {
    return switch (kind == null ? "" : kind) {
      case "failure-case" -> "실패 사례 / failure case";
      case "success-factor" -> "성공 요인 / success factor";
      case "case-study" -> "사례 / case study";
      case "practice" -> "실천 / practice";
      default -> kind;
    };
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
}
