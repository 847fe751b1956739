package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.Jwts;
import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Authentication and authorisation")
class SecurityTest {
  private TestServer server;
  private String instructor;
  private String workshopId;
  private String joinCode;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject());
    workshopId = created.getString("id");
    joinCode = created.getString("joinCode");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private short closeCodeFor(String token) throws Exception {
    try (TestSocket s = server.socket()) {
      s.send(new JsonObject().put("type", "hello").put("token", token).put("workshopId", workshopId));
      return s.awaitClose();
    }
  }

  @Test
  @DisplayName("A wrong instructor password is refused with 401 and no token")
  void wrongPassword() {
    TestServer.Response r = server.post("/api/instructor/login", new JsonObject().put("password", "nope"), null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().getJsonObject("error").getString("code")).isEqualTo("unauthorized");
  }

  @Test
  @DisplayName("Instructor routes refuse a missing token, a student's token and a token signed with another key")
  void instructorRoutesNeedAnInstructorToken() throws Exception {
    assertThat(server.get("/api/workshops", null).status()).isEqualTo(401);
    String student = server.join(joinCode, "민수").getString("token");
    assertThat(server.get("/api/workshops", student).status()).isEqualTo(403);
    String forged = Jwts.hs256(Jwts.instructorClaims(600), "another-secret-another-secret-another-secret");
    assertThat(server.get("/api/workshops", forged).status()).isEqualTo(401);
    assertThat(server.get("/api/workshops", instructor).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("A hello with a tampered, forged, alg-none or expired token is closed with 1008")
  void badTokensAreClosedWith1008() throws Exception {
    assertThat(closeCodeFor(instructor.substring(0, instructor.length() - 3) + "abc")).isEqualTo((short) 1008);
    assertThat(closeCodeFor(Jwts.hs256(Jwts.instructorClaims(600), "another-secret-another-secret-another")))
        .isEqualTo((short) 1008);
    assertThat(closeCodeFor(Jwts.none(Jwts.instructorClaims(600)))).isEqualTo((short) 1008);
    assertThat(closeCodeFor(Jwts.hs256(Jwts.instructorClaims(-600), TestServer.JWT_SECRET))).isEqualTo((short) 1008);
    assertThat(closeCodeFor(Jwts.hs256(Jwts.instructorClaims(600).put("aud", "someone-else"),
        TestServer.JWT_SECRET))).isEqualTo((short) 1008);
    // The same claims properly signed are accepted: the refusals above are about the token alone.
    try (TestSocket s = server.socket()) {
      s.send(new JsonObject().put("type", "hello").put("workshopId", workshopId)
          .put("token", Jwts.hs256(Jwts.instructorClaims(600), TestServer.JWT_SECRET)));
      assertThat(s.awaitType("welcome").getString("role")).isEqualTo("instructor");
    }
  }

  @Test
  @DisplayName("A socket that says nothing is closed with 1008 after 5 seconds")
  void silentSocketIsClosed() throws Exception {
    try (TestSocket s = server.socket()) {
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
    }
  }

  @Test
  @DisplayName("A handshake from a foreign Origin is refused with 403; the server's own Origin is accepted")
  void originIsChecked() throws Exception {
    WebSocketClient client = server.vertx().createWebSocketClient();
    try {
      WebSocketConnectOptions foreign = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
          .setURI("/ws").addHeader("Origin", "https://evil.example");
      assertThat(client.connect(foreign).toCompletionStage().toCompletableFuture()
          .handle((ws, err) -> err).get(10, TimeUnit.SECONDS)).hasMessageContaining("403");
    } finally {
      client.close();
    }
    try (TestSocket s = TestSocket.connect(server.vertx(), server.port(), "http://127.0.0.1:" + server.port())) {
      s.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      assertThat(s.awaitType("welcome").getString("role")).isEqualTo("instructor");
    }
  }

  @Test
  @DisplayName("A student can neither run instructor operations nor touch another group")
  void studentsStayInTheirLane() throws Exception {
    JsonObject a = server.join(joinCode, "가영");
    JsonObject b = server.join(joinCode, "나래");
    assertThat(a.getString("groupId")).isNotEqualTo(b.getString("groupId"));
    try (TestSocket s = server.socket()) {
      s.send(new JsonObject().put("type", "hello").put("token", a.getString("token")));
      s.awaitType("welcome");
      for (String type : new String[] {"exercise.start", "workshop.end", "clock.pause"}) {
        String op = s.op(type, new JsonObject());
        assertThat(s.awaitReply(op).getString("code")).isEqualTo("forbidden");
      }
      String feedback = s.op("feedback", new JsonObject().put("groupId", a.getString("groupId")).put("text", "x"));
      assertThat(s.awaitReply(feedback).getString("code")).isEqualTo("forbidden");
      String other = s.op("card.add", new JsonObject().put("groupId", b.getString("groupId")).put("cardId", "c1")
          .put("prompt", "p1").put("text", "남의 조"));
      assertThat(s.awaitReply(other).getString("code")).isEqualTo("forbidden");
    }
    JsonObject state = server.get("/api/workshops/" + workshopId, instructor).json();
    assertThat(state.getJsonObject("clock").getString("phase")).isEqualTo("lobby");
    state.getJsonArray("groups").forEach(g -> assertThat(((JsonObject) g).getJsonObject("cards")
        .getJsonArray("p1")).isEmpty());
  }

  @Test
  @DisplayName("Wrong join codes are slowed per address, while a class of 100 behind one address joins freely")
  void joinCodesAreThrottled() {
    for (int i = 0; i < 100; i++) {
      assertThat(server.post("/api/join", new JsonObject().put("code", joinCode).put("name", "학생" + i), null)
          .status()).isEqualTo(200);
    }
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      TestServer.Response r = server.post("/api/join", new JsonObject().put("code", "000000").put("name", "x"), null);
      if (r.status() == 429) {
        refused++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      } else {
        assertThat(r.status()).isEqualTo(404);
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("Connecting to a workshop that does not exist is refused")
  void unknownWorkshop() throws Exception {
    try (TestSocket s = server.socket()) {
      s.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", "nope"));
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
    }
  }

}
