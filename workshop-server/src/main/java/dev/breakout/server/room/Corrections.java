package dev.breakout.server.room;

import dev.breakout.server.room.Command.MergeClusters;
import dev.breakout.server.room.Command.MoveToCluster;
import dev.breakout.server.room.Command.RenameCluster;
import dev.breakout.server.room.Command.SynthesisCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks an instructor's correction of the synthesis against the cards as they stand, and names
 * the log it goes into: that of the group whose card it names first.
 */
final class Corrections {

  /** An accepted correction: its event and the group whose log takes it. */
  record Checked(String groupId, Event.SynthesisCorrected event) {}

  private record Located(String groupId, Card card) {}

  private Corrections() {}

  static Result<Checked> check(SynthesisCommand command, WorkshopPlan plan, Collection<GroupRoom> rooms,
      Limits limits) {
    if (!plan.hasPrompt(command.prompt())) {
      return Result.rejected(Reason.NO_PROMPT, "prompt", command.prompt());
    }
    Result<Located> card = locate(command.cardId(), command.prompt(), rooms);
    if (!card.ok()) {
      return Result.rejected(card.rejection());
    }
    String groupId = card.value().groupId();
    if (command instanceof MergeClusters m) {
      Result<Located> other = other(m.otherCardId(), m.cardId(), m.prompt(), rooms);
      return other.ok()
          ? Result.ok(new Checked(groupId, new Event.ClustersMerged(m.prompt(), m.cardId(), m.otherCardId())))
          : Result.rejected(other.rejection());
    }
    if (command instanceof MoveToCluster m) {
      if (m.toCardId() != null) {
        Result<Located> to = other(m.toCardId(), m.cardId(), m.prompt(), rooms);
        if (!to.ok()) {
          return Result.rejected(to.rejection());
        }
      }
      return Result.ok(new Checked(groupId, new Event.CardRegrouped(m.prompt(), m.cardId(), m.toCardId())));
    }
    RenameCluster r = (RenameCluster) command;
    String label = r.label() == null ? "" : r.label().strip();
    if (label.isEmpty()) {
      return Result.rejected(Reason.CLUSTER_NAME_REQUIRED);
    }
    if (label.codePointCount(0, label.length()) > limits.maxLabelChars()) {
      return Result.rejected(Reason.CLUSTER_NAME_TOO_LONG, "max", limits.maxLabelChars());
    }
    return Result.ok(new Checked(groupId, new Event.ClusterRenamed(r.prompt(), r.cardId(), label)));
  }

  /** The second card of a merge or a move: another card of the same prompt. */
  private static Result<Located> other(String otherId, String cardId, String prompt, Collection<GroupRoom> rooms) {
    if (otherId.equals(cardId)) {
      return Result.rejected(Reason.SAME_CARD_TWICE);
    }
    return locate(otherId, prompt, rooms);
  }

  /**
   * The card with this id, on this prompt. Ids are chosen by clients and unique within a group;
   * one that two groups chose alike cannot name a card here.
   */
  private static Result<Located> locate(String cardId, String prompt, Collection<GroupRoom> rooms) {
    List<Located> found = new ArrayList<>();
    for (GroupRoom room : rooms) {
      room.card(cardId).ifPresent(c -> found.add(new Located(room.groupId(), c)));
    }
    if (found.isEmpty()) {
      return Result.rejected(Reason.NO_CARD, "cardId", cardId);
    }
    if (found.size() > 1) {
      return Result.rejected(Reason.CARD_ID_AMBIGUOUS, "cardId", cardId);
    }
    Located card = found.get(0);
    if (!card.card().prompt().equals(prompt)) {
      return Result.rejected(Reason.CARD_OTHER_PROMPT, "cardId", cardId, "cardPrompt",
          card.card().prompt(), "prompt", prompt);
    }
    return Result.ok(card);
  }
}
