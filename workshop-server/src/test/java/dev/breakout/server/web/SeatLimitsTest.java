package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("More sockets buy a student nothing: limits per seat and per workshop, a socket cap, a card share")
class SeatLimitsTest {
  private HostileFixture room;
  private final List<TestSocket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    room.close();
  }

  private TestSocket socket(String token) throws Exception {
    TestSocket s = room.hello(token);
    sockets.add(s);
    return s;
  }

  @Test
  @DisplayName("Ten sockets of one seat: the oldest six are closed with 4001, and the four left share one seat's rate")
  void tenSocketsShareOneSeat(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of("WORKSHOP_OPS_PER_SECOND", "20", "WORKSHOP_OPS_BURST", "60"));
    String token = room.server.join(room.joinCode, "공격자").getString("token");
    for (int i = 0; i < 10; i++) {
      socket(token);
    }
    for (int i = 0; i < 6; i++) {
      assertThat(sockets.get(i).awaitClose()).isEqualTo((short) 4001);
    }
    List<TestSocket> open = sockets.subList(6, 10);
    long start = System.nanoTime();
    List<List<String>> ops = new ArrayList<>();
    for (TestSocket s : open) {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        mine.add(s.op("card.add", new JsonObject().put("cardId", java.util.UUID.randomUUID().toString())
            .put("prompt", "p1").put("text", "도배 " + i)));
      }
      ops.add(mine);
    }
    int acks = 0;
    int limited = 0;
    for (int k = 0; k < open.size(); k++) {
      for (String op : ops.get(k)) {
        JsonObject reply = open.get(k).awaitReply(op);
        if ("ack".equals(reply.getString("type"))) {
          acks++;
        } else {
          assertThat(reply.getString("code")).isEqualTo("rate-limited");
          limited++;
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // One seat's bucket: a burst of 60, then 20 a second, however many sockets it uses.
    assertThat(acks).isLessThanOrEqualTo(60 + (int) Math.ceil(20 * seconds) + 1);
    assertThat(limited).isEqualTo(320 - acks);
    System.out.printf("4 sockets of one seat sent 320 cards in %.2f s: %d acked, %d rate-limited%n", seconds, acks,
        limited);
    room.assertBystanderUnaffected(room.boardTexts().stream().filter(t -> t.startsWith("도배")).toList());
  }

  @Test
  @DisplayName("One student holds at most 100 of the group's 400 cards; the rest of the group still writes")
  void oneStudentCannotFillTheGroup(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of("WORKSHOP_OPS_PER_SECOND", "1000", "WORKSHOP_OPS_BURST", "1000"));
    TestSocket s = socket(room.server.join(room.joinCode, "공격자").getString("token"));
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      ops.add(s.op("card.add", new JsonObject().put("cardId", "a" + i).put("prompt", "p" + (1 + i % 3))
          .put("text", "카드 " + i)));
    }
    for (int i = 0; i < 100; i++) {
      assertThat(s.awaitReply(ops.get(i)).getString("type")).isEqualTo("ack");
    }
    JsonObject refused = s.awaitReply(ops.get(100));
    assertThat(refused.getString("code")).isEqualTo("too-long");
    assertThat(refused.getString("message")).contains("One student can have at most 100 cards");
    List<String> theirs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      theirs.add("카드 " + i);
    }
    room.assertBystanderUnaffected(theirs);
  }

  @Test
  @DisplayName("Students together are held to the workshop's rate; the instructor is not")
  void workshopRate(Vertx vertx) throws Exception {
    // One seat: a burst of 1, 1 a second; the workshop: 100 times that.
    room = new HostileFixture(vertx, Map.of("WORKSHOP_OPS_PER_SECOND", "1", "WORKSHOP_OPS_BURST", "1"));
    List<TestSocket> students = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      students.add(socket(room.server.join(room.joinCode, "학생" + i).getString("token")));
    }
    List<String> ops = new ArrayList<>();
    // An operation the room refuses cheaply (no event to fan out), so that all arrive at once.
    for (TestSocket s : students) {
      ops.add(s.op("card.delete", new JsonObject().put("cardId", "nope")));
    }
    int limited = 0;
    for (int i = 0; i < ops.size(); i++) {
      String code = students.get(i).awaitReply(ops.get(i)).getString("code");
      assertThat(code).isIn("not-found", "rate-limited");
      if ("rate-limited".equals(code)) {
        limited++;
      }
    }
    // 130 operations, one per seat, each within its seat's burst: only the workshop's bucket
    // (a burst of 100, refilling 100 a second) refused some.
    System.out.printf("130 students, one operation each: %d refused by the workshop's rate%n", limited);
    assertThat(limited).isGreaterThanOrEqualTo(5);
    try (TestSocket teacher = room.server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", room.instructor).put("workshopId", room.workshopId));
      teacher.awaitType("welcome");
      // Right after the students emptied the workshop's bucket; within the connection's own burst of 1.
      for (int i = 0; i < 1; i++) {
        String op = teacher.op("broadcast", new JsonObject().put("text", "공지 " + i));
        assertThat(teacher.awaitReply(op).getString("type")).isEqualTo("ack");
      }
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
        room.assertBystanderUnaffected());
  }

  @Test
  @DisplayName("A seat reconnecting in a tight loop is told to wait (1013) after 20 connections")
  void reconnectLoop(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of());
    String token = room.server.join(room.joinCode, "공격자").getString("token");
    for (int i = 0; i < 20; i++) {
      try (TestSocket s = room.hello(token)) {
        assertThat(s.isClosed()).isFalse();
      }
    }
    short code = 0;
    for (int i = 0; i < 3 && code != 1013; i++) {
      try (TestSocket s = room.server.socket()) {
        s.send(new JsonObject().put("type", "hello").put("token", token));
        try {
          s.awaitType("welcome");
        } catch (IllegalStateException closed) {
          code = s.awaitClose();
        }
      }
    }
    assertThat(code).isEqualTo((short) 1013);
    room.assertBystanderUnaffected();
  }
}
