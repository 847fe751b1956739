package dev.breakout.server.room;

import java.util.List;

/** What a client asks for. Validated for shape at the edge, for meaning by {@link Workshop}. */
public sealed interface Command {

  /** Operations any member of a group may send for the member's own group. */
  sealed interface StudentCommand extends Command {}

  /** Operations only an instructor may send. */
  sealed interface InstructorCommand extends Command {}

  /** Card operations are allowed while the group may still write (see {@link Workshop}). */
  sealed interface CardCommand extends StudentCommand {
    String cardId();
  }

  record AddCard(String cardId, String prompt, String text, String label) implements CardCommand {}

  /** {@code version} null: last writer wins. */
  record EditCard(String cardId, String text, String label, boolean labelGiven, Integer version)
      implements CardCommand {}

  record DeleteCard(String cardId) implements CardCommand {}

  record MoveCard(String cardId, int index) implements CardCommand {}

  record Submit(boolean submitted) implements StudentCommand {}

  record RequestHelp() implements StudentCommand {}

  record StartExercise() implements InstructorCommand {}

  record PauseClock() implements InstructorCommand {}

  record ResumeClock() implements InstructorCommand {}

  /** {@code groupId} null: every group. */
  record AdjustClock(int seconds, String groupId) implements InstructorCommand {}

  record NextPhase() implements InstructorCommand {}

  record Broadcast(String text) implements InstructorCommand {}

  record MoveStudent(String studentId, String groupId) implements InstructorCommand {}

  record Spotlight(String groupId) implements InstructorCommand {}

  record PresentationOrder(List<String> groupIds) implements InstructorCommand {
    public PresentationOrder {
      groupIds = List.copyOf(groupIds);
    }
  }

  record ClearHelp(String groupId) implements InstructorCommand {}

  record Feedback(String groupId, String text) implements InstructorCommand {}

  record EndWorkshop() implements InstructorCommand {}

  /** Starts the presentations now, from the handover's ready or countdown stage (decision 010). */
  record StartPresentations() implements InstructorCommand {}

  /**
   * The presenting group is done: the next group presents, or after the last one the phase ends.
   * Sent by the instructor, or by the presenting group when the workshop allows it. {@code from},
   * when given, names the group the sender saw presenting, so that two presses move on once.
   */
  record NextPresenter(String from) implements Command {}

  /** Takes back the broadcast sent at {@code sentAt} (its time is its name within a workshop). */
  record WithdrawBroadcast(long sentAt) implements InstructorCommand {}

  /**
   * A student's reaction to another group's card: {@code on} true adds it, false takes it back.
   *
   * @param kind {@code agree} (👍) or {@code new} (💡 new to me)
   */
  record React(String cardId, String kind, boolean on) implements StudentCommand {}

  /**
   * The instructor's corrections of the class synthesis (docs/decisions/015-synthesis-corrections.md).
   * Each names a card of prompt {@code prompt}; the synthesis is derived, the corrections are kept.
   */
  sealed interface SynthesisCommand extends InstructorCommand {
    String prompt();

    String cardId();
  }

  /** The clusters that hold the two cards become one. */
  record MergeClusters(String prompt, String cardId, String otherCardId) implements SynthesisCommand {}

  /** The card joins the cluster of {@code toCardId}; null: a cluster of its own. */
  record MoveToCluster(String prompt, String cardId, String toCardId) implements SynthesisCommand {}

  /** The cluster that holds the card is called {@code label}. */
  record RenameCluster(String prompt, String cardId, String label) implements SynthesisCommand {}
}
