package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 15 item 3: the history is kept as the messages sent, and a resume replays exactly them. */
@ExtendWith(VertxExtension.class)
@DisplayName("Replay sends the events as they were first sent")
class ReplayAsSentTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("A student resuming after seq 1 gets the same card and clock events, field for field, as the live socket got")
  void replayEqualsLive() throws Exception {
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
}
