package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Exercise;
import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import dev.breakout.server.support.Postgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one PostgreSQL stand for two nodes that both believe they own a workshop (a
 * network partition): the one that loaded it last holds the newer epoch, and the other's appends
 * are refused in the database, whatever the timing.
 */
@DisplayName("Ownership epochs fence a stale owner's appends in the shared database")
class OwnershipFencingTest {
  private static Postgres postgres;
  private final Vertx vertx = Vertx.vertx();
  private final List<JdbcEventStore> stores = new ArrayList<>();
  private final String w = "w-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void database() throws Exception {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @AfterEach
  void close() throws Exception {
    for (JdbcEventStore s : stores) {
      await(s.close());
    }
    await(vertx.close());
  }

  private JdbcEventStore node() throws Exception {
    JdbcEventStore s = await(vertx.executeBlocking(
        () -> JdbcEventStore.open(vertx, postgres.url(), postgres.user(), "", false)));
    stores.add(s);
    return s;
  }

  @Test
  @DisplayName("After another node loads the workshop, the first node's append is refused and nothing of it is written")
  void staleOwnerIsRefused() throws Exception {
    JdbcEventStore a = node();
    JdbcEventStore b = node();
    await(a.createWorkshop(plan()));
    await(a.append(w, List.of(card(1, "A가 먼저")), List.of(seat("s-1"))));

    // b takes the workshop over: it sees what a committed, under a newer epoch.
    EventStore.StoredWorkshop taken = await(b.load(w));
    assertThat(taken.events()).hasSize(1);

    Throwable refused = failure(a.append(w, List.of(card(2, "A의 늦은 쓰기")), List.of(seat("s-2"))));
    assertThat(refused).isInstanceOf(StaleOwnerException.class);
    StaleOwnerException stale = (StaleOwnerException) refused;
    assertThat(stale.epoch()).isEqualTo(1);
    assertThat(stale.current()).isEqualTo(2);
    assertThat(stale.workshopId()).isEqualTo(w);

    // The new owner writes the same seq: the log has one event 2, b's, and no seat from a.
    await(b.append(w, List.of(card(2, "B의 쓰기")), List.of()));
    assertThat(rows("SELECT seq || ':' || epoch FROM events WHERE workshop_id = '" + w + "' ORDER BY id"))
        .containsExactly("1:1", "2:2");
    assertThat(rows("SELECT student_id FROM seats WHERE workshop_id = '" + w + "'")).containsExactly("s-1");
    assertThat(texts(await(b.load(w)))).containsExactly("A가 먼저", "B의 쓰기");
  }

  @Test
  @DisplayName("A refused append does not take others of the same batch down, and the old owner may take the workshop back")
  void refusalIsPerWorkshopAndOwnershipCanReturn() throws Exception {
    JdbcEventStore a = node();
    JdbcEventStore b = node();
    String other = w + "-x";
    await(a.createWorkshop(plan()));
    await(a.createWorkshop(plan(other)));
    await(b.load(w));

    // Sent together, so that they are likely to share a batch; each is judged by its own epoch.
    Future<Void> stale = a.append(w, List.of(card(1, "낡은")), List.of());
    Future<Void> fresh = a.append(other, List.of(card(1, "다른 워크숍")), List.of());
    assertThat(failure(stale)).isInstanceOf(StaleOwnerException.class);
    await(fresh);

    // a takes it back (epoch 3); now b is the stale one.
    await(a.load(w));
    await(a.append(w, List.of(card(1, "되찾은")), List.of()));
    assertThat(failure(b.append(w, List.of(card(2, "B는 이제 낡음")), List.of())))
        .isInstanceOf(StaleOwnerException.class);
    assertThat(rows("SELECT seq || ':' || epoch FROM events WHERE workshop_id = '" + w + "' ORDER BY id"))
        .containsExactly("1:3");
    assertThat(rows("SELECT epoch FROM workshop_owner WHERE workshop_id = '" + w + "'")).containsExactly("3");
  }

  @Test
  @DisplayName("Appends racing a take-over: exactly those the new owner loaded were accepted, every later one is refused")
  void takeOverDuringAppends() throws Exception {
    JdbcEventStore a = node();
    JdbcEventStore b = node();
    await(a.createWorkshop(plan()));
    // a writes one append after another, as a busy owner does; b takes over in the middle.
    Future<EventStore.StoredWorkshop> takeOver = null;
    int accepted = 0;
    Throwable refused = null;
    for (int seq = 1; seq <= 2_000 && refused == null; seq++) {
      Future<Void> append = a.append(w, List.of(card(seq, "경주 " + seq)), List.of());
      if (seq == 20) {
        takeOver = b.load(w);
      }
      try {
        await(append);
        accepted++;
      } catch (ExecutionException e) {
        refused = e.getCause();
      }
    }
    EventStore.StoredWorkshop loaded = await(takeOver);
    assertThat(refused).isInstanceOf(StaleOwnerException.class);
    // What a was told is kept is exactly what b loaded; nothing was written after it.
    assertThat(loaded.events()).hasSize(accepted);
    assertThat(rows("SELECT COUNT(*) FROM events WHERE workshop_id = '" + w + "'"))
        .containsExactly(String.valueOf(accepted));
    System.out.printf("fencing race: %d appends accepted before the take-over, the next one refused%n", accepted);
  }

  @Test
  @DisplayName("A store that never acquired the workshop cannot append to it")
  void appendWithoutAcquiringIsRefused() throws Exception {
    JdbcEventStore a = node();
    JdbcEventStore b = node();
    await(a.createWorkshop(plan()));
    assertThat(failure(b.append(w, List.of(card(1, "몰래")), List.of()))).isInstanceOf(StaleOwnerException.class);
    assertThat(rows("SELECT seq FROM events WHERE workshop_id = '" + w + "'")).isEmpty();
  }

  @Test
  @DisplayName("A workshop stored before fencing existed gets its first epoch when it is loaded")
  void legacyWorkshopGetsAnEpoch() throws Exception {
    JdbcEventStore a = node();
    await(a.createWorkshop(plan()));
    execute("DELETE FROM workshop_owner WHERE workshop_id = '" + w + "'");
    JdbcEventStore b = node();
    await(b.load(w));
    await(b.append(w, List.of(card(1, "옛 워크숍")), List.of()));
    assertThat(rows("SELECT epoch FROM workshop_owner WHERE workshop_id = '" + w + "'")).containsExactly("1");
    await(b.deleteWorkshop(w));
    assertThat(rows("SELECT epoch FROM workshop_owner WHERE workshop_id = '" + w + "'")).isEmpty();
  }

  // ------------------------------------------------------------------ helpers

  private List<String> rows(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private void execute(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), "");
         Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Throwable failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the append was accepted");
  }

  private static List<String> texts(EventStore.StoredWorkshop stored) {
    return stored.events().stream().map(l -> ((Event.CardAdded) l.event()).card().text()).toList();
  }

  private static Seat seat(String id) {
    return new Seat(id, "김하나", "g1", "key-" + id);
  }

  private static Logged card(long seq, String text) {
    Card card = new Card("c" + seq, "p1", text, null, "s-1", "김하나", 1, false, seq, seq);
    return new Logged("g1", seq, 1_000 + seq, "s-1", "op-" + seq, new Event.CardAdded(card));
  }

  private WorkshopPlan plan() {
    return plan(w);
  }

  private static WorkshopPlan plan(String id) {
    return new WorkshopPlan(id, "s", "s", "e", "", List.of(), "000000",
        List.of(new WorkshopPlan.GroupInfo("g1", "1조")), false,
        List.of(new Exercise.Prompt("p1", "q", Exercise.PromptKind.LIST)), List.of(), 0, 0, 0);
  }
}
