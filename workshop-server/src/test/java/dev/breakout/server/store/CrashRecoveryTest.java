package dev.breakout.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Restart recovery after kill -9")
class CrashRecoveryTest {
  private static final String SECRET = "crash-test-secret-crash-test-secret-crash-test";
  private final HttpClient http = HttpClient.newHttpClient();

  private JsonObject post(int port, String path, JsonObject body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
    return new JsonObject(r.body());
  }

  private String login(int port) throws Exception {
    return post(port, "/api/instructor/login", new JsonObject().put("password",
        dev.breakout.server.support.TestServer.PASSWORD), null).getString("token");
  }

  private int status(HttpRequest.Builder request, String token) throws Exception {
    return http.send(request.header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private String get(int port, String path, String token) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  @DisplayName("Every acknowledged change survives kill -9; clients resume into the same state and the clock runs on")
  void acknowledgedChangesSurviveKill(Vertx vertx) throws Exception {
    Path data = Files.createTempDirectory("crash");
    int port = ServerProcess.freePort();
    Map<String, String> env = Map.of("WORKSHOP_JWT_SECRET", SECRET);
    String instructor;
    String workshopId;
    JsonObject student;
    long endsAt;
    List<String> acked = new ArrayList<>();
    JsonObject lastAck;
    try (ServerProcess first = ServerProcess.start(data, port, env)) {
      instructor = login(port);
      JsonObject created = post(port, "/api/workshops", new JsonObject().put("sessionId", "week1-day1-session7")
          .put("groups", 2).put("discussionSeconds", 600), instructor);
      workshopId = created.getString("id");
      student = post(port, "/api/join", new JsonObject().put("code", created.getString("joinCode"))
          .put("name", "복구학생"), null);
      try (TestSocket teacher = TestSocket.connect(vertx, port, null);
           TestSocket s = TestSocket.connect(vertx, port, null)) {
        teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
        teacher.awaitType("welcome");
        teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
        endsAt = teacher.awaitEvent("phase.changed").getJsonObject("event").getJsonObject("clock").getLong("endsAt");
        s.send(new JsonObject().put("type", "hello").put("token", student.getString("token")));
        s.awaitType("welcome");
        for (int i = 0; i < 50; i++) {
          JsonObject op = new JsonObject().put("type", "card.add").put("opId", "op-" + i).put("cardId", "card-" + i)
              .put("prompt", "p" + (1 + i % 3)).put("text", "답 " + i + ", \"따옴표\"\n줄바꿈");
          s.send(op);
        }
        JsonObject reply = null;
        for (int i = 0; i < 50; i++) {
          reply = s.awaitReply("op-" + i);
          assertThat(reply.getString("type")).isEqualTo("ack");
          acked.add("card-" + i);
        }
        lastAck = reply;
      }
      first.kill();
    }

    try (ServerProcess second = ServerProcess.start(data, port, env)) {
      JsonObject state = new JsonObject(get(port, "/api/workshops/" + workshopId, instructor));
      List<String> cards = new ArrayList<>();
      JsonArray groups = state.getJsonArray("groups");
      for (int g = 0; g < groups.size(); g++) {
        JsonObject byPrompt = groups.getJsonObject(g).getJsonObject("cards");
        for (String prompt : byPrompt.fieldNames()) {
          byPrompt.getJsonArray(prompt).forEach(c -> cards.add(((JsonObject) c).getString("cardId")));
        }
      }
      assertThat(cards).containsExactlyInAnyOrderElementsOf(acked);
      assertThat(state.getJsonObject("clock").getLong("endsAt")).isEqualTo(endsAt);
      assertThat(state.getJsonObject("clock").getString("kind")).isEqualTo("discussion");

      // The same tokens still work (the signing key outlived the restart), and a retried
      // operation from before the crash is answered with its original ack, not applied again.
      try (TestSocket s = TestSocket.connect(vertx, port, null)) {
        s.send(new JsonObject().put("type", "hello").put("token", student.getString("token")).put("lastSeq", 0));
        JsonObject welcome = s.awaitType("welcome");
        JsonObject group = welcome.getJsonObject("state").getJsonObject("group");
        assertThat(group.getJsonObject("cards").getJsonArray("p1").size()
            + group.getJsonObject("cards").getJsonArray("p2").size()
            + group.getJsonObject("cards").getJsonArray("p3").size()).isEqualTo(50);
        s.send(new JsonObject().put("type", "card.add").put("opId", "op-49").put("cardId", "card-49")
            .put("prompt", "p2").put("text", "다시"));
        assertThat(s.awaitReply("op-49").getLong("seq")).isEqualTo(lastAck.getLong("seq"));
        JsonObject fresh = new JsonObject().put("type", "card.add").put("opId", "after").put("cardId", "after")
            .put("prompt", "p1").put("text", "재시작 후");
        s.send(fresh);
        assertThat(s.awaitReply("after").getLong("seq")).isEqualTo(lastAck.getLong("seq") + 1);
      }
      String csv = get(port, "/api/workshops/" + workshopId + "/export?format=csv", instructor);
      assertThat(csv).contains("\"답 49, \"\"따옴표\"\"\n줄바꿈\"");
    }
  }

  @Test
  @DisplayName("A workshop created, or deleted, just before kill -9 is still created, or deleted, after the restart")
  void createAndDeleteSurviveKill() throws Exception {
    // Neither goes through the journal, and H2 writes its file in the background: the store
    // must make each reach H2's file before it answers (decision 007).
    Path data = Files.createTempDirectory("crash");
    int port = ServerProcess.freePort();
    Map<String, String> env = Map.of("WORKSHOP_JWT_SECRET", SECRET);
    String instructor;
    String kept;
    String deleted;
    try (ServerProcess first = ServerProcess.start(data, port, env)) {
      instructor = login(port);
      JsonObject body = new JsonObject().put("sessionId", "week1-day1-session7").put("groups", 2);
      deleted = post(port, "/api/workshops", body, instructor).getString("id");
      assertThat(status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workshops/" + deleted))
          .DELETE(), instructor)).isEqualTo(204);
      kept = post(port, "/api/workshops", body, instructor).getString("id");
      first.kill();
    }
    try (ServerProcess second = ServerProcess.start(data, port, env)) {
      assertThat(new JsonObject(get(port, "/api/workshops/" + kept, instructor)).getJsonObject("workshop").getString("id"))
          .isEqualTo(kept);
      assertThat(status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workshops/" + deleted)),
          instructor)).isEqualTo(404);
    }
  }
}
