package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.server.room.Command.React;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Peer reactions")
class WorkshopReactionsTest {
  private RoomFixture f;
  private Actor a1;
  private Actor a2;
  private Actor b1;

  /** Two groups of two; g1 wrote card "x", g2 wrote card "y"; the presentation runs from DISCUSSION_END. */
  @BeforeEach
  void twoGroupsWithCards() {
    f = RoomFixture.seated(2, 2);
    a1 = f.student("g1", 0);
    a2 = f.student("g1", 1);
    b1 = f.student("g2", 0);
    f.start(T0);
    f.addCard(a1, "x", "p1", "Legacy ERP", T0 + 1_000);
    f.addCard(b1, "y", "p2", "Small wins", T0 + 2_000);
  }

  private void presenting() {
    f.tick(DISCUSSION_END);
    assertThat(f.workshop.clock().kind()).isEqualTo("presentation");
  }

  @Test
  @DisplayName("A reaction during the presentation is logged in the card's group and the student's group, with the card's totals")
  void reactionIsLoggedTwice() {
    presenting();
    Outcome.Accepted ok = f.accept(b1, new React("x", "agree", true), DISCUSSION_END + 1_000);
    assertThat(ok.ack().seqs()).containsOnlyKeys("g1", "g2");
    Event.ReactionChanged e = (Event.ReactionChanged) ok.events().get(0).event();
    assertThat(e).isEqualTo(new Event.ReactionChanged("g1", "x", "agree", ((Actor.Student) b1).id(), true, 1, 0));
    f.accept(f.student("g2", 1), new React("x", "new", true), DISCUSSION_END + 2_000);
    GroupView.Reaction r = f.workshop.group("g1").reactions().get("x");
    assertThat(r.agree()).isEqualTo(1);
    assertThat(r.newToMe()).isEqualTo(1);
    assertThat(r.agreeBy()).containsExactly(b1.id());
    assertThat(f.workshop.group("g2").reactions().get("x").agreeBy()).containsExactly(b1.id());
  }

  @Test
  @DisplayName("A reaction is toggled: taken back it counts no more, and can be given again")
  void toggled() {
    presenting();
    f.accept(b1, new React("x", "agree", true), DISCUSSION_END + 1_000);
    f.accept(b1, new React("x", "agree", false), DISCUSSION_END + 2_000);
    assertThat(f.workshop.group("g1").reactions().get("x").agree()).isZero();
    f.accept(b1, new React("x", "agree", true), DISCUSSION_END + 3_000);
    assertThat(f.workshop.group("g1").reactions().get("x").agree()).isEqualTo(1);
  }

  @Test
  @DisplayName("Reacting to one's own group's card is forbidden")
  void ownGroup() {
    presenting();
    f.reject(a2, new React("x", "agree", true), DISCUSSION_END + 1_000, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("Reacting twice with the same kind, or taking back a reaction never given, is a conflict")
  void twice() {
    presenting();
    f.accept(a1, new React("y", "new", true), DISCUSSION_END + 1_000);
    f.reject(a1, new React("y", "new", true), DISCUSSION_END + 2_000, ErrorCode.CONFLICT);
    f.reject(a1, new React("y", "agree", false), DISCUSSION_END + 3_000, ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("Reactions outside a presentation or gallery phase are refused as phase-closed")
  void wrongPhase() {
    f.reject(a1, new React("y", "agree", true), T0 + 3_000, ErrorCode.PHASE_CLOSED);
    f.tick(DISCUSSION_END + RoomFixture.PRESENTATION_MS);
    assertThat(f.workshop.clock().kind()).isEqualTo("ended");
    f.reject(a1, new React("y", "agree", true), DISCUSSION_END + RoomFixture.PRESENTATION_MS + 1, ErrorCode.PHASE_CLOSED);
  }

  @Test
  @DisplayName("A card that is not in this workshop (another workshop's, or none) is not-found")
  void anotherWorkshopsCard() {
    RoomFixture other = RoomFixture.seated(2, 1);
    other.start(T0);
    other.addCard(other.student("g1", 0), "elsewhere", "p1", "Other class", T0 + 1_000);
    presenting();
    f.reject(a1, new React("elsewhere", "agree", true), DISCUSSION_END + 1_000, ErrorCode.NOT_FOUND);
  }

  @Test
  @DisplayName("A retried reaction (same opId) is applied once")
  void idempotent() {
    presenting();
    assertThat(f.handle(b1, "r-1", new React("x", "agree", true), DISCUSSION_END + 1_000))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(f.handle(b1, "r-1", new React("x", "agree", true), DISCUSSION_END + 2_000))
        .isInstanceOf(Outcome.Duplicate.class);
    assertThat(f.workshop.group("g1").reactions().get("x").agree()).isEqualTo(1);
  }

  @Test
  @DisplayName("A gallery phase opens every board to every room, takes reactions and closes writing")
  void gallery() {
    WorkshopPlan base = RoomFixture.plan(2, false, RoomFixture.PRESENTATION_MS);
    WorkshopPlan plan = new WorkshopPlan(base.id(), base.sessionId(), base.sessionTitle(), base.exerciseTitle(),
        base.scenario(), base.conditions(), base.joinCode(), base.groups(), false, base.prompts(),
        List.of(base.phases().get(0), new WorkshopPlan.PhasePlan("phase2", "Gallery", PhaseKind.GALLERY, 60_000)),
        base.warningLeadMs(), base.graceMs(), base.createdAt());
    Workshop w = new Workshop(plan, RoomFixture.LIMITS, Ids.secure());
    Seat s1 = w.join("s1", null, T0 - 10).value().seat();
    Seat s2 = w.join("s2", null, T0 - 5).value().seat();
    w.handle(RoomFixture.INSTRUCTOR, "start", new Command.StartExercise(), T0);
    w.handle(RoomFixture.student(s2), "c", new Command.AddCard("y", "p1", "Card", null), T0 + 1_000);
    w.tick(DISCUSSION_END);
    assertThat(w.clock().kind()).isEqualTo("gallery");
    assertThat(w.group("g1").gallery()).as("every board, readable from g1's own log")
        .extracting(Event.GroupBoard::groupId).containsExactly("g1", "g2");
    assertThat(w.group("g1").gallery().get(1).board().get("p1")).extracting(Card::cardId).containsExactly("y");
    assertThat(w.handle(RoomFixture.student(s1), "r", new React("y", "agree", true), DISCUSSION_END + 60_000 - 1))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(w.handle(RoomFixture.student(s1), "w", new Command.AddCard("z", "p1", "Late", null),
        DISCUSSION_END + 30_000)).isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  @DisplayName("Restoring a workshop from its logs keeps its reactions, so a retry after a restart is still a conflict")
  void restored() {
    presenting();
    f.accept(b1, new React("x", "agree", true), DISCUSSION_END + 1_000);
    Workshop back = Workshop.restore(f.workshop.plan(), RoomFixture.LIMITS, List.copyOf(f.workshop.seats()), f.written,
        Ids.secure());
    assertThat(back.group("g1").reactions().get("x").agreeBy()).containsExactly(b1.id());
    assertThat(back.handle(b1, "again", new React("x", "agree", true), DISCUSSION_END + 2_000))
        .isInstanceOf(Outcome.Rejected.class);
  }
}
