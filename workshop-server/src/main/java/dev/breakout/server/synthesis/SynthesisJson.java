package dev.breakout.server.synthesis;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.WorkshopPlan;
import dev.breakout.synthesis.CardInput;
import dev.breakout.synthesis.Cluster;
import dev.breakout.synthesis.LessonCoverage;
import dev.breakout.synthesis.PromptSynthesis;
import dev.breakout.synthesis.Synthesis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The synthesis as {@code GET /api/workshops/{id}/synthesis} answers it (docs/protocol.md, "Synthesis"). */
final class SynthesisJson {
  private SynthesisJson() {}

  static JsonObject of(WorkshopPlan plan, Synthesis synthesis, SynthesisInputs.Snapshot snapshot, long computedAt) {
    Map<String, PromptSynthesis> byPrompt = synthesis.prompts().stream()
        .collect(Collectors.toMap(PromptSynthesis::promptId, Function.identity(), (a, b) -> a));
    JsonArray prompts = new JsonArray();
    // Every prompt of the workshop, in its order, also one nobody answered.
    for (Exercise.Prompt prompt : plan.prompts()) {
      JsonArray clusters = new JsonArray();
      PromptSynthesis found = byPrompt.get(prompt.id());
      if (found != null) {
        found.clusters().forEach(c -> clusters.add(cluster(c, snapshot)));
      }
      prompts.add(new JsonObject().put("prompt", prompt.id()).put("text", prompt.text()).put("clusters", clusters));
    }
    JsonArray lesson = new JsonArray();
    for (LessonCoverage point : synthesis.lesson()) {
      lesson.add(new JsonObject().put("id", point.id()).put("kind", point.kind()).put("title", point.title())
          .put("groupIds", strings(point.groupIds())).put("clusterIds", strings(point.clusterIds())));
    }
    JsonArray reacted = new JsonArray();
    for (SynthesisInputs.Reacted r : snapshot.mostReacted()) {
      reacted.add(new JsonObject().put("groupId", r.groupId()).put("cardId", r.cardId()).put("prompt", r.promptId())
          .put("text", r.text()).put("agree", r.agree()).put("new", r.newToMe()));
    }
    return new JsonObject().put("workshopId", plan.id()).put("computedAt", computedAt).put("prompts", prompts)
        .put("lesson", lesson).put("mostReacted", reacted);
  }

  private static JsonObject cluster(Cluster c, SynthesisInputs.Snapshot snapshot) {
    JsonArray cards = new JsonArray();
    for (CardInput card : c.cards()) {
      cards.add(new JsonObject().put("groupId", card.groupId()).put("cardId", snapshot.cardIdOf(card))
          .put("text", card.text()));
    }
    return new JsonObject().put("id", c.id()).put("label", c.label()).put("renamed", c.renamed())
        .put("unique", c.uniqueToOneGroup()).put("groupIds", strings(c.groupIds())).put("cards", cards)
        .put("lessonRefs", strings(c.lessonRefs()));
  }

  private static JsonArray strings(List<String> values) {
    return new JsonArray(new ArrayList<>(values));
  }
}
