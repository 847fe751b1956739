package dev.breakout.server.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The synthesis of a big class")
class SynthesisLoadTest {
  /** One student per group, 100 cards each: a student may write at most 100 cards in a group. */
  private static final int GROUPS = 10;

  /** Phrases students write about the obstacles, in the ways phones write them. */
  private static final List<String> PHRASES = List.of("예산이 부족함", "예산 부족", "비용이 많이 듦", "레거시 시스템과의 통합",
      "레거시시스템 통합 어려움", "보수적인 조직 문화", "조직문화가 보수적", "변화에 대한 저항", "직원들이 변화를 두려워함",
      "IT 인력 부족", "인력이 모자람", "경험자가 없음", "교육이 필요함", "모니터링 체계 부재", "모니터링체계 없음",
      "경영진 지원 부족", "경영진의 지원이 약함", "CI/CD 경험 없음", "젠킨스 도입 어려움", "Jenkins 써본 사람 없음",
      "자동화 테스트 부족", "테스트 자동화가 안 됨", "보안 규정", "부서 간 협업 부족", "사일로 조직", "ERP 의존성",
      "배포가 느림", "배포를 수동으로 함", "장애 대응 프로세스 없음", "클라우드 전환 비용");

  @Test
  @DisplayName("1,000 cards of one prompt are answered within 2 s, while the event loop keeps answering pings")
  void thousandCardsWithinTwoSeconds(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx, Map.of("WORKSHOP_OPS_PER_SECOND", "10000",
        "WORKSHOP_OPS_BURST", "10000")); Classroom room = new Classroom(server, GROUPS)) {
      room.synthesis(); // the synthesizer is built once per server: not part of the figure
      List<String> opIds = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        TestSocket student = room.students.get(i % GROUPS);
        String text = PHRASES.get(i % PHRASES.size()) + (i % 7 == 0 ? "!!" : "") + (i % 11 == 0 ? " ㅠㅠ" : "");
        opIds.add(student.op("card.add", new JsonObject().put("cardId", "k" + i).put("prompt", "p1").put("text", text)));
      }
      for (int i = 0; i < opIds.size(); i++) {
        JsonObject reply = room.students.get(i % GROUPS).awaitReply(opIds.get(i));
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
      }

      long began = System.nanoTime();
      CompletableFuture<JsonObject> synthesis = CompletableFuture.supplyAsync(room::synthesis);
      long worstPongMs = 0;
      int pings = 0;
      while (!synthesis.isDone()) {
        long sent = System.nanoTime();
        room.teacher.send(new JsonObject().put("type", "ping"));
        room.teacher.awaitType("pong");
        worstPongMs = Math.max(worstPongMs, (System.nanoTime() - sent) / 1_000_000);
        pings++;
      }
      JsonObject s = synthesis.get(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - began) / 1_000_000;
      System.out.printf("synthesis of 1000 cards: %d ms; %d pings meanwhile, the slowest pong %d ms%n", ms, pings,
          worstPongMs);

      Set<String> seen = new HashSet<>();
      int total = 0;
      for (JsonObject c : Classroom.clusters(s, "p1")) {
        for (String id : Classroom.cardIds(c)) {
          seen.add(id);
          total++;
        }
      }
      assertThat(total).isEqualTo(1000);
      assertThat(seen).hasSize(1000);
      assertThat(Classroom.clusters(s, "p1").size()).isLessThan(200);
      assertThat(ms).as("the synthesis of 1,000 cards").isLessThan(2_000);
      assertThat(pings).isPositive();
      // On the event loop, a pong would wait for the whole computation.
      assertThat(worstPongMs).as("the event loop answers while the synthesis is computed")
          .isLessThan(Math.max(100, ms / 2));
    }
  }
}
