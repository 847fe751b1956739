package dev.breakout.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Several event loops: each workshop on one, its order and acks as on a single loop")
class SeveralEventLoopsTest {
  private static final int CARDS = 40;
  private final Vertx vertx = Vertx.vertx();
  private TestServer server;
  private final List<TestSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    if (server != null) {
      server.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The thread a context runs its tasks on. */
  static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(10, TimeUnit.SECONDS);
  }

  private TestSocket hello(JsonObject hello) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(hello.put("type", "hello"));
    s.awaitType("welcome");
    return s;
  }

  @Test
  @DisplayName("The loops asked for are contexts on as many distinct threads, the registry's first")
  void loopsAreDistinctThreads() throws Exception {
    Context first = vertx.getOrCreateContext();
    List<Context> three = EventLoops.contexts(vertx, first, 3);
    assertThat(three).hasSize(3).startsWith(first);
    Set<Thread> threads = new HashSet<>();
    for (Context c : three) {
      threads.add(threadOf(c));
    }
    assertThat(threads).hasSize(3);
    assertThat(EventLoops.contexts(vertx, first, 1)).containsExactly(first);
  }

  @Test
  @DisplayName("Two workshops on two loops, written at once: each on its own thread, with its own acks and events in order")
  void twoWorkshopsOnTwoLoops() throws Exception {
    server = TestServer.start(vertx, Map.of("WORKSHOP_EVENT_LOOPS", "2", "WORKSHOP_OPS_PER_SECOND", "1000",
        "WORKSHOP_OPS_BURST", "1000"));
    String instructor = server.instructorToken();
    JsonObject a = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    JsonObject b = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    Workshops workshops = server.server().workshops();
    assertThat(workshops.loops()).hasSize(2);
    Context contextA = workshops.contextOf(a.getString("id")).orElseThrow();
    Context contextB = workshops.contextOf(b.getString("id")).orElseThrow();
    assertThat(contextA).isNotSameAs(contextB);
    assertThat(threadOf(contextA)).isNotSameAs(threadOf(contextB));

    TestSocket teacherA = hello(new JsonObject().put("token", instructor).put("workshopId", a.getString("id")));
    TestSocket teacherB = hello(new JsonObject().put("token", instructor).put("workshopId", b.getString("id")));
    teacherA.awaitReply(teacherA.op("exercise.start", new JsonObject()));
    teacherB.awaitReply(teacherB.op("exercise.start", new JsonObject()));
    TestSocket studentA = hello(new JsonObject().put("token", server.join(a.getString("joinCode"), "가람")
        .getString("token")).put("lastSeq", 0));
    TestSocket studentB = hello(new JsonObject().put("token", server.join(b.getString("joinCode"), "나래")
        .getString("token")).put("lastSeq", 0));

    // Both workshops' writes are in flight together: nobody waits for an ack before sending on.
    for (int i = 0; i < CARDS; i++) {
      studentA.send(card("a", i));
      studentB.send(card("b", i));
    }
    assertServedInOrder(studentA, teacherA, "a");
    assertServedInOrder(studentB, teacherB, "b");
    // Each workshop stayed where it was loaded.
    assertThat(workshops.contextOf(a.getString("id"))).containsSame(contextA);
    assertThat(workshops.contextOf(b.getString("id"))).containsSame(contextB);

    // And what was acknowledged is what a fresh client of each workshop sees.
    for (JsonObject w : List.of(a, b)) {
      JsonObject state = server.get("/api/workshops/" + w.getString("id"), instructor).json();
      assertThat(state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p1"))
          .hasSize(CARDS);
    }
  }

  private static JsonObject card(String prefix, int i) {
    return new JsonObject().put("type", "card.add").put("opId", prefix + "-op-" + i).put("cardId", prefix + i)
        .put("prompt", "p1").put("text", prefix + " 카드 " + i);
  }

  /**
   * Every operation acknowledged in the order sent, with rising seqs; each ack after the event it
   * acknowledges; the instructor sees this workshop's cards, in that order and no other's.
   */
  private static void assertServedInOrder(TestSocket student, TestSocket teacher, String prefix) throws Exception {
    long previous = 0;
    for (int i = 0; i < CARDS; i++) {
      JsonObject ack = student.awaitReply(prefix + "-op-" + i);
      assertThat(ack.getString("type")).isEqualTo("ack");
      assertThat(ack.getLong("seq")).isGreaterThan(previous);
      previous = ack.getLong("seq");
    }
    List<JsonObject> seen = student.seen();
    for (int i = 0; i < CARDS; i++) {
      String cardId = prefix + i;
      String opId = prefix + "-op-" + i;
      int event = indexOf(seen, m -> "event".equals(m.getString("type"))
          && cardId.equals(cardOf(m)));
      int ack = indexOf(seen, m -> opId.equals(m.getString("opId")));
      assertThat(event).as("event of %s", cardId).isNotNegative().isLessThan(ack);
      assertThat(seen.get(event).getLong("seq")).isEqualTo(seen.get(ack).getLong("seq"));
    }
    List<String> teacherCards = new ArrayList<>();
    long lastSeq = 0;
    for (int i = 0; i < CARDS; i++) {
      JsonObject event = teacher.awaitEvent("card.added");
      assertThat(event.getLong("seq")).isGreaterThan(lastSeq);
      lastSeq = event.getLong("seq");
      teacherCards.add(cardOf(event));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < CARDS; i++) {
      expected.add(prefix + i);
    }
    assertThat(teacherCards).isEqualTo(expected);
  }

  private static String cardOf(JsonObject message) {
    JsonObject event = message.getJsonObject("event");
    JsonObject card = event == null ? null : event.getJsonObject("card");
    return card == null ? null : card.getString("cardId");
  }

  private static int indexOf(List<JsonObject> messages, java.util.function.Predicate<JsonObject> match) {
    for (int i = 0; i < messages.size(); i++) {
      if (match.test(messages.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
