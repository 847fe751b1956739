package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Bad input gets a clear error and changes nothing")
class BadInputTest {
  private TestServer server;
  private String instructor;
  private String workshopId;
  private TestSocket student;
  private TestSocket teacher;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("WORKSHOP_OPS_PER_SECOND", "10", "WORKSHOP_OPS_BURST", "20"));
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject());
    workshopId = created.getString("id");
    JsonObject joined = server.join(created.getString("joinCode"), "지우");
    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
    teacher.awaitType("welcome");
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    student = server.socket();
    student.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")));
    student.awaitType("welcome");
    String op = student.op("card.add", new JsonObject().put("cardId", "keep").put("prompt", "p1").put("text", "원래 답"));
    assertThat(student.awaitReply(op).getString("type")).isEqualTo("ack");
  }

  @AfterEach
  void stop() throws Exception {
    student.close();
    teacher.close();
    server.close();
  }

  private JsonObject errorFor(String raw) throws InterruptedException {
    student.sendRaw(raw);
    return student.awaitType("error");
  }

  private void assertNothingChanged() throws InterruptedException {
    // A ping round trip proves the connection still works and that no event was sent before it.
    student.send(new JsonObject().put("type", "ping"));
    student.awaitType("pong");
    assertThat(student.seen().stream().filter(m -> "event".equals(m.getString("type")))
        .filter(m -> m.getLong("seq") > 3)).isEmpty();
    JsonObject state = server.get("/api/workshops/" + workshopId, instructor).json();
    JsonObject cards = state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards");
    assertThat(cards.getJsonArray("p1")).hasSize(1);
    assertThat(cards.getJsonArray("p1").getJsonObject(0).getString("text")).isEqualTo("원래 답");
  }

  @Test
  @DisplayName("Malformed JSON is answered with bad-request and the connection goes on")
  void malformedJson() throws Exception {
    assertThat(errorFor("{not json").getString("code")).isEqualTo("bad-request");
    assertThat(errorFor("[1,2,3]").getString("code")).isEqualTo("bad-request");
    assertNothingChanged();
  }

  @Test
  @DisplayName("An unknown message type is answered with unknown-type")
  void unknownType() throws Exception {
    JsonObject error = errorFor("{\"type\":\"card.explode\",\"opId\":\"x1\"}");
    assertThat(error.getString("code")).isEqualTo("unknown-type");
    assertThat(error.getString("opId")).isEqualTo("x1");
    assertNothingChanged();
  }

  @Test
  @DisplayName("Missing or mistyped fields name the field that is wrong")
  void wrongFields() throws Exception {
    JsonObject noOpId = errorFor("{\"type\":\"card.add\",\"cardId\":\"a\",\"prompt\":\"p1\",\"text\":\"x\"}");
    assertThat(noOpId.getString("code")).isEqualTo("bad-request");
    assertThat(noOpId.getString("message")).contains("opId");
    JsonObject badText = errorFor("{\"type\":\"card.edit\",\"opId\":\"e1\",\"cardId\":\"keep\",\"text\":42}");
    assertThat(badText.getString("message")).contains("'text'");
    JsonObject badId = errorFor("{\"type\":\"card.delete\",\"opId\":\"e2\",\"cardId\":\"../../etc\"}");
    assertThat(badId.getString("message")).contains("'cardId'");
    assertNothingChanged();
  }

  @Test
  @DisplayName("Text over the limits is refused with too-long, for a card and for a whole message")
  void tooLong() throws Exception {
    String op = student.op("card.edit", new JsonObject().put("cardId", "keep").put("text", "가".repeat(501)));
    assertThat(student.awaitReply(op).getString("code")).isEqualTo("too-long");
    JsonObject huge = errorFor(new JsonObject().put("type", "card.add").put("opId", "big")
        .put("text", "x".repeat(20_000)).encode());
    assertThat(huge.getString("code")).isEqualTo("too-long");
    assertNothingChanged();
  }

  @Test
  @DisplayName("A flood of operations is rate-limited; a fast typist's pace is not")
  void rateLimit() throws Exception {
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      student.send(new JsonObject().put("type", "card.edit").put("opId", "flood-" + i).put("cardId", "nope")
          .put("text", "x"));
    }
    for (int i = 0; i < 60; i++) {
      JsonObject reply = student.awaitReply("flood-" + i);
      if ("rate-limited".equals(reply.getString("code"))) {
        limited++;
      } else {
        assertThat(reply.getString("code")).isEqualTo("not-found");
      }
    }
    assertThat(limited).isGreaterThan(0).isLessThan(60);
    assertNothingChanged();
  }

  @Test
  @DisplayName("Editing a card with a stale version is a conflict that returns the current card")
  void staleEdit() throws Exception {
    String first = student.op("card.edit", new JsonObject().put("cardId", "keep").put("text", "고친 답").put("version", 1));
    assertThat(student.awaitReply(first).getString("type")).isEqualTo("ack");
    String stale = student.op("card.edit", new JsonObject().put("cardId", "keep").put("text", "옛 답").put("version", 1));
    JsonObject conflict = student.awaitReply(stale);
    assertThat(conflict.getString("code")).isEqualTo("conflict");
    assertThat(conflict.getJsonObject("current").getString("text")).isEqualTo("고친 답");
    assertThat(conflict.getJsonObject("current").getInteger("version")).isEqualTo(2);
  }

  @Test
  @DisplayName("Malformed HTTP bodies get 400 with a JSON error")
  void malformedHttp() {
    TestServer.Response r = server.post("/api/workshops", "{oops", instructor);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getJsonObject("error").getString("code")).isEqualTo("bad-request");
    TestServer.Response groups = server.post("/api/workshops",
        new JsonObject().put("sessionId", "week1-day1-session7").put("groups", 201), instructor);
    assertThat(groups.status()).isEqualTo(400);
    assertThat(groups.json().getJsonObject("error").getString("message")).contains("groups");
    TestServer.Response unknown = server.post("/api/workshops",
        new JsonObject().put("sessionId", "no-such-session").put("groups", 2), instructor);
    assertThat(unknown.status()).isEqualTo(404);
  }
}
