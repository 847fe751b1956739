package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Errors carry a code, a reason and named parameters, on the socket and over HTTP (docs/protocol.md, "Errors"). */
@ExtendWith(VertxExtension.class)
@DisplayName("Errors are codes with parameters, the message one language")
class ErrorShapeTest {
  private TestServer server;
  private String instructor;
  private JsonObject created;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    instructor = server.instructorToken();
    created = server.createWorkshop(instructor, new JsonObject());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("a refused operation names its reason and the limit it broke")
  void socketError() throws Exception {
    JsonObject joined = server.join(created.getString("joinCode"), "지우");
    try (TestSocket teacher = server.socket(); TestSocket student = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      student.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")));
      student.awaitType("welcome");
      JsonObject error = student.awaitReply(student.op("card.add",
          new JsonObject().put("cardId", "c1").put("prompt", "p1").put("text", "가".repeat(501))));
      assertThat(error.getString("type")).isEqualTo("error");
      assertThat(error.getString("code")).isEqualTo("too-long");
      assertThat(error.getString("reason")).isEqualTo("text-too-long");
      assertThat(error.getJsonObject("params").getMap()).containsEntry("field", "card").containsEntry("max", 500);
      assertThat(error.getString("message")).isEqualTo("The card is too long: at most 500 characters.");
    }
  }

  @Test
  @DisplayName("an HTTP error body carries the same fields under error")
  void httpError() {
    var wrong = server.get("/api/join/000000", null);
    assertThat(wrong.status()).isEqualTo(404);
    JsonObject error = wrong.json().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("not-found");
    assertThat(error.getString("reason")).isEqualTo("no-workshop-for-code");
    assertThat(error.getJsonObject("params")).isEqualTo(new JsonObject());
    assertThat(error.getString("message")).doesNotContain(" / ");

    var session = server.get("/api/sessions/nope", instructor);
    assertThat(session.json().getJsonObject("error").getString("reason")).isEqualTo("no-session");
    assertThat(session.json().getJsonObject("error").getJsonObject("params").getString("sessionId")).isEqualTo("nope");
  }
}
