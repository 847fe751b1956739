package dev.breakout.server.room;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.DeleteCard;
import dev.breakout.server.room.Command.EditCard;
import dev.breakout.server.room.Command.MoveCard;
import dev.breakout.server.room.Command.RequestHelp;
import dev.breakout.server.room.Command.Submit;
import java.util.Optional;

/**
 * The rules of what a seated student may do in the student's own group: write cards (add, edit,
 * delete, move) while the group's writing window is open or late, submit, ask for help, and react
 * to other groups' cards ({@link Reactions}). The writing window comes from the {@link Schedule}.
 */
final class StudentRules {
  private final WorkshopPlan plan;
  private final Limits limits;
  private final Rooms rooms;
  private final Schedule schedule;

  StudentRules(WorkshopPlan plan, Limits limits, Rooms rooms, Schedule schedule) {
    this.plan = plan;
    this.limits = limits;
    this.rooms = rooms;
    this.schedule = schedule;
  }

  Rejection handle(Seat seat, Command.StudentCommand command, long now, Step step) {
    GroupRoom room = rooms.get(seat.groupId());
    ClockState clock = step.clock();
    if (command instanceof Command.React react) {
      return Reactions.react(rooms, schedule.currentKind(clock), seat, react, now, step);
    }
    if (command instanceof RequestHelp) {
      if ("ended".equals(clock.kind())) {
        return closed();
      }
      step.append(seat.groupId(), new Event.HelpRequested(seat.studentId()), now);
      return null;
    }
    Schedule.Write write = schedule.writeWindow(clock, room.extraMs(), now);
    if (write == Schedule.Write.CLOSED) {
      return closed();
    }
    boolean late = write == Schedule.Write.LATE;
    if (command instanceof Submit s) {
      step.append(seat.groupId(), new Event.SubmissionChanged(s.submitted(), seat.studentId(), late), now);
      return null;
    }
    if (command instanceof AddCard add) {
      return add(room, seat, add, late, now, step);
    }
    Command.CardCommand cardCommand = (Command.CardCommand) command;
    Optional<Card> found = room.card(cardCommand.cardId());
    if (found.isEmpty()) {
      return Rejection.of(Reason.NO_CARD_IN_GROUP, "cardId", cardCommand.cardId());
    }
    Card card = found.get();
    if (command instanceof EditCard edit) {
      if (edit.version() != null && edit.version() != card.version()) {
        return new Rejection(Reason.EDIT_CONFLICT, java.util.Map.of(), card);
      }
      String label = edit.labelGiven() ? Texts.blankToNull(edit.label()) : card.label();
      Rejection bad = Texts.checkCard(edit.text(), label, limits);
      if (bad != null) {
        return bad;
      }
      step.append(seat.groupId(), new Event.CardEdited(card.cardId(), edit.text().strip(), label, card.version() + 1,
          seat.studentId(), late), now);
    } else if (command instanceof DeleteCard) {
      step.append(seat.groupId(), new Event.CardDeleted(card.cardId(), late), now);
    } else if (command instanceof MoveCard move) {
      int size = room.promptSize(card.prompt());
      if (move.index() < 0 || move.index() >= size) {
        return Rejection.of(Reason.INDEX_OUT_OF_RANGE, "max", size - 1);
      }
      step.append(seat.groupId(), new Event.CardMoved(card.cardId(), move.index(), late), now);
    }
    return null;
  }

  private Rejection add(GroupRoom room, Seat seat, AddCard add, boolean late, long now, Step step) {
    if (!plan.hasPrompt(add.prompt())) {
      return Rejection.of(Reason.NO_PROMPT, "prompt", add.prompt());
    }
    Rejection bad = Texts.checkCard(add.text(), add.label(), limits);
    if (bad != null) {
      return bad;
    }
    if (room.cardIdTaken(add.cardId())) {
      return Rejection.of(Reason.CARD_ID_TAKEN, "cardId", add.cardId());
    }
    if (room.cardCount() >= limits.maxCardsPerGroup()) {
      return Rejection.of(Reason.GROUP_CARD_LIMIT, "max", limits.maxCardsPerGroup());
    }
    if (room.cardCountBy(seat.studentId()) >= limits.maxCardsPerStudent()) {
      return Rejection.of(Reason.STUDENT_CARD_LIMIT, "max", limits.maxCardsPerStudent());
    }
    Card card = new Card(add.cardId(), add.prompt(), add.text().strip(), Texts.blankToNull(add.label()),
        seat.studentId(), seat.name(), 1, late, now, now);
    step.append(seat.groupId(), new Event.CardAdded(card), now);
    return null;
  }

  private static Rejection closed() {
    return Rejection.of(Reason.WRITING_CLOSED);
  }
}
