package dev.breakout.server.room;

import dev.breakout.content.Exercise;
import java.util.List;

/**
 * What an instructor created: the content's exercise with this workshop's groups and durations.
 * It does not change once the workshop exists.
 *
 * @param name      what the instructor called the workshop (a class, a date), or null
 * @param timeZone  the IANA zone of the browser that created the workshop, or null; exports use it
 * @param handover  how the presentations start and move on (decision 010)
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
    long createdAt,
    String name,
    String timeZone,
    Handover handover) {

  public WorkshopPlan {
    conditions = List.copyOf(conditions);
    groups = List.copyOf(groups);
    prompts = List.copyOf(prompts);
    phases = List.copyOf(phases);
    if (handover == null) {
      handover = Handover.TIMED;
    }
  }

  /** A plan without a name or zone, with the timed handover every workshop had before decision 010. */
  public WorkshopPlan(String id, String sessionId, String sessionTitle, String exerciseTitle, String scenario,
      List<String> conditions, String joinCode, List<GroupInfo> groups, boolean allowGroupChoice,
      List<Exercise.Prompt> prompts, List<PhasePlan> phases, long warningLeadMs, long graceMs, long createdAt) {
    this(id, sessionId, sessionTitle, exerciseTitle, scenario, conditions, joinCode, groups, allowGroupChoice,
        prompts, phases, warningLeadMs, graceMs, createdAt, null, null, Handover.TIMED);
  }

  /**
   * How the discussion hands over to the presentations (decision 010).
   *
   * @param instructorStarts  the presentations start when the instructor says so; else after {@code prepMs}
   * @param prepMs            the preparation countdown when the instructor does not start them (0: at once)
   * @param timedSlots        slots end by themselves when their time is up; else the presenter paces them
   * @param presenterAdvances the presenting group's students may move on to the next group
   * @param waitForWriting    groups given extra time hold the start until they are done; else they present last
   */
  public record Handover(boolean instructorStarts, long prepMs, boolean timedSlots, boolean presenterAdvances,
      boolean waitForWriting) {
    /** The default: the instructor starts the presentations and moves from group to group. */
    public static final Handover PRESENTER_PACED = new Handover(true, 0, false, false, false);
    /** The behaviour before decision 010: presentations start as the discussion ends, slots end on time. */
    public static final Handover TIMED = new Handover(false, 0, true, false, false);
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
