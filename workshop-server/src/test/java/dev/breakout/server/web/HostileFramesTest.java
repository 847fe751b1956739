package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.HostileSocket;
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
@DisplayName("Oversized, fragmented, flooding and garbage frames are answered with close codes, and the group goes on")
class HostileFramesTest {
  private HostileFixture room;
  private String attackerToken;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of());
    attackerToken = room.server.join(room.joinCode, "공격자").getString("token");
  }

  @AfterEach
  void stop() throws Exception {
    room.close();
  }

  private HostileSocket attacker() throws Exception {
    return HostileSocket.connect(room.server.vertx(), room.server.port()).hello(attackerToken);
  }

  @Test
  @DisplayName("A single 100,000-byte frame (a 100,000-character card) is closed with 1009, not dropped")
  void oversizedFrameIsClosedWith1009() throws Exception {
    try (HostileSocket s = attacker()) {
      s.singleFrame(new JsonObject().put("type", "card.add").put("opId", "big").put("cardId", "big")
          .put("prompt", "p1").put("text", "가".repeat(1)).put("pad", "x".repeat(100_000)).encode());
      assertThat(s.awaitClose()).isEqualTo((short) 1009);
    }
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("A message of fragments totalling 300 KB, or 1 MB, is closed with 1009 as a single frame would be")
  void fragmentedOversizedMessageIsClosedWith1009() throws Exception {
    try (HostileSocket s = attacker()) {
      s.fragmented(5, 60_000);
      assertThat(s.awaitClose()).isEqualTo((short) 1009);
    }
    try (HostileSocket s = attacker()) {
      s.fragmented(17, 60_000);
      assertThat(s.awaitClose()).isEqualTo((short) 1009);
    }
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("A message of fragments within the limit is read as one message")
  void fragmentsWithinTheLimitAreOneMessage() throws Exception {
    try (HostileSocket s = attacker()) {
      s.fragmented(2, 1_000);
      assertThat(s.awaitText(t -> t.contains("\"error\""))).contains("\"bad-request\"");
      s.text("{\"type\":\"ping\"}");
      assertThat(s.awaitText(t -> t.contains("pong"))).contains("serverTime");
    }
  }

  @Test
  @DisplayName("50,000 pings from one socket close it with 1008; another student's acks stay prompt; the seat reconnects")
  void pingFloodIsClosedWith1008() throws Exception {
    long before = room.addBystanderCard("기준 답");
    long during;
    // The flood comes from a Vert.x of its own: queued on the test's event loops, its 50,000
    // writes would delay the bystander's client, not the server.
    Vertx elsewhere = Vertx.vertx();
    try (HostileSocket s = HostileSocket.connect(elsewhere, room.server.port()).hello(attackerToken)) {
      for (int i = 0; i < 50_000 && !s.isClosed(); i++) {
        s.text("{\"type\":\"ping\"}");
      }
      // While the server works through the flood, the bystander writes.
      // (Measured beside the flooding client, on the same few cores: bounded loosely; the server's
      // part is the few hundred frames it reads before it cuts the socket off, checked below.)
      during = room.addBystanderCard("홍수 중의 답");
      assertThat(during).isLessThan(3_000);
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
      assertThat(s.closeReason()).contains("too many messages");
      // The server answered a few hundred pings at most, not fifty thousand.
      assertThat(s.drain()).isLessThan(1_000);
    } finally {
      elsewhere.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    long after = room.assertBystanderUnaffected();
    System.out.printf("bystander ack before the flood %d ms, during %d ms, after %d ms%n", before, during, after);
    try (HostileSocket again = attacker()) {
      again.text("{\"type\":\"ping\"}");
      assertThat(again.awaitText(t -> t.contains("pong"))).contains("serverTime");
    }
  }

  @Test
  @DisplayName("A flood of WebSocket ping control frames counts too: closed with 1008")
  void controlPingFloodIsClosedWith1008() throws Exception {
    try (HostileSocket s = attacker()) {
      for (int i = 0; i < 5_000 && !s.isClosed(); i++) {
        s.controlPing();
      }
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
    }
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("Garbage after errors: ten unreadable messages are answered, the eleventh closes the socket with 1008; the seat reconnects")
  void garbageAfterErrorsIsClosedWith1008() throws Exception {
    try (HostileSocket s = attacker()) {
      for (int i = 0; i < 10; i++) {
        s.text(i % 2 == 0 ? "{not json" : "{\"type\":\"card.explode\",\"opId\":\"g" + i + "\"}");
        assertThat(s.awaitText(t -> t.contains("\"error\""))).containsAnyOf("bad-request", "unknown-type");
      }
      s.text("{still not json");
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
      assertThat(s.closeReason()).isEqualTo("too many unreadable messages");
    }
    try (HostileSocket s = attacker()) {
      for (int i = 0; i < 11; i++) {
        s.binary(new byte[] {1, 2, 3});
      }
      assertThat(s.awaitClose()).isEqualTo((short) 1008);
    }
    room.assertBystanderUnaffected();
    try (TestSocket again = room.hello(attackerToken)) {
      String op = again.op("card.add", new JsonObject().put("cardId", "after").put("prompt", "p1").put("text", "돌아옴"));
      assertThat(again.awaitReply(op).getString("type")).isEqualTo("ack");
    }
    room.assertBystanderUnaffected(java.util.List.of("돌아옴"));
  }

  @Test
  @DisplayName("Refusals of readable operations are no strike: sixty not-found replies do not close the socket")
  void refusedOperationsAreNoStrike() throws Exception {
    try (TestSocket s = room.hello(attackerToken)) {
      for (int i = 0; i < 60; i++) {
        String op = s.op("card.delete", new JsonObject().put("cardId", "nope"));
        assertThat(s.awaitReply(op).getString("code")).isEqualTo("not-found");
      }
      s.send(new JsonObject().put("type", "ping"));
      assertThat(s.awaitType("pong")).isNotNull();
    }
  }
}
