package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The presentation handover over HTTP and WebSockets (decision 010)")
class PresentationHandoverTest {
  private TestServer server;
  private String instructor;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    instructor = server.instructorToken();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static JsonObject clockOf(JsonObject eventMessage) {
    return eventMessage.getJsonObject("event").getJsonObject("clock");
  }

  @Test
  @DisplayName("A named workshop lists its name and its handover options; by default the instructor starts and paces")
  void nameAndDefaults() {
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("name", "  3반 · 11월 27일 ")
        .put("timeZone", "Asia/Seoul"));
    JsonArray list = server.get("/api/workshops", instructor).array();
    assertThat(list.getJsonObject(0).getString("name")).isEqualTo("3반 · 11월 27일");

    JsonObject workshop = server.get("/api/workshops/" + created.getString("id"), instructor).json()
        .getJsonObject("workshop");
    assertThat(workshop.getString("name")).isEqualTo("3반 · 11월 27일");
    assertThat(workshop.getString("timeZone")).isEqualTo("Asia/Seoul");
    assertThat(workshop.getJsonObject("presentation")).isEqualTo(new JsonObject().put("start", "instructor")
        .put("prepSeconds", 0L).put("pacing", "presenter").put("presenterAdvances", false)
        .put("lateGroups", "last"));
  }

  @Test
  @DisplayName("Bad handover options, names or zones are refused with a message naming the field, and create nothing")
  void badOptions() {
    for (JsonObject bad : new JsonObject[] {
        new JsonObject().put("presentation", new JsonObject().put("pacing", "fast")),
        new JsonObject().put("presentation", new JsonObject().put("prepSeconds", 601)),
        new JsonObject().put("presentation", "timed"),
        new JsonObject().put("name", "x".repeat(81)),
        new JsonObject().put("timeZone", "Mars/Olympus")}) {
      TestServer.Response r = server.post("/api/workshops", new JsonObject().put("sessionId", "week1-day1-session7")
          .put("groups", 2).mergeIn(bad), instructor);
      assertThat(r.status()).as(bad.encode()).isEqualTo(400);
      assertThat(r.body()).as(bad.encode()).contains("must");
    }
    assertThat(server.get("/api/workshops", instructor).array()).isEmpty();
  }

  @Test
  @DisplayName("Discussion over, ready; the instructor starts; the presenting group moves on itself; the last next ends")
  void presenterPacedFlow() throws Exception {
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("discussionSeconds", 300)
        .put("presentation", new JsonObject().put("presenterAdvances", true)));
    JsonObject a = server.join(created.getString("joinCode"), "하늘");
    JsonObject b = server.join(created.getString("joinCode"), "바다");
    try (TestSocket teacher = server.socket(); TestSocket sa = server.socket(); TestSocket sb = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor)
          .put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      sa.send(new JsonObject().put("type", "hello").put("token", a.getString("token")));
      sb.send(new JsonObject().put("type", "hello").put("token", b.getString("token")));
      sa.awaitType("welcome");
      sb.awaitType("welcome");

      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      teacher.awaitReply(teacher.op("phase.next", new JsonObject()));
      JsonObject ready = clockOf(sb.await(m -> "event".equals(m.getString("type"))
          && "phase.changed".equals(m.getJsonObject("event").getString("type"))
          && clockOf(m).getInteger("phaseIndex") == 1));
      assertThat(ready.getString("stage")).isEqualTo("ready");
      assertThat(ready.containsKey("slot")).isFalse();

      String early = sa.op("presentation.start", new JsonObject());
      assertThat(sa.awaitReply(early).getString("code")).isEqualTo("forbidden");
      teacher.awaitReply(teacher.op("presentation.start", new JsonObject()));
      JsonObject started = sb.awaitEvent("presentation.started");
      assertThat(clockOf(started).getString("stage")).isEqualTo("presenting");
      assertThat(sb.awaitEvent("spotlight.changed").getJsonObject("event").getString("groupId")).isEqualTo("g1");

      String notMine = sb.op("presentation.next", new JsonObject());
      assertThat(sb.awaitReply(notMine).getString("code")).isEqualTo("forbidden");
      String mine = sa.op("presentation.next", new JsonObject());
      assertThat(sa.awaitReply(mine).getString("type")).isEqualTo("ack");
      JsonObject second = sb.await(m -> "event".equals(m.getString("type"))
          && "spotlight.changed".equals(m.getJsonObject("event").getString("type"))
          && "g2".equals(m.getJsonObject("event").getString("groupId")));
      assertThat(clockOf(second).getJsonObject("slot").getInteger("index")).isEqualTo(1);

      String stale = teacher.op("presentation.next", new JsonObject().put("from", "g1"));
      assertThat(teacher.awaitReply(stale).getString("code")).isEqualTo("conflict");
      teacher.awaitReply(teacher.op("presentation.next", new JsonObject().put("from", "g2")));
      JsonObject ended = sa.await(m -> "event".equals(m.getString("type"))
          && "phase.changed".equals(m.getJsonObject("event").getString("type"))
          && "ended".equals(clockOf(m).getString("kind")));
      assertThat(ended).isNotNull();
    }
  }
}
