package dev.breakout.server.analytics;

import java.util.List;
import java.util.Map;

/**
 * What the logs say about how an exercise went, per group and for the whole class. Every figure's
 * exact definition is in docs/protocol.md ("Analytics"); {@link AnalyticsFold} computes them.
 *
 * @param startedAt when the exercise started (the {@code at} of the first phase change into phase
 *                  index 0), or null before the start; every "...Ms" figure counts from it
 * @param mostReacted the cards with at least one reaction, most reactions first
 */
public record ExerciseAnalytics(Long startedAt, List<GroupFigures> groups, ClassFigures whole,
    List<ReactedCard> mostReacted) {

  public ExerciseAnalytics {
    groups = List.copyOf(groups);
    mostReacted = List.copyOf(mostReacted);
  }

  /**
   * @param firstCardMs    from the start to the group's first {@code card.added}; null without one
   * @param cardsPerPrompt cards on the board at the end of the log, per prompt id in prompt order
   * @param members        the group's members at the end of the log
   * @param contributors   members and former members who added or edited at least one card, by id
   * @param silent         names of the members at the end who added and edited no card in this group
   * @param edits          number of {@code card.edited} events
   * @param lateEdits      number of card events ({@code added, edited, deleted, moved}) flagged late
   * @param submittedMs    from the start to the last {@code group.submitted} true, if the group is submitted at the end
   */
  public record GroupFigures(String groupId, String name, Long firstCardAt, Long firstCardMs,
      Map<String, Integer> cardsPerPrompt, List<Member> members, List<String> contributors, List<String> silent,
      int edits, int lateEdits, List<HelpWait> help, Long submittedAt, Long submittedMs) {

    public GroupFigures {
      cardsPerPrompt = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cardsPerPrompt));
      members = List.copyOf(members);
      contributors = List.copyOf(contributors);
      silent = List.copyOf(silent);
      help = List.copyOf(help);
    }

    public int cards() {
      return cardsPerPrompt.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  public record Member(String studentId, String name) {}

  /**
   * One help request.
   *
   * @param waitedMs until the next {@code help.cleared} in the group's log; null while none came
   */
  public record HelpWait(long at, Long waitedMs) {}

  /**
   * @param prompts             per prompt, how the groups with members filled it
   * @param mostlyEmptyPrompts  prompts that more than half of the groups with members left empty
   * @param students            every seated student
   * @param silentStudents      names of the students who added and edited no card in any group
   * @param firstCard           the spread of the groups' {@code firstCardMs}
   */
  public record ClassFigures(int groupsWithMembers, List<PromptBalance> prompts, List<String> mostlyEmptyPrompts,
      int students, List<String> silentStudents, Spread firstCard) {

    public ClassFigures {
      prompts = List.copyOf(prompts);
      mostlyEmptyPrompts = List.copyOf(mostlyEmptyPrompts);
      silentStudents = List.copyOf(silentStudents);
    }
  }

  /** One prompt across the groups with members. */
  public record PromptBalance(String promptId, int cards, int groupsWithCards, int emptyGroups) {}

  /**
   * @param groups  groups with a first card
   * @param without groups with members and no card
   * @param minMs   null when no group has a card; {@code medianMs} is the lower middle value
   */
  public record Spread(int groups, int without, Long minMs, Long medianMs, Long maxMs) {}

  /** A card and its reactions at the end of the log. */
  public record ReactedCard(String groupId, String cardId, String prompt, String text, String authorName,
      int agree, int newToMe) {
    public int total() {
      return agree + newToMe;
    }
  }
}
