package dev.breakout.server.room;

import dev.breakout.content.Exercise;
import java.util.List;

/**
 * What an instructor created: the content's exercise with this workshop's groups and durations.
 * It does not change once the workshop exists.
 */
public record WorkshopPlan(
    String id,
    String sessionId,
    String sessionTitle,
    String exerciseTitle,
    String scenario,
    List<String> conditions,
    String joinCode,
    List<GroupInfo> groups,
    boolean allowGroupChoice,
    List<Exercise.Prompt> prompts,
    List<PhasePlan> phases,
    long warningLeadMs,
    long graceMs,
    long createdAt) {

  public WorkshopPlan {
    conditions = List.copyOf(conditions);
    groups = List.copyOf(groups);
    prompts = List.copyOf(prompts);
    phases = List.copyOf(phases);
  }

  public record GroupInfo(String id, String name) {}

  public record PhasePlan(String id, String title, Exercise.PhaseKind kind, long durationMs) {}

  boolean hasGroup(String groupId) {
    return groups.stream().anyMatch(g -> g.id().equals(groupId));
  }

  boolean hasPrompt(String promptId) {
    return prompts.stream().anyMatch(p -> p.id().equals(promptId));
  }

  String groupName(String groupId) {
    return groups.stream().filter(g -> g.id().equals(groupId)).map(GroupInfo::name).findFirst().orElse(groupId);
  }
}
