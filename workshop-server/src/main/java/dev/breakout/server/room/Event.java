package dev.breakout.server.room;

import java.util.List;
import java.util.Map;

/**
 * What happened in a room. Events carry every value their fold needs (clock events carry the whole
 * resulting clock), so one group's log alone rebuilds what its members see.
 */
public sealed interface Event {

  /** The wire name, e.g. {@code card.added}. */
  String type();

  /** Events the clock and the instructor write into every group's log. */
  sealed interface WorkshopWide extends Event {}

  /** Workshop-wide events that set the clock: every log that has one knows the clock from it. */
  sealed interface ClockSet extends WorkshopWide {
    ClockState clock();
  }

  record StudentJoined(String studentId, String name) implements Event {
    public String type() {
      return "student.joined";
    }
  }

  /** A student left this group for another one ({@code student.move}). */
  record StudentLeft(String studentId, String toGroupId) implements Event {
    public String type() {
      return "student.left";
    }
  }

  record CardAdded(Card card) implements Event {
    public String type() {
      return "card.added";
    }
  }

  record CardEdited(String cardId, String text, String label, int version, String editorId, boolean late)
      implements Event {
    public String type() {
      return "card.edited";
    }
  }

  record CardDeleted(String cardId, boolean late) implements Event {
    public String type() {
      return "card.deleted";
    }
  }

  record CardMoved(String cardId, int index, boolean late) implements Event {
    public String type() {
      return "card.moved";
    }
  }

  record SubmissionChanged(boolean submitted, String studentId, boolean late) implements Event {
    public String type() {
      return "group.submitted";
    }
  }

  record HelpRequested(String studentId) implements Event {
    public String type() {
      return "help.requested";
    }
  }

  record HelpCleared() implements Event {
    public String type() {
      return "help.cleared";
    }
  }

  record FeedbackGiven(String text) implements Event {
    public String type() {
      return "feedback.given";
    }
  }

  /** Only in one group's log: that group's own deadline moved by {@code seconds}. */
  record GroupClockAdjusted(String groupId, int seconds, long extraMs) implements Event {
    public String type() {
      return "clock.adjusted";
    }
  }

  record PhaseChanged(ClockState clock) implements ClockSet {
    public String type() {
      return "phase.changed";
    }
  }

  record ClockPaused(ClockState clock) implements ClockSet {
    public String type() {
      return "clock.paused";
    }
  }

  record ClockResumed(ClockState clock) implements ClockSet {
    public String type() {
      return "clock.resumed";
    }
  }

  /** Every group's deadline moved by {@code seconds}. */
  record ClockAdjusted(int seconds, ClockState clock) implements ClockSet {
    public String type() {
      return "clock.adjusted";
    }
  }

  record ClockWarning(long remainingMs, ClockState clock) implements ClockSet {
    public String type() {
      return "clock.warning";
    }
  }

  record BroadcastSent(String text) implements WorkshopWide {
    public String type() {
      return "broadcast.sent";
    }
  }

  /**
   * The spotlight moved. {@code board} is the spotlighted group's answers at that moment, so that
   * every room can show them from its own log.
   */
  record SpotlightChanged(String groupId, String groupName, Map<String, List<Card>> board, ClockState clock)
      implements ClockSet {
    public String type() {
      return "spotlight.changed";
    }
  }

  record PresentationOrdered(List<String> groupIds, ClockState clock) implements ClockSet {
    public String type() {
      return "presentation.ordered";
    }
  }

  record WorkshopEnded(ClockState clock) implements ClockSet {
    public String type() {
      return "workshop.ended";
    }
  }

  /** The presentations began (the instructor said so, or the countdown or a wait ran out); a spotlight follows. */
  record PresentationStarted(ClockState clock) implements ClockSet {
    public String type() {
      return "presentation.started";
    }
  }

  /**
   * The next presenter would be a group still writing ({@code groupIds}), so the presentations wait
   * until {@code clock.stageEndsAt()}.
   */
  record PresentationWaiting(List<String> groupIds, ClockState clock) implements ClockSet {
    public PresentationWaiting {
      groupIds = List.copyOf(groupIds);
    }

    public String type() {
      return "presentation.waiting";
    }
  }

  /** The instructor took back the broadcast sent at {@code sentAt}: screens drop it. */
  record BroadcastWithdrawn(long sentAt) implements WorkshopWide {
    public String type() {
      return "broadcast.withdrawn";
    }
  }

  /**
   * A student's reaction to a card of {@code cardGroupId} changed. Written into the card's group's
   * log (which so holds every reaction to its cards) and into the student's own group's log; the
   * counts are the card's totals after the change.
   */
  /**
   * A gallery phase began: every group's board as it stood then, so that each room can show all of
   * them from its own log (like {@link SpotlightChanged} for one group).
   */
  record GalleryOpened(List<GroupBoard> boards) implements WorkshopWide {
    public GalleryOpened {
      boards = List.copyOf(boards);
    }

    public String type() {
      return "gallery.opened";
    }
  }

  record GroupBoard(String groupId, String groupName, Map<String, List<Card>> board) {}

  record ReactionChanged(String cardGroupId, String cardId, String kind, String studentId, boolean on, int agree,
      int newToMe) implements Event {
    public String type() {
      return "reaction.changed";
    }
  }

  /**
   * An instructor's correction of the class synthesis, written into the log of the group whose card
   * it names. The synthesis itself is never logged: it is recomputed from the cards and these.
   */
  sealed interface SynthesisCorrected extends Event {
    String prompt();

    String cardId();
  }

  record ClustersMerged(String prompt, String cardId, String otherCardId) implements SynthesisCorrected {
    public String type() {
      return "synthesis.merged";
    }
  }

  /** {@code toCardId} null: the card stands alone. */
  record CardRegrouped(String prompt, String cardId, String toCardId) implements SynthesisCorrected {
    public String type() {
      return "synthesis.moved";
    }
  }

  record ClusterRenamed(String prompt, String cardId, String label) implements SynthesisCorrected {
    public String type() {
      return "synthesis.renamed";
    }
  }
}
