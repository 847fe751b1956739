package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 15 item 3: the history is kept as the messages sent, and a resume replays exactly them. */
@ExtendWith(VertxExtension.class)
@DisplayName("Replay sends the events as they were first sent")
class ReplayAsSentTest {
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("A student resuming after seq 1 gets the same card and clock events, field for field, as the live socket got")
  void replayEqualsLive() throws Exception {
    server = TestServer.start(Vertx.vertx());
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    JsonObject mina = server.join(created.getString("joinCode"), "미나");
    List<JsonObject> live;
    try (TestSocket teacher = server.socket(); TestSocket phone = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      phone.send(new JsonObject().put("type", "hello").put("token", mina.getString("token")));
      phone.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      phone.awaitEvent("phase.changed");
      phone.awaitReply(phone.op("card.add", new JsonObject().put("cardId", "c1").put("prompt", "p1").put("text", "첫 생각")));
      teacher.awaitReply(teacher.op("clock.pause", new JsonObject()));
      phone.awaitEvent("clock.paused");
      live = phone.seen().stream().filter(m -> "event".equals(m.getString("type")) && m.getLong("seq") > 1).toList();
    }
    assertThat(live).extracting(m -> m.getJsonObject("event").getString("type"))
        .containsExactly("phase.changed", "card.added", "clock.paused");

    try (TestSocket back = server.socket()) {
      back.send(new JsonObject().put("type", "hello").put("token", mina.getString("token")).put("lastSeq", 1));
      assertThat(back.awaitType("welcome").getValue("state")).isNull();
      for (int i = 0; i < live.size(); i++) {
        back.awaitEvent(live.get(i).getJsonObject("event").getString("type"));
      }
      List<JsonObject> replayed = back.seen().stream().filter(m -> "event".equals(m.getString("type"))).toList();
      assertThat(replayed).isEqualTo(live);
    }
  }

  @Test
  @DisplayName("A workshop loaded again from the store keeps its newest 3 events per group: lastSeq within them replays, older gets a snapshot")
  void reloadedHistoryKeepsTheNewest() throws Exception {
    server = TestServer.start(Vertx.vertx(), java.util.Map.of("WORKSHOP_HISTORY_EVENTS", "3",
        "WORKSHOP_IDLE_UNLOAD_SECONDS", "1"));
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    JsonObject mina = server.join(created.getString("joinCode"), "미나");
    try (TestSocket teacher = server.socket(); TestSocket phone = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      phone.send(new JsonObject().put("type", "hello").put("token", mina.getString("token")));
      phone.awaitType("welcome");
      for (int i = 1; i <= 5; i++) {
        phone.awaitReply(phone.op("card.add", new JsonObject().put("cardId", "c" + i).put("prompt", "p1").put("text", "생각 " + i)));
      }
      teacher.awaitReply(teacher.op("workshop.end", new JsonObject()));
    }
    // Seqs: 1 joined, 2 phase.changed, 3-7 the cards, 8 workshop.ended. Unloaded once idle.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> liveWorkshops() == 0);

    try (TestSocket recent = server.socket()) {
      recent.send(new JsonObject().put("type", "hello").put("token", mina.getString("token")).put("lastSeq", 5));
      assertThat(recent.awaitType("welcome").getValue("state")).isNull();
      recent.awaitEvent("workshop.ended");
      assertThat(recent.seen().stream().filter(m -> "event".equals(m.getString("type"))).map(m -> m.getLong("seq")))
          .containsExactly(6L, 7L, 8L);
    }
    try (TestSocket old = server.socket()) {
      old.send(new JsonObject().put("type", "hello").put("token", mina.getString("token")).put("lastSeq", 4));
      JsonObject group = old.awaitType("welcome").getJsonObject("state").getJsonObject("group");
      assertThat(group.getLong("seq")).isEqualTo(8L);
      assertThat(group.getJsonObject("cards").getJsonArray("p1")).hasSize(5);
    }
  }

  private double liveWorkshops() throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
            + server.server().metricsPort().orElseThrow() + "/metrics")).timeout(java.time.Duration.ofSeconds(10)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    return r.body().lines().filter(l -> l.startsWith("workshop_live_workshops "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }
}
