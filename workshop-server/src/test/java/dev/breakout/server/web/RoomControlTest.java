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

@ExtendWith(VertxExtension.class)
@DisplayName("Instructor controls, moves, retries and resume over WebSockets")
class RoomControlTest {
  private TestServer server;
  private String instructor;
  private String workshopId;
  private String joinCode;
  private TestSocket teacher;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("discussionSeconds", 300));
    workshopId = created.getString("id");
    joinCode = created.getString("joinCode");
    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
    teacher.awaitType("welcome");
  }

  @AfterEach
  void stop() throws Exception {
    teacher.close();
    server.close();
  }

  private TestSocket student(JsonObject joined, long lastSeq) throws Exception {
    TestSocket s = server.socket();
    s.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")).put("lastSeq", lastSeq));
    return s;
  }

  private JsonObject clockOf(JsonObject eventMessage) {
    return eventMessage.getJsonObject("event").getJsonObject("clock");
  }

  @Test
  @DisplayName("Pause freezes the remaining time, resume moves the deadline by the pause, adjust moves it by the seconds")
  void pauseResumeAdjust() throws Exception {
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    JsonObject started = clockOf(teacher.awaitEvent("phase.changed"));
    long endsAt = started.getLong("endsAt");

    teacher.awaitReply(teacher.op("clock.pause", new JsonObject()));
    JsonObject paused = clockOf(teacher.awaitEvent("clock.paused"));
    assertThat(paused.getBoolean("paused")).isTrue();
    assertThat(paused.getLong("remainingMs")).isBetween(1L, 300_000L);
    String again = teacher.op("clock.pause", new JsonObject());
    assertThat(teacher.awaitReply(again).getString("code")).isEqualTo("conflict");

    teacher.awaitReply(teacher.op("clock.resume", new JsonObject()));
    JsonObject resumed = clockOf(teacher.awaitEvent("clock.resumed"));
    assertThat(resumed.getBoolean("paused")).isFalse();
    assertThat(resumed.getLong("endsAt")).isGreaterThanOrEqualTo(endsAt);

    teacher.awaitReply(teacher.op("clock.adjust", new JsonObject().put("seconds", 60)));
    JsonObject adjusted = clockOf(teacher.awaitEvent("clock.adjusted"));
    assertThat(adjusted.getLong("endsAt")).isEqualTo(resumed.getLong("endsAt") + 60_000);

    String oneGroup = teacher.op("clock.adjust", new JsonObject().put("seconds", 30).put("groupId", "g2"));
    JsonObject ack = teacher.awaitReply(oneGroup);
    assertThat(ack.getJsonObject("seqs").fieldNames()).containsExactly("g2");
    JsonObject groupAdjusted = teacher.await(m -> "event".equals(m.getString("type"))
        && "g2".equals(m.getString("groupId")) && "clock.adjusted".equals(m.getJsonObject("event").getString("type"))
        && m.getJsonObject("event").containsKey("groupId"));
    assertThat(groupAdjusted.getJsonObject("event").getLong("extraMs")).isEqualTo(30_000L);

    teacher.awaitReply(teacher.op("phase.next", new JsonObject()));
    JsonObject next = teacher.await(m -> "event".equals(m.getString("type"))
        && "phase.changed".equals(m.getJsonObject("event").getString("type"))
        && clockOf(m).getInteger("phaseIndex") == 1);
    assertThat(clockOf(next).getString("kind")).isEqualTo("presentation");
  }

  @Test
  @DisplayName("A moved student's socket follows into the new room with the same token")
  void moveFollowsTheSocket() throws Exception {
    JsonObject a = server.join(joinCode, "하늘");
    JsonObject b = server.join(joinCode, "바다");
    assertThat(a.getString("groupId")).isEqualTo("g1");
    try (TestSocket sa = student(a, 0); TestSocket sb = student(b, 0)) {
      sa.awaitType("welcome");
      sb.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      sb.awaitEvent("phase.changed");
      teacher.awaitReply(teacher.op("student.move",
          new JsonObject().put("studentId", a.getString("studentId")).put("groupId", "g2")));
      JsonObject welcome = sa.awaitType("welcome");
      assertThat(welcome.getString("groupId")).isEqualTo("g2");
      assertThat(welcome.getJsonObject("state").getJsonObject("group").getJsonArray("members")).hasSize(2);
      JsonObject joined = sb.awaitEvent("student.joined");
      assertThat(joined.getJsonObject("event").getString("studentId")).isEqualTo(a.getString("studentId"));

      String op = sa.op("card.add", new JsonObject().put("cardId", "moved-card").put("prompt", "p2").put("text", "새 조에서"));
      assertThat(sa.awaitReply(op).getString("type")).isEqualTo("ack");
      assertThat(sb.awaitEvent("card.added").getJsonObject("event").getJsonObject("card").getString("cardId"))
          .isEqualTo("moved-card");
    }
  }

  @Test
  @DisplayName("A retried opId is applied once and answered with the original ack")
  void retryIsAppliedOnce() throws Exception {
    JsonObject a = server.join(joinCode, "재시도");
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    try (TestSocket s = student(a, 0)) {
      s.awaitType("welcome");
      JsonObject add = new JsonObject().put("type", "card.add").put("opId", "same-op").put("cardId", "r1")
          .put("prompt", "p1").put("text", "한 번만");
      s.send(add);
      JsonObject first = s.awaitReply("same-op");
      s.send(add);
      JsonObject second = s.awaitReply("same-op");
      assertThat(second).isEqualTo(first);
    }
    JsonObject state = server.get("/api/workshops/" + workshopId, instructor).json();
    assertThat(state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p1")).hasSize(1);
  }

  @Test
  @DisplayName("A student who reconnects with lastSeq gets exactly the events missed, in order")
  void resumeReplaysWhatWasMissed() throws Exception {
    JsonObject a = server.join(joinCode, "끊김");
    JsonObject b = server.join(joinCode, "같은조");
    JsonObject mate = server.post("/api/join", new JsonObject().put("code", joinCode).put("rejoinKey",
        b.getString("rejoinKey")), null).json();
    assertThat(mate.getString("studentId")).isEqualTo(b.getString("studentId"));
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    long lastSeq;
    try (TestSocket s = student(a, 0)) {
      lastSeq = s.awaitType("welcome").getJsonObject("state").getJsonObject("group").getLong("seq");
    }
    JsonObject c = server.join(joinCode, "같은조2");
    assertThat(c.getString("groupId")).isEqualTo(a.getString("groupId"));
    try (TestSocket sc = student(c, 0)) {
      sc.awaitType("welcome");
      sc.awaitReply(sc.op("card.add", new JsonObject().put("cardId", "m1").put("prompt", "p1").put("text", "하나")));
      sc.awaitReply(sc.op("card.add", new JsonObject().put("cardId", "m2").put("prompt", "p1").put("text", "둘")));
    }
    try (TestSocket back = student(a, lastSeq)) {
      JsonObject welcome = back.awaitType("welcome");
      assertThat(welcome.getValue("state")).isNull();
      JsonObject e1 = back.awaitType("event");
      JsonObject e2 = back.awaitType("event");
      JsonObject e3 = back.awaitType("event");
      assertThat(e1.getLong("seq")).isEqualTo(lastSeq + 1);
      assertThat(e1.getJsonObject("event").getString("type")).isEqualTo("student.joined");
      assertThat(e2.getJsonObject("event").getJsonObject("card").getString("cardId")).isEqualTo("m1");
      assertThat(e3.getJsonObject("event").getJsonObject("card").getString("cardId")).isEqualTo("m2");
      assertThat(e3.getLong("seq")).isEqualTo(lastSeq + 3);
      back.awaitType("presence");
      back.send(new JsonObject().put("type", "ping"));
      back.awaitType("pong");
      assertThat(back.seen().stream().filter(m -> "event".equals(m.getString("type")))).hasSize(3);
    }
    try (TestSocket future = student(a, 9_999)) {
      JsonObject welcome = future.awaitType("welcome");
      assertThat(welcome.getJsonObject("state").getJsonObject("group").getJsonObject("cards").getJsonArray("p1"))
          .hasSize(2);
    }
  }
}
