package dev.breakout.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Bounded memory: history, retries and loaded workshops, with exact answers from the store")
class BoundedMemoryTest {
  private TestServer server;
  private final List<TestSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    if (server != null) {
      server.close();
    }
  }

  private TestSocket hello(JsonObject hello) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(hello.put("type", "hello"));
    return s;
  }

  /** A started workshop with one student connected; returns {workshopId, joinCode, token, socket}. */
  private Object[] startedWithStudent() throws Exception {
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    TestSocket teacher = hello(new JsonObject().put("token", instructor).put("workshopId", created.getString("id")));
    teacher.awaitType("welcome");
    assertThat(teacher.awaitReply(teacher.op("exercise.start", new JsonObject())).getString("type")).isEqualTo("ack");
    teacher.close();
    JsonObject joined = server.join(created.getString("joinCode"), "지훈");
    TestSocket student = hello(new JsonObject().put("token", joined.getString("token")).put("lastSeq", 0));
    student.awaitType("welcome");
    return new Object[] {created.getString("id"), created.getString("joinCode"), joined.getString("token"), student};
  }

  private static JsonObject card(String id, String text) {
    return new JsonObject().put("cardId", id).put("prompt", "p1").put("text", text);
  }

  private static int cardCount(JsonObject group) {
    JsonObject cards = group.getJsonObject("cards");
    return cards.fieldNames().stream().mapToInt(p -> cards.getJsonArray(p).size()).sum();
  }

  @Test
  @DisplayName("A lastSeq older than the kept history resumes with an exact snapshot; a recent one with the missed events")
  void oldLastSeqGetsASnapshot() throws Exception {
    server = TestServer.start(Vertx.vertx(), Map.of("WORKSHOP_HISTORY_EVENTS", "5"));
    Object[] w = startedWithStudent();
    TestSocket student = (TestSocket) w[3];
    long last = 0;
    for (int i = 0; i < 12; i++) {
      last = student.awaitReply(student.op("card.add", card("c" + i, "답 " + i))).getLong("seq");
    }
    student.close();

    TestSocket old = hello(new JsonObject().put("token", w[2]).put("lastSeq", 2));
    JsonObject welcome = old.awaitType("welcome");
    JsonObject group = welcome.getJsonObject("state").getJsonObject("group");
    assertThat(group.getLong("seq")).isEqualTo(last);
    assertThat(cardCount(group)).isEqualTo(12);
    old.close();

    TestSocket recent = hello(new JsonObject().put("token", w[2]).put("lastSeq", last - 3));
    JsonObject resumed = recent.awaitType("welcome");
    assertThat(resumed.getValue("state")).isNull();
    for (long seq = last - 2; seq <= last; seq++) {
      assertThat(recent.awaitType("event").getLong("seq")).isEqualTo(seq);
    }
  }

  @Test
  @DisplayName("A retry older than the client's retry window is answered with its original ack from the store, not applied twice")
  void oldRetryIsAnsweredFromTheStore() throws Exception {
    server = TestServer.start(Vertx.vertx(), Map.of("WORKSHOP_RETRY_WINDOW", "2"));
    Object[] w = startedWithStudent();
    TestSocket student = (TestSocket) w[3];
    String firstOp = "first-op";
    JsonObject first = card("kept", "처음 카드");
    student.send(first.copy().put("type", "card.add").put("opId", firstOp));
    long firstSeq = student.awaitReply(firstOp).getLong("seq");
    for (int i = 0; i < 6; i++) {
      student.awaitReply(student.op("card.add", card("more" + i, "카드 " + i)));
    }
    String recentOp = student.op("card.edit", new JsonObject().put("cardId", "more5").put("text", "고친 카드"));
    long recentSeq = student.awaitReply(recentOp).getLong("seq");
    student.close();

    TestSocket again = hello(new JsonObject().put("token", w[2]).put("lastSeq", 0));
    JsonObject before = again.awaitType("welcome").getJsonObject("state").getJsonObject("group");
    // The old one: long out of the window, answered from the store with the seq it took then.
    again.send(first.copy().put("type", "card.add").put("opId", firstOp));
    JsonObject oldAck = again.awaitReply(firstOp);
    assertThat(oldAck.getString("type")).isEqualTo("ack");
    assertThat(oldAck.getLong("seq")).isEqualTo(firstSeq);
    // A recent one, still in the window.
    again.send(new JsonObject().put("type", "card.edit").put("opId", recentOp).put("cardId", "more5").put("text", "고친 카드"));
    assertThat(again.awaitReply(recentOp).getLong("seq")).isEqualTo(recentSeq);
    // And a new operation still goes through, after the retries, in order.
    long next = again.awaitReply(again.op("card.add", card("new", "새 카드"))).getLong("seq");
    assertThat(next).isEqualTo(before.getLong("seq") + 1);
    again.close();

    TestSocket check = hello(new JsonObject().put("token", w[2]).put("lastSeq", 0));
    JsonObject group = check.awaitType("welcome").getJsonObject("state").getJsonObject("group");
    assertThat(cardCount(group)).isEqualTo(8);
    assertThat(group.getLong("seq")).isEqualTo(next);
  }

  @Test
  @DisplayName("An idle workshop leaves memory and comes back on demand with everything: join code, list, resume, export")
  void idleWorkshopIsUnloadedAndLoadedAgain() throws Exception {
    server = TestServer.start(Vertx.vertx(), Map.of("WORKSHOP_IDLE_UNLOAD_SECONDS", "1"));
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    JsonObject joined = server.join(created.getString("joinCode"), "서연");
    TestSocket student = hello(new JsonObject().put("token", joined.getString("token")).put("lastSeq", 0));
    student.awaitType("welcome");
    TestSocket teacher = hello(new JsonObject().put("token", instructor).put("workshopId", created.getString("id")));
    teacher.awaitType("welcome");
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    student.awaitReply(student.op("card.add", card("idle-card", "잠든 카드")));
    teacher.awaitReply(teacher.op("workshop.end", new JsonObject()));
    student.close();
    teacher.close();

    await().atMost(Duration.ofSeconds(20)).until(() -> liveWorkshops() == 0);

    JsonArray list = server.get("/api/workshops", instructor).array();
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("phase")).isEqualTo("ended");
    assertThat(list.getJsonObject(0).getInteger("students")).isEqualTo(1);
    // The join code finds it in the store, and loads it.
    assertThat(server.get("/api/join/" + created.getString("joinCode"), null).status()).isEqualTo(200);
    assertThat(liveWorkshops()).isEqualTo(1);
    TestSocket back = hello(new JsonObject().put("token", joined.getString("token")).put("lastSeq", 0));
    assertThat(cardCount(back.awaitType("welcome").getJsonObject("state").getJsonObject("group"))).isEqualTo(1);
    String export = server.get("/api/workshops/" + created.getString("id") + "/export?format=md", instructor).body();
    assertThat(export).contains("잠든 카드");
  }

  private double liveWorkshops() throws Exception {
    HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().metricsPort().orElseThrow()
            + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body().lines().filter(l -> l.startsWith("workshop_live_workshops "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }
}
