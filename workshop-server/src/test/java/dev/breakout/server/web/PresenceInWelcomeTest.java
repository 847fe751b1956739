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

/** Issue 15 item 4: an instructor's welcome carries every group's presence, in one message. */
@ExtendWith(VertxExtension.class)
@DisplayName("Presence inside an instructor's welcome")
class PresenceInWelcomeTest {
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
  @DisplayName("A dashboard's welcome lists who is online in each of 30 groups; no presence message per group follows")
  void welcomeCarriesEveryGroupsPresence() throws Exception {
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 30));
    String workshopId = created.getString("id");
    JsonObject ana = server.join(created.getString("joinCode"), "아나");
    try (TestSocket student = server.socket()) {
      student.send(new JsonObject().put("type", "hello").put("token", ana.getString("token")));
      JsonObject own = student.awaitType("presence");
      assertThat(own.getJsonArray("online").getList()).containsExactly(ana.getString("studentId"));

      try (TestSocket dashboard = server.socket()) {
        dashboard.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
        JsonObject welcome = dashboard.awaitType("welcome");
        JsonObject presence = welcome.getJsonObject("presence");
        assertThat(presence.size()).isEqualTo(30);
        assertThat(presence.fieldNames()).first().isEqualTo("g1");
        String anasGroup = ana.getString("groupId");
        presence.forEach(e -> assertThat(((JsonArray) e.getValue()).getList())
            .isEqualTo(e.getKey().equals(anasGroup) ? java.util.List.of(ana.getString("studentId")) : java.util.List.of()));

        // The next message after the welcome is the answer to a ping, not 30 presence messages.
        dashboard.send(new JsonObject().put("type", "ping"));
        dashboard.awaitType("pong");
        assertThat(dashboard.seen().stream().map(m -> m.getString("type"))).containsExactly("welcome", "pong");

        // A change still comes as a presence message, to the dashboard too.
        student.close();
        JsonObject left = dashboard.awaitType("presence");
        assertThat(left.getString("groupId")).isEqualTo(anasGroup);
        assertThat(left.getJsonArray("online")).isEmpty();
      }
    }
  }
}
