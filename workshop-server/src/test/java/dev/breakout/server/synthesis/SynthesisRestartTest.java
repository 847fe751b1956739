package dev.breakout.server.synthesis;

import static dev.breakout.server.synthesis.Classroom.cardIds;
import static dev.breakout.server.synthesis.Classroom.clusterOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The instructor's corrections of the synthesis are kept")
class SynthesisRestartTest {

  @Test
  @DisplayName("A merge and a rename survive a restart and new cards arriving, also after the workshop ended")
  void correctionsSurviveRestart(Vertx vertx) throws Exception {
    Path data = Files.createTempDirectory("synthesis-restart");
    Map<String, String> env = Map.of("WORKSHOP_DATA_DIR", data.toString());
    String workshopId;
    String instructor;
    JsonObject before;
    try (TestServer first = TestServer.start(vertx, env); Classroom room = new Classroom(first, 2)) {
      workshopId = room.workshopId;
      instructor = room.instructor;
      room.card(0, "a1", "p1", "예산 부족");
      room.card(1, "b1", "p1", "모니터링 체계 부재");
      room.card(0, "a2", "p2", "교육 프로그램 운영");
      assertThat(cardIds(clusterOf(room.synthesis(), "p1", "a1"))).containsExactly("a1");
      assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "a1")
          .put("otherCardId", "b1")).getString("type")).isEqualTo("ack");
      assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "b1")
          .put("label", "자원과 가시성")).getString("type")).isEqualTo("ack");
      assertThat(room.instructorOp("workshop.end", new JsonObject()).getString("type")).isEqualTo("ack");
      before = room.synthesis();
      assertThat(cardIds(clusterOf(before, "p1", "a1"))).containsExactlyInAnyOrder("a1", "b1");
    }

    try (TestServer second = TestServer.start(vertx, env)) {
      JsonObject after = second.get("/api/workshops/" + workshopId + "/synthesis", instructor).json();
      JsonObject merged = clusterOf(after, "p1", "a1");
      assertThat(cardIds(merged)).containsExactlyInAnyOrder("a1", "b1");
      assertThat(merged.getString("label")).isEqualTo("자원과 가시성");
      assertThat(merged.getBoolean("renamed")).isTrue();
      assertThat(after.getJsonArray("prompts")).isEqualTo(before.getJsonArray("prompts"));
      assertThat(after.getJsonArray("lesson")).isEqualTo(before.getJsonArray("lesson"));

      // A correction after the restart, on an ended workshop, is taken and kept like the others.
      try (TestSocket teacher = second.socket()) {
        teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
        teacher.awaitType("welcome");
        JsonObject ack = teacher.awaitReply(teacher.op("synthesis.move", new JsonObject().put("prompt", "p2")
            .put("cardId", "a2").putNull("toCardId")));
        assertThat(ack.getString("type")).isEqualTo("ack");
      }
      assertThat(cardIds(clusterOf(second.get("/api/workshops/" + workshopId + "/synthesis", instructor).json(),
          "p1", "b1"))).containsExactlyInAnyOrder("a1", "b1");
    }
  }

  @Test
  @DisplayName("A merge holds when new cards of the same prompt arrive after it")
  void correctionsHoldWhenCardsArrive(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx); Classroom room = new Classroom(server, 3)) {
      room.card(0, "a1", "p1", "보수적인 조직 문화");
      room.card(1, "b1", "p1", "레거시 시스템이 많음");
      assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "b1")
          .put("otherCardId", "a1")).getString("type")).isEqualTo("ack");
      room.card(2, "c1", "p1", "조직 문화가 보수적임");
      room.card(2, "c2", "p1", "레거시 시스템 다수");
      room.card(1, "b2", "p1", "예산 제한");
      JsonObject s = room.synthesis();
      assertThat(cardIds(clusterOf(s, "p1", "a1"))).contains("a1", "b1");
      assertThat(cardIds(clusterOf(s, "p1", "b2"))).doesNotContain("a1");
    }
  }
}
