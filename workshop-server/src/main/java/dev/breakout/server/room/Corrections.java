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
      return Result.rejected(ErrorCode.NOT_FOUND, "No prompt '" + command.prompt() + "'. / 없는 질문입니다.");
    }
    Result<Located> card = locate(command.cardId(), command.prompt(), rooms);
    if (!card.ok()) {
      return Result.rejected(card.rejection().code(), card.rejection().message());
    }
    String groupId = card.value().groupId();
    if (command instanceof MergeClusters m) {
      Result<Located> other = other(m.otherCardId(), m.cardId(), m.prompt(), rooms);
      return other.ok()
          ? Result.ok(new Checked(groupId, new Event.ClustersMerged(m.prompt(), m.cardId(), m.otherCardId())))
          : Result.rejected(other.rejection().code(), other.rejection().message());
    }
    if (command instanceof MoveToCluster m) {
      if (m.toCardId() != null) {
        Result<Located> to = other(m.toCardId(), m.cardId(), m.prompt(), rooms);
        if (!to.ok()) {
          return Result.rejected(to.rejection().code(), to.rejection().message());
        }
      }
      return Result.ok(new Checked(groupId, new Event.CardRegrouped(m.prompt(), m.cardId(), m.toCardId())));
    }
    RenameCluster r = (RenameCluster) command;
    String label = r.label() == null ? "" : r.label().strip();
    if (label.isEmpty()) {
      return Result.rejected(ErrorCode.BAD_REQUEST, "A cluster needs a name. / 묶음 이름을 입력하세요.");
    }
    if (label.codePointCount(0, label.length()) > limits.maxLabelChars()) {
      return Result.rejected(ErrorCode.TOO_LONG, "A cluster name can have at most " + limits.maxLabelChars()
          + " characters. / 묶음 이름은 최대 " + limits.maxLabelChars() + "자입니다.");
    }
    return Result.ok(new Checked(groupId, new Event.ClusterRenamed(r.prompt(), r.cardId(), label)));
  }

  /** The second card of a merge or a move: another card of the same prompt. */
  private static Result<Located> other(String otherId, String cardId, String prompt, Collection<GroupRoom> rooms) {
    if (otherId.equals(cardId)) {
      return Result.rejected(ErrorCode.BAD_REQUEST, "Name two different cards. / 서로 다른 두 카드를 고르세요.");
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
      return Result.rejected(ErrorCode.NOT_FOUND, "No card '" + cardId + "' in this workshop. / 없는 카드입니다.");
    }
    if (found.size() > 1) {
      return Result.rejected(ErrorCode.CONFLICT, "Several groups have a card '" + cardId
          + "'; it cannot be corrected by id. / 여러 조에 같은 id의 카드가 있습니다.");
    }
    Located card = found.get(0);
    if (!card.card().prompt().equals(prompt)) {
      return Result.rejected(ErrorCode.BAD_REQUEST, "Card '" + cardId + "' answers prompt '" + card.card().prompt()
          + "', not '" + prompt + "'. / 다른 질문의 카드입니다.");
    }
    return Result.ok(card);
  }
}
