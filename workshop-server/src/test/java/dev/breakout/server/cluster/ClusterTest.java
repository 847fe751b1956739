package dev.breakout.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.Postgres;
import dev.breakout.server.support.ResilientStudent;
import dev.breakout.server.support.TestCluster;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("In-process clusters on loopback")
class ClusterTest {
  private static Postgres postgres;
  private TestCluster cluster;
  private final List<TestSocket> sockets = new ArrayList<>();

  @BeforeAll
  static void database() throws Exception {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @AfterEach
  void stopCluster() {
    sockets.forEach(TestSocket::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  private ApiClient api(int node) {
    return new ApiClient(cluster.node(node).cluster().vertx(), cluster.node(node).port());
  }

  private TestSocket hello(int node, JsonObject hello) throws Exception {
    TestSocket s = api(node).socket();
    sockets.add(s);
    s.send(hello.put("type", "hello"));
    s.awaitType("welcome");
    return s;
  }

  @Test
  @DisplayName("Students of one group on different nodes see each other; an instructor on a third node sees all")
  void fanOutAcrossNodes() throws Exception {
    cluster = new TestCluster(postgres).start(3);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 1));
    String code = created.getString("joinCode");
    JsonObject a = api(1).join(code, "노드하나");
    JsonObject b = api(2).join(code, "노드둘");
    // A token from one node works on every node.
    TestSocket sa = hello(1, new JsonObject().put("token", a.getString("token")));
    TestSocket sb = hello(2, new JsonObject().put("token", b.getString("token")));
    TestSocket teacher = hello(2, new JsonObject().put("token", instructor).put("workshopId", created.getString("id")));

    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    long endsAtA = sa.awaitEvent("phase.changed").getJsonObject("event").getJsonObject("clock").getLong("endsAt");
    long endsAtB = sb.awaitEvent("phase.changed").getJsonObject("event").getJsonObject("clock").getLong("endsAt");
    assertThat(endsAtA).isEqualTo(endsAtB);

    String op = sa.op("card.add", new JsonObject().put("cardId", "x1").put("prompt", "p1").put("text", "노드 간 카드"));
    assertThat(sa.awaitReply(op).getString("type")).isEqualTo("ack");
    assertThat(sb.awaitEvent("card.added").getJsonObject("event").getJsonObject("card").getString("text"))
        .isEqualTo("노드 간 카드");
    assertThat(teacher.awaitEvent("card.added").getString("groupId")).isEqualTo("g1");

    // Every node answers for every workshop.
    List<String> fromNode1 = api(1).get("/api/workshops", instructor).array().stream()
        .map(w -> ((JsonObject) w).getString("id")).sorted().toList();
    List<String> fromNode0 = api(0).get("/api/workshops", instructor).array().stream()
        .map(w -> ((JsonObject) w).getString("id")).sorted().toList();
    assertThat(fromNode1).contains(created.getString("id")).isEqualTo(fromNode0);
    assertThat(api(2).get("/api/workshops/" + created.getString("id"), instructor).json()
        .getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p1")).hasSize(1);
  }

  @Test
  @DisplayName("An event for several clients on one edge node crosses the cluster as one event-bus message")
  void oneRelayMessagePerEdge() throws Exception {
    cluster = new TestCluster(postgres).start(2);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 1));
    String code = created.getString("joinCode");
    // Node 0 created the workshop and owns it; every client is on node 1, so all are relayed.
    List<TestSocket> students = new ArrayList<>();
    for (String name : List.of("하나", "둘", "셋")) {
      students.add(hello(1, new JsonObject().put("token", api(1).join(code, name).getString("token"))));
    }
    TestSocket teacher = hello(1, new JsonObject().put("token", instructor).put("workshopId", created.getString("id")));
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    List<JsonObject> relayed = new java.util.concurrent.CopyOnWriteArrayList<>();
    cluster.node(0).cluster().vertx().eventBus().addOutboundInterceptor(delivery -> {
      // DeliveryContext.body(): on a clustered send the message itself holds no decoded body.
      if (delivery.message().address().endsWith(".out") && delivery.body() instanceof JsonObject m
          && m.getString("text", "").contains("card.added")) {
        relayed.add(m);
      }
      delivery.next();
    });

    TestSocket author = students.get(0);
    String op = author.op("card.add", new JsonObject().put("cardId", "one").put("prompt", "p1").put("text", "한 번만"));
    author.awaitReply(op);
    for (TestSocket s : List.of(students.get(0), students.get(1), students.get(2), teacher)) {
      assertThat(s.awaitEvent("card.added").getJsonObject("event").getJsonObject("card").getString("text"))
          .isEqualTo("한 번만");
    }

    // Every recipient has its copy, so every message that carried one was sent before this point.
    assertThat(relayed).hasSize(1);
    assertThat(relayed.get(0).getJsonArray("ids")).hasSize(4);
  }

  @Test
  @DisplayName("When the owning node stops, clients reconnect elsewhere, resume, and nothing acknowledged is lost")
  void ownerLossIsSurvived() throws Exception {
    cluster = new TestCluster(postgres).start(3);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 1));
    String workshopId = created.getString("id");
    JsonObject a = api(1).join(created.getString("joinCode"), "살아남기");
    TestSocket sa = hello(1, new JsonObject().put("token", a.getString("token")));
    TestSocket teacher = hello(2, new JsonObject().put("token", instructor).put("workshopId", workshopId));
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    long endsAt = sa.awaitEvent("phase.changed").getJsonObject("event").getJsonObject("clock").getLong("endsAt");
    for (int i = 0; i < 20; i++) {
      sa.send(new JsonObject().put("type", "card.add").put("opId", "o" + i).put("cardId", "c" + i)
          .put("prompt", "p2").put("text", "카드 " + i));
    }
    long lastSeq = 0;
    for (int i = 0; i < 20; i++) {
      lastSeq = sa.awaitReply("o" + i).getLong("seq");
    }

    long stoppedAt = System.nanoTime();
    cluster.stop(0);
    assertThat(sa.awaitClose()).isEqualTo((short) 1012);
    teacher.awaitClose();

    TestSocket back = hello(2, new JsonObject().put("token", a.getString("token")).put("lastSeq", lastSeq));
    JsonObject state = api(1).get("/api/workshops/" + workshopId, instructor).json();
    long convergedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
    assertThat(state.getJsonObject("clock").getLong("endsAt")).isEqualTo(endsAt);
    assertThat(state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p2")).hasSize(20);
    // A retry of an acknowledged operation is not applied twice on the new owner.
    back.send(new JsonObject().put("type", "card.add").put("opId", "o19").put("cardId", "c19").put("prompt", "p2")
        .put("text", "카드 19"));
    assertThat(back.awaitReply("o19").getLong("seq")).isEqualTo(lastSeq);
    String after = back.op("card.add", new JsonObject().put("cardId", "after").put("prompt", "p1").put("text", "계속"));
    assertThat(back.awaitReply(after).getLong("seq")).isEqualTo(lastSeq + 1);
    System.out.println("cluster take-over: state served by a survivor " + convergedMs + " ms after the owner stopped");
  }

  @Test
  @DisplayName("With two event loops per node, workshops on both loops of the owner hand over to a survivor's two loops; nothing acknowledged is lost")
  void takeOverWithSeveralLoops() throws Exception {
    cluster = new TestCluster(postgres).with("WORKSHOP_EVENT_LOOPS", "2").start(3);
    String instructor = api(0).instructorToken();
    List<String> ids = new ArrayList<>();
    List<JsonObject> students = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 1));
      ids.add(created.getString("id"));
      students.add(api(1).join(created.getString("joinCode"), "학생" + w));
    }
    assertOnTwoLoops(0, ids);
    // Every client on node 1: each workshop's fan-out leaves its own loop of node 0 for the relay.
    List<TestSocket> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      TestSocket teacher = hello(1, new JsonObject().put("token", instructor).put("workshopId", ids.get(w)));
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      writers.add(hello(1, new JsonObject().put("token", students.get(w).getString("token"))));
    }
    for (int i = 0; i < 15; i++) {
      for (int w = 0; w < 2; w++) {
        writers.get(w).send(new JsonObject().put("type", "card.add").put("opId", "w" + w + "-" + i)
            .put("cardId", "c" + i).put("prompt", "p1").put("text", "카드 " + w + "-" + i));
      }
    }
    long[] lastSeq = new long[2];
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < 15; i++) {
        long seq = writers.get(w).awaitReply("w" + w + "-" + i).getLong("seq");
        assertThat(seq).isGreaterThan(lastSeq[w]);
        lastSeq[w] = seq;
      }
    }

    cluster.stop(0);
    for (TestSocket writer : writers) {
      assertThat(writer.awaitClose()).isEqualTo((short) 1012);
    }
    // Both come back through node 2, which loads each workshop on demand, one per loop.
    List<TestSocket> back = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      back.add(hello(2, new JsonObject().put("token", students.get(w).getString("token"))
          .put("lastSeq", lastSeq[w])));
    }
    assertOnTwoLoops(2, ids);
    for (int w = 0; w < 2; w++) {
      TestSocket s = back.get(w);
      // A retry of the last acknowledged operation is answered with its seq, not applied again.
      s.send(new JsonObject().put("type", "card.add").put("opId", "w" + w + "-14").put("cardId", "c14")
          .put("prompt", "p1").put("text", "카드 " + w + "-14"));
      assertThat(s.awaitReply("w" + w + "-14").getLong("seq")).isEqualTo(lastSeq[w]);
      String after = s.op("card.add", new JsonObject().put("cardId", "after").put("prompt", "p1").put("text", "계속"));
      assertThat(s.awaitReply(after).getLong("seq")).isEqualTo(lastSeq[w] + 1);
      JsonObject state = api(1).get("/api/workshops/" + ids.get(w), instructor).json();
      assertThat(state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p1")).hasSize(16);
    }
  }

  /** The node holds both workshops, on two contexts running on two threads. */
  private void assertOnTwoLoops(int node, List<String> ids) throws Exception {
    var workshops = cluster.node(node).server().workshops();
    io.vertx.core.Context first = workshops.contextOf(ids.get(0)).orElseThrow();
    io.vertx.core.Context second = workshops.contextOf(ids.get(1)).orElseThrow();
    assertThat(first).isNotSameAs(second);
    assertThat(threadOf(first)).isNotSameAs(threadOf(second));
  }

  private static Thread threadOf(io.vertx.core.Context context) throws Exception {
    java.util.concurrent.CompletableFuture<Thread> thread = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("On two nodes the clock reads the same everywhere and each phase change happens exactly once")
  void phasesChangeOnce() throws Exception {
    cluster = new TestCluster(postgres).start(2);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 2)
        .put("discussionSeconds", 2).put("presentationSeconds", 2).put("warningSeconds", 1).put("graceSeconds", 1)
        // The clock runs the whole exercise by itself: the timed handover (decision 010).
        .put("presentation", new JsonObject().put("start", "countdown").put("pacing", "timed")));
    String workshopId = created.getString("id");
    JsonObject a = api(0).join(created.getString("joinCode"), "하나");
    JsonObject b = api(1).join(created.getString("joinCode"), "둘");
    TestSocket sa = hello(0, new JsonObject().put("token", a.getString("token")));
    TestSocket sb = hello(1, new JsonObject().put("token", b.getString("token")));
    TestSocket teacher = hello(1, new JsonObject().put("token", instructor).put("workshopId", workshopId));
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    for (TestSocket s : List.of(sa, sb)) {
      s.await(m -> "event".equals(m.getString("type")) && "phase.changed".equals(m.getJsonObject("event")
          .getString("type")) && "ended".equals(m.getJsonObject("event").getJsonObject("clock").getString("phase")));
    }
    List<Long> endsAt = new ArrayList<>();
    for (TestSocket s : List.of(sa, sb)) {
      endsAt.add(s.seen().stream().filter(m -> "event".equals(m.getString("type"))
              && "phase.changed".equals(m.getJsonObject("event").getString("type")))
          .findFirst().orElseThrow().getJsonObject("event").getJsonObject("clock").getLong("endsAt"));
    }
    assertThat(endsAt.get(0)).isEqualTo(endsAt.get(1));
    JsonObject export = new JsonObject(api(1).get("/api/workshops/" + workshopId + "/export?format=json",
        instructor).body());
    for (Object g : export.getJsonArray("groups")) {
      List<String> phases = ((JsonObject) g).getJsonArray("log").stream().map(e -> ((JsonObject) e)
              .getJsonObject("event"))
          .filter(e -> "phase.changed".equals(e.getString("type")))
          .map(e -> e.getJsonObject("clock").getString("phase")).toList();
      assertThat(phases).containsExactly("phase1", "phase2", "ended");
    }
  }

  @Test
  @DisplayName("A rolling restart of every node under load loses no acknowledged edit and applies none twice")
  void rollingRestart() throws Exception {
    cluster = new TestCluster(postgres).start(3);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 3));
    String workshopId = created.getString("id");
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    List<ResilientStudent> students = new ArrayList<>();
    List<java.util.concurrent.CompletableFuture<Void>> writers = new ArrayList<>();
    TestSocket teacher = hello(1, new JsonObject().put("token", instructor).put("workshopId", workshopId));
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    // The clients' own Vert.x: the nodes' instances stop during the test.
    io.vertx.core.Vertx clients = io.vertx.core.Vertx.vertx();
    for (int i = 0; i < 3; i++) {
      ResilientStudent s = new ResilientStudent(clients,
          api(i).join(created.getString("joinCode"), "롤링" + i),
          () -> cluster.node(Math.floorMod(next.getAndIncrement(), 3)).port());
      students.add(s);
      int n = i;
      writers.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          s.apply(new JsonObject().put("type", "card.add").put("opId", "add-" + n).put("cardId", "r" + n)
              .put("prompt", "p1").put("text", "시작"));
          // Edits, not adds: a group holds at most 400 cards, and a card's version counts every
          // edit applied, so it shows both a lost and a doubled edit.
          for (int k = 0; writing.get() || k < 5; k++) {
            s.apply(new JsonObject().put("type", "card.edit").put("opId", "edit-" + n + "-" + k)
                .put("cardId", "r" + n).put("text", "편집 " + k));
          }
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      }));
    }
    for (int i = 0; i < 3; i++) {
      cluster.restart(i);
    }
    writing.set(false);
    java.util.concurrent.CompletableFuture.allOf(writers.toArray(new java.util.concurrent.CompletableFuture[0]))
        .get(120, java.util.concurrent.TimeUnit.SECONDS);
    students.forEach(ResilientStudent::close);
    clients.close();

    JsonObject export = new JsonObject(api(2).get("/api/workshops/" + workshopId + "/export?format=json",
        instructor).body());
    int edits = 0;
    for (int n = 0; n < 3; n++) {
      ResilientStudent s = students.get(n);
      long ackedEdits = s.acked().stream().filter(op -> op.startsWith("edit-")).count();
      edits += (int) ackedEdits;
      String cardId = "r" + n;
      JsonObject card = export.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getJsonObject("cards")
              .getJsonArray("p1")).flatMap(a -> a.stream()).map(c -> (JsonObject) c)
          .filter(c -> cardId.equals(c.getString("cardId"))).findFirst().orElseThrow();
      assertThat(card.getInteger("version")).as("edits applied to %s", cardId).isEqualTo(1 + ackedEdits);
      assertThat(card.getString("text")).isEqualTo("편집 " + (ackedEdits - 1));
    }
    System.out.println("rolling restart: " + edits + " edits acknowledged, reconnects "
        + students.stream().map(ResilientStudent::reconnects).toList());
  }
}
