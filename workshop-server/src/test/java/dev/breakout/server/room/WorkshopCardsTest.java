package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.DeleteCard;
import dev.breakout.server.room.Command.EditCard;
import dev.breakout.server.room.Command.MoveCard;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopCardsTest {

  private RoomFixture f;
  private Actor ann;
  private Actor bea;

  @BeforeEach
  void startedWithTwoStudentsInGroupOne() {
    f = RoomFixture.seated(2, 2);
    ann = f.student("g1", 0);
    bea = f.student("g1", 1);
    f.start(T0);
  }

  private List<Card> cards(String prompt) {
    return f.workshop.group("g1").cards().get(prompt);
  }

  @Test
  @DisplayName("An added card records its prompt, stripped text, label, author, version 1 and time.")
  void add() {
    Outcome.Accepted added = f.accept(ann, new AddCard("c1", "p3", "  Agree on scope \n", " Week 1 "), T0 + 5_000);

    Card card = cards("p3").get(0);
    Seat seat = f.workshop.seat(ann.id()).orElseThrow();
    assertThat(card).isEqualTo(new Card("c1", "p3", "Agree on scope", "Week 1", ann.id(), seat.name(), 1, false,
        T0 + 5_000, T0 + 5_000));
    assertThat(added.events()).singleElement().satisfies(l -> {
      assertThat(l.event()).isEqualTo(new Event.CardAdded(card));
      assertThat(l.actor()).isEqualTo(ann.id());
      assertThat(l.opId()).isEqualTo(added.ack().opId());
    });
    assertThat(added.ack().seqs()).isEqualTo(Map.of("g1", f.workshop.lastSeqs().get("g1")));
    assertThat(f.workshop.group("g1").lastActivityAt()).isEqualTo(T0 + 5_000);
    assertThat(f.workshop.group("g2").cards().values()).allSatisfy(list -> assertThat(list).isEmpty());
  }

  @Test
  @DisplayName("A blank label is stored as no label.")
  void blankLabel() {
    f.accept(ann, new AddCard("c1", "p3", "Step", "   "), T0 + 1);
    assertThat(cards("p3").get(0).label()).isNull();
  }

  @Test
  @DisplayName("Adding a card with an id that exists or was deleted is a conflict.")
  void addConflicts() {
    f.addCard(ann, "c1", "p1", "First", T0 + 1);
    f.reject(bea, new AddCard("c1", "p2", "Same id", null), T0 + 2, ErrorCode.CONFLICT);
    f.accept(ann, new DeleteCard("c1"), T0 + 3);
    f.reject(bea, new AddCard("c1", "p1", "Back again", null), T0 + 4, ErrorCode.CONFLICT);
    assertThat(cards("p1")).isEmpty();
  }

  @Test
  @DisplayName("A card for an unknown prompt is not-found.")
  void unknownPrompt() {
    f.reject(ann, new AddCard("c1", "p9", "Where?", null), T0 + 1, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("A card without text is a bad request and one over the limit is too long.")
  void addTextRules() {
    f.reject(ann, new AddCard("c1", "p1", "  \t ", null), T0 + 1, ErrorCode.BAD_REQUEST);
    f.reject(ann, new AddCard("c1", "p1", null, null), T0 + 1, ErrorCode.BAD_REQUEST);
    f.reject(ann, new AddCard("c1", "p1", "x".repeat(101), null), T0 + 1, ErrorCode.TOO_LONG);
    f.reject(ann, new AddCard("c1", "p3", "Step", "y".repeat(21)), T0 + 1, ErrorCode.TOO_LONG);
    f.accept(ann, new AddCard("c1", "p3", "x".repeat(100), "y".repeat(20)), T0 + 1);
  }

  @Test
  @DisplayName("Card length counts characters, not UTF-16 units, so 100 emoji fit a 100-character card.")
  void lengthInCodePoints() {
    f.addCard(ann, "c1", "p1", "😀".repeat(100), T0 + 1);
    f.reject(ann, new AddCard("c2", "p1", "😀".repeat(101), null), T0 + 1, ErrorCode.TOO_LONG);
  }

  @Test
  @DisplayName("A group cannot hold more cards than the limit.")
  void cardLimit() {
    for (int i = 1; i <= 6; i++) {
      f.addCard(ann, "c" + i, "p1", "Card " + i, T0 + i);
    }
    f.reject(ann, new AddCard("c7", "p1", "One too many", null), T0 + 10, ErrorCode.TOO_LONG);
    f.accept(ann, new DeleteCard("c6"), T0 + 11);
    f.addCard(ann, "c7", "p1", "Room again", T0 + 12);
  }

  @Test
  @DisplayName("An edit with the current version raises the version and keeps author and creation time.")
  void editWithVersion() {
    f.addCard(ann, "c1", "p1", "Draft", T0 + 1_000);
    Outcome.Accepted edited = f.accept(bea, new EditCard("c1", " Better ", "ignored", false, 1), T0 + 2_000);

    Card card = cards("p1").get(0);
    assertThat(card.text()).isEqualTo("Better");
    assertThat(card.label()).isNull();
    assertThat(card.version()).isEqualTo(2);
    assertThat(card.authorId()).isEqualTo(ann.id());
    assertThat(card.createdAt()).isEqualTo(T0 + 1_000);
    assertThat(card.updatedAt()).isEqualTo(T0 + 2_000);
    assertThat(edited.events().get(0).event())
        .isEqualTo(new Event.CardEdited("c1", "Better", null, 2, bea.id(), false));
  }

  @Test
  @DisplayName("An edit can set or clear the label only when it says it gives one.")
  void editLabel() {
    f.accept(ann, new AddCard("c1", "p3", "Step", "Week 1"), T0 + 1);
    f.accept(ann, new EditCard("c1", "Step, reworded", null, false, null), T0 + 2);
    assertThat(cards("p3").get(0).label()).isEqualTo("Week 1");
    f.accept(ann, new EditCard("c1", "Step, reworded", "Week 2", true, null), T0 + 3);
    assertThat(cards("p3").get(0).label()).isEqualTo("Week 2");
    f.accept(ann, new EditCard("c1", "Step, reworded", null, true, null), T0 + 4);
    assertThat(cards("p3").get(0).label()).isNull();
    f.reject(ann, new EditCard("c1", "Step", "z".repeat(21), true, null), T0 + 5, ErrorCode.TOO_LONG);
  }

  @Test
  @DisplayName("An edit of a stale version is a conflict that returns the card as it stands.")
  void staleEdit() {
    f.addCard(ann, "c1", "p1", "Draft", T0 + 1);
    f.accept(ann, new EditCard("c1", "Ann's take", null, false, 1), T0 + 2);

    Rejection rejection = f.reject(bea, new EditCard("c1", "Bea's take", null, false, 1), T0 + 3, ErrorCode.CONFLICT);
    assertThat(rejection.current()).isEqualTo(cards("p1").get(0));
    assertThat(rejection.current().text()).isEqualTo("Ann's take");
    assertThat(rejection.current().version()).isEqualTo(2);
  }

  @Test
  @DisplayName("An edit without a version overwrites whatever is there.")
  void lastWriterWins() {
    f.addCard(ann, "c1", "p1", "Draft", T0 + 1);
    f.accept(ann, new EditCard("c1", "Ann's take", null, false, 1), T0 + 2);
    f.accept(bea, new EditCard("c1", "Bea's take", null, false, null), T0 + 3);
    assertThat(cards("p1").get(0).text()).isEqualTo("Bea's take");
    assertThat(cards("p1").get(0).version()).isEqualTo(3);
  }

  @Test
  @DisplayName("An edit to blank or too long text is refused.")
  void editTextRules() {
    f.addCard(ann, "c1", "p1", "Draft", T0 + 1);
    f.reject(ann, new EditCard("c1", " ", null, false, 1), T0 + 2, ErrorCode.BAD_REQUEST);
    f.reject(ann, new EditCard("c1", "x".repeat(101), null, false, 1), T0 + 2, ErrorCode.TOO_LONG);
  }

  @Test
  @DisplayName("Editing, deleting or moving a card that is not in the group is not-found.")
  void unknownCard() {
    f.addCard(f.student("g2", 0), "d1", "p1", "Other group's", T0 + 1);
    f.reject(ann, new EditCard("d1", "Mine now", null, false, null), T0 + 2, ErrorCode.NOT_FOUND);
    f.reject(ann, new DeleteCard("d1"), T0 + 2, ErrorCode.NOT_FOUND);
    f.reject(ann, new MoveCard("d1", 0), T0 + 2, ErrorCode.NOT_FOUND);
    f.reject(ann, new EditCard("nope", "?", null, false, null), T0 + 2, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("A deleted card is gone and cannot be edited, moved or deleted again.")
  void delete() {
    f.addCard(ann, "c1", "p1", "Doomed", T0 + 1);
    f.addCard(ann, "c2", "p1", "Stays", T0 + 2);
    Outcome.Accepted deleted = f.accept(bea, new DeleteCard("c1"), T0 + 3);
    assertThat(deleted.events().get(0).event()).isEqualTo(new Event.CardDeleted("c1", false));
    assertThat(cards("p1")).extracting(Card::cardId).containsExactly("c2");

    f.reject(ann, new DeleteCard("c1"), T0 + 4, ErrorCode.NOT_FOUND);
    f.reject(ann, new EditCard("c1", "Revived?", null, false, null), T0 + 4, ErrorCode.NOT_FOUND);
    f.reject(ann, new MoveCard("c1", 0), T0 + 4, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("Moving a step reorders it within its prompt and leaves other prompts alone.")
  void move() {
    f.accept(ann, new AddCard("a", "p3", "A", "1"), T0 + 1);
    f.accept(ann, new AddCard("b", "p3", "B", "2"), T0 + 2);
    f.accept(ann, new AddCard("c", "p3", "C", "3"), T0 + 3);
    f.addCard(ann, "x", "p1", "Elsewhere", T0 + 4);

    f.accept(bea, new MoveCard("c", 0), T0 + 5);
    assertThat(cards("p3")).extracting(Card::cardId).containsExactly("c", "a", "b");
    f.accept(bea, new MoveCard("c", 2), T0 + 6);
    assertThat(cards("p3")).extracting(Card::cardId).containsExactly("a", "b", "c");
    f.accept(bea, new MoveCard("a", 1), T0 + 7);
    assertThat(cards("p3")).extracting(Card::cardId).containsExactly("b", "a", "c");
    assertThat(cards("p1")).extracting(Card::cardId).containsExactly("x");
  }

  @Test
  @DisplayName("Moving a card to an index outside its prompt's list is a bad request.")
  void moveOutOfRange() {
    f.addCard(ann, "a", "p3", "A", T0 + 1);
    f.addCard(ann, "b", "p3", "B", T0 + 2);
    f.reject(ann, new MoveCard("a", 2), T0 + 3, ErrorCode.BAD_REQUEST);
    f.reject(ann, new MoveCard("a", -1), T0 + 3, ErrorCode.BAD_REQUEST);
  }

  @Test
  @DisplayName("Submitting and withdrawing a submission is recorded for the group.")
  void submit() {
    f.accept(ann, new Command.Submit(true), T0 + 1);
    assertThat(f.workshop.group("g1").submitted()).isTrue();
    f.accept(bea, new Command.Submit(false), T0 + 2);
    assertThat(f.workshop.group("g1").submitted()).isFalse();
  }

  @Test
  @DisplayName("A retried operation is applied once and answered with the original ack.")
  void retryIsDuplicate() {
    Outcome first = f.handle(ann, "op-add", new AddCard("c1", "p1", "Once", null), T0 + 1);
    assertThat(first).isInstanceOf(Outcome.Accepted.class);
    Outcome.Ack ack = ((Outcome.Accepted) first).ack();
    var seqs = f.workshop.lastSeqs();

    Outcome retry = f.handle(ann, "op-add", new AddCard("c1", "p1", "Once", null), T0 + 2);
    assertThat(retry).isEqualTo(new Outcome.Duplicate(ack));
    assertThat(f.workshop.lastSeqs()).isEqualTo(seqs);
    assertThat(cards("p1")).hasSize(1);
  }

  @Test
  @DisplayName("A retry is recognised by its operation id even when a later state would refuse the operation.")
  void retryAfterPhaseClosed() {
    Outcome first = f.handle(ann, "op-late", new AddCard("c1", "p1", "Just in time", null),
        RoomFixture.DISCUSSION_END - 1);
    Outcome retry = f.handle(ann, "op-late", new AddCard("c1", "p1", "Just in time", null),
        RoomFixture.DISCUSSION_END + 60_000);
    assertThat(retry).isEqualTo(new Outcome.Duplicate(((Outcome.Accepted) first).ack()));
  }

  @Test
  @DisplayName("The same operation id from two students is two operations.")
  void opIdsArePerActor() {
    assertThat(f.handle(ann, "op-1", new AddCard("c1", "p1", "Ann's", null), T0 + 1))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(f.handle(bea, "op-1", new AddCard("c2", "p1", "Bea's", null), T0 + 2))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(cards("p1")).hasSize(2);
  }

  @Test
  @DisplayName("A refused operation is not remembered, so a corrected retry with the same id is applied.")
  void rejectedIsNotRemembered() {
    assertThat(f.handle(ann, "op-1", new AddCard("c1", "p1", " ", null), T0 + 1)).isInstanceOf(Outcome.Rejected.class);
    assertThat(f.handle(ann, "op-1", new AddCard("c1", "p1", "Fixed", null), T0 + 2))
        .isInstanceOf(Outcome.Accepted.class);
  }
}
