package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.INSTRUCTOR;
import static dev.breakout.server.room.RoomFixture.LIMITS;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_END;
import static dev.breakout.server.room.RoomFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Command.MergeClusters;
import dev.breakout.server.room.Command.MoveToCluster;
import dev.breakout.server.room.Command.RenameCluster;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The instructor's corrections of the synthesis")
class WorkshopSynthesisCorrectionTest {
  private RoomFixture f;

  @BeforeEach
  void cards() {
    f = RoomFixture.seated(2, 1);
    f.start(T0);
    f.addCard(f.student("g1", 0), "a1", "p1", "예산 부족", T0 + 1_000);
    f.addCard(f.student("g2", 0), "b1", "p1", "비용이 많이 듦", T0 + 2_000);
    f.addCard(f.student("g2", 0), "b2", "p2", "교육", T0 + 3_000);
  }

  @Test
  @DisplayName("A merge is one event in the log of the first card's group, and nothing the groups show changes")
  void mergeIsOneEventInTheFirstCardsGroup() {
    List<GroupView> before = f.workshop.groups();
    Outcome.Accepted a = f.instructor(new MergeClusters("p1", "b1", "a1"), T0 + 4_000);

    assertThat(a.events()).hasSize(1);
    Logged logged = a.events().get(0);
    assertThat(logged.groupId()).isEqualTo("g2");
    assertThat(logged.event()).isEqualTo(new Event.ClustersMerged("p1", "b1", "a1"));
    assertThat(logged.actor()).isEqualTo(INSTRUCTOR.id());
    assertThat(a.ack().seqs()).containsOnlyKeys("g2");
    assertThat(f.workshop.groups().get(0)).isEqualTo(before.get(0));
    assertThat(f.workshop.groups().get(1).cards()).isEqualTo(before.get(1).cards());
  }

  @Test
  @DisplayName("A move to another card's cluster, a move to a cluster of its own and a rename are accepted, also after the end")
  void moveAndRenameAreAcceptedAfterTheEnd() {
    f.tick(PRESENTATION_END + 1);
    assertThat(f.workshop.clock().kind()).isEqualTo("ended");

    assertThat(f.instructor(new MoveToCluster("p1", "a1", "b1"), PRESENTATION_END + 2).events().get(0).event())
        .isEqualTo(new Event.CardRegrouped("p1", "a1", "b1"));
    assertThat(f.instructor(new MoveToCluster("p1", "a1", null), PRESENTATION_END + 3).events().get(0).event())
        .isEqualTo(new Event.CardRegrouped("p1", "a1", null));
    assertThat(f.instructor(new RenameCluster("p1", "a1", "  예산과 비용  "), PRESENTATION_END + 4).events().get(0)
        .event()).isEqualTo(new Event.ClusterRenamed("p1", "a1", "예산과 비용"));
  }

  @Test
  @DisplayName("Unknown cards, deleted cards, unknown prompts and a card of another prompt are refused and change nothing")
  void badCardsAreRefused() {
    f.accept(f.student("g1", 0), new Command.DeleteCard("a1"), T0 + 3_500);
    f.reject(INSTRUCTOR, new MergeClusters("p1", "nope", "b1"), T0 + 4_000, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MergeClusters("p1", "b1", "nope"), T0 + 4_000, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MergeClusters("p1", "b1", "a1"), T0 + 4_000, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MoveToCluster("p9", "b1", null), T0 + 4_000, ErrorCode.NOT_FOUND);
    f.reject(INSTRUCTOR, new MoveToCluster("p1", "b2", null), T0 + 4_000, ErrorCode.BAD_REQUEST);
    f.reject(INSTRUCTOR, new MergeClusters("p1", "b1", "b2"), T0 + 4_000, ErrorCode.BAD_REQUEST);
    f.reject(INSTRUCTOR, new MoveToCluster("p1", "b1", "b1"), T0 + 4_000, ErrorCode.BAD_REQUEST);
  }

  @Test
  @DisplayName("A blank name and a name over the label limit are refused")
  void badNamesAreRefused() {
    f.reject(INSTRUCTOR, new RenameCluster("p1", "b1", "   "), T0 + 4_000, ErrorCode.BAD_REQUEST);
    f.reject(INSTRUCTOR, new RenameCluster("p1", "b1", "가".repeat(LIMITS.maxLabelChars() + 1)), T0 + 4_000,
        ErrorCode.TOO_LONG);
    f.instructor(new RenameCluster("p1", "b1", "가".repeat(LIMITS.maxLabelChars())), T0 + 4_000);
  }

  @Test
  @DisplayName("Students cannot correct the synthesis")
  void studentsAreRefused() {
    f.reject(f.student("g1", 0), new MergeClusters("p1", "a1", "b1"), T0 + 4_000, ErrorCode.FORBIDDEN);
  }

  @Test
  @DisplayName("A card id two groups chose alike cannot be corrected by id")
  void ambiguousIdsAreRefused() {
    f.addCard(f.student("g1", 0), "same", "p1", "하나", T0 + 3_100);
    f.addCard(f.student("g2", 0), "same", "p1", "둘", T0 + 3_200);
    f.reject(INSTRUCTOR, new MergeClusters("p1", "same", "b1"), T0 + 4_000, ErrorCode.CONFLICT);
  }

  @Test
  @DisplayName("Corrections are replayed by a restore, and a retried correction is applied once")
  void correctionsAreRestored() {
    Outcome.Accepted first = (Outcome.Accepted) f.handle(INSTRUCTOR, "fix-1", new MergeClusters("p1", "a1", "b1"),
        T0 + 4_000);
    Workshop w = Workshop.restore(f.workshop.plan(), LIMITS, List.copyOf(f.workshop.seats()), f.written,
        Ids.secure());
    assertThat(w.lastSeqs()).isEqualTo(f.workshop.lastSeqs());
    assertThat(w.handle(INSTRUCTOR, "fix-1", new MergeClusters("p1", "a1", "b1"), T0 + 5_000))
        .isEqualTo(new Outcome.Duplicate(first.ack()));
  }
}
