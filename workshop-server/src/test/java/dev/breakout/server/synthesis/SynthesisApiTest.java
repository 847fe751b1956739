package dev.breakout.server.synthesis;

import static dev.breakout.server.synthesis.Classroom.cardIds;
import static dev.breakout.server.synthesis.Classroom.clusterOf;
import static dev.breakout.server.synthesis.Classroom.clusters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.LessonPoint;
import dev.breakout.content.Session;
import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("GET /api/workshops/{id}/synthesis and the instructor's corrections")
class SynthesisApiTest {
  private TestServer server;
  private Classroom room;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
    room = new Classroom(server, 3);
    room.card(0, "a1", "p1", "예산이 부족함");
    room.card(1, "b1", "p1", "예산 부족");
    room.card(2, "c1", "p1", "예산이 부족하다");
    room.card(0, "a2", "p1", "직원들의 변화에 대한 저항");
    room.card(1, "b2", "p1", "레거시 시스템과의 통합");
    room.card(2, "c2", "p2", "경영진의 지원 확보");
    room.card(0, "a3", "p3", "CI 파이프라인 구축");
  }

  @AfterEach
  void stop() throws Exception {
    room.close();
    server.close();
  }

  @Test
  @DisplayName("Every card is in exactly one cluster of its prompt, ideas of more groups come first, and every lesson point is listed")
  void shapeAndRules() {
    JsonObject s = room.synthesis();
    assertThat(s.getString("workshopId")).isEqualTo(room.workshopId);
    assertThat(s.getLong("computedAt")).isPositive();
    List<String> prompts = new ArrayList<>();
    s.getJsonArray("prompts").forEach(p -> prompts.add(((JsonObject) p).getString("prompt")));
    assertThat(prompts).containsExactly("p1", "p2", "p3");

    Map<String, String> promptOf = Map.of("a1", "p1", "b1", "p1", "c1", "p1", "a2", "p1", "b2", "p1",
        "c2", "p2", "a3", "p3");
    Map<String, Integer> seen = new HashMap<>();
    for (String prompt : prompts) {
      int lastGroups = Integer.MAX_VALUE;
      for (JsonObject c : clusters(s, prompt)) {
        assertThat(c.fieldNames()).contains("id", "label", "groupIds", "cards", "lessonRefs");
        assertThat(c.getString("label")).isNotBlank();
        assertThat(c.getString("id")).isIn(cardIds(c).stream().map(id -> "c-" + id).toList());
        int groups = c.getJsonArray("groupIds").size();
        assertThat(groups).isLessThanOrEqualTo(lastGroups);
        lastGroups = groups;
        assertThat(c.getBoolean("unique")).isEqualTo(groups == 1);
        for (Object o : c.getJsonArray("cards")) {
          JsonObject card = (JsonObject) o;
          assertThat(promptOf.get(card.getString("cardId"))).isEqualTo(prompt);
          assertThat(c.getJsonArray("groupIds").getList()).contains(card.getString("groupId"));
          assertThat(card.getString("text")).isNotBlank();
          seen.merge(card.getString("cardId"), 1, Integer::sum);
        }
      }
    }
    assertThat(seen).containsOnlyKeys(promptOf.keySet());
    assertThat(seen.values()).containsOnly(1);

    // The three ways of writing "예산 부족" are one idea of three groups, first in its prompt.
    JsonObject budget = clusterOf(s, "p1", "a1");
    assertThat(cardIds(budget)).containsExactlyInAnyOrder("a1", "b1", "c1");
    assertThat(budget.getJsonArray("groupIds").getList()).containsExactlyInAnyOrderElementsOf(room.groupOf);
    assertThat(clusters(s, "p1").get(0).getString("id")).isEqualTo(budget.getString("id"));

    Session session = ContentLibrary.bundled().stream().filter(x -> x.id().equals("week1-day1-session7"))
        .findFirst().orElseThrow();
    List<String> lessonIds = new ArrayList<>();
    for (Object o : s.getJsonArray("lesson")) {
      JsonObject point = (JsonObject) o;
      lessonIds.add(point.getString("id"));
      assertThat(point.getString("kind")).isIn("failure-case", "success-factor", "case-study", "practice");
      assertThat(point.getString("title")).isNotBlank();
      assertThat(room.groupOf).containsAll(strings(point.getJsonArray("groupIds")));
      List<String> allClusterIds = new ArrayList<>();
      prompts.forEach(p -> clusters(s, p).forEach(c -> allClusterIds.add(c.getString("id"))));
      assertThat(allClusterIds).containsAll(strings(point.getJsonArray("clusterIds")));
    }
    assertThat(lessonIds).containsExactlyElementsOf(LessonPoint.of(session).stream().map(LessonPoint::id).toList());
  }

  @Test
  @DisplayName("The dashboard is told within 2 s of a new card, and the synthesis it then fetches holds the card")
  void dashboardsAreToldOfChanges() throws Exception {
    room.synthesis();
    long before = System.nanoTime();
    room.card(1, "b9", "p2", "작은 성공 사례부터 시작");
    JsonObject told = room.teacher.awaitType("synthesis.changed");
    assertThat(told.getString("workshopId")).isEqualTo(room.workshopId);
    JsonObject s = room.synthesis();
    long ms = (System.nanoTime() - before) / 1_000_000;
    assertThat(cardIds(clusterOf(s, "p2", "b9"))).contains("b9");
    assertThat(ms).as("from the ack to a synthesis with the card").isLessThan(2_000);
  }

  @Test
  @DisplayName("Requests that come together after a change share one computation; unchanged cards are not computed again")
  void requestsShareOneComputation() throws Exception {
    room.card(2, "c9", "p3", "모니터링 대시보드 구축");
    List<java.util.concurrent.CompletableFuture<JsonObject>> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      asked.add(java.util.concurrent.CompletableFuture.supplyAsync(room::synthesis));
    }
    List<Long> computedAt = new ArrayList<>();
    for (var f : asked) {
      JsonObject s = f.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(cardIds(clusterOf(s, "p3", "c9"))).contains("c9");
      computedAt.add(s.getLong("computedAt"));
    }
    assertThat(computedAt).containsOnly(computedAt.get(0));
    assertThat(room.synthesis().getLong("computedAt")).isEqualTo(computedAt.get(0));
  }

  @Test
  @DisplayName("A merge, a move and a rename by the instructor show in the synthesis")
  void correctionsShow() throws Exception {
    assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "a2")
        .put("otherCardId", "b2")).getString("type")).isEqualTo("ack");
    JsonObject s = room.synthesis();
    assertThat(cardIds(clusterOf(s, "p1", "a2"))).containsExactlyInAnyOrder("a2", "b2");

    assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "b2")
        .put("label", "변화와 통합의 어려움")).getString("type")).isEqualTo("ack");
    JsonObject renamed = clusterOf(room.synthesis(), "p1", "a2");
    assertThat(renamed.getString("label")).isEqualTo("변화와 통합의 어려움");
    assertThat(renamed.getBoolean("renamed")).isTrue();

    assertThat(room.instructorOp("synthesis.move", new JsonObject().put("prompt", "p1").put("cardId", "c1")
        .putNull("toCardId")).getString("type")).isEqualTo("ack");
    s = room.synthesis();
    assertThat(cardIds(clusterOf(s, "p1", "c1"))).containsExactly("c1");
    assertThat(cardIds(clusterOf(s, "p1", "a1"))).containsExactlyInAnyOrder("a1", "b1");

    assertThat(room.instructorOp("synthesis.move", new JsonObject().put("prompt", "p1").put("cardId", "c1")
        .put("toCardId", "a2")).getString("type")).isEqualTo("ack");
    assertThat(cardIds(clusterOf(room.synthesis(), "p1", "a2"))).containsExactlyInAnyOrder("a2", "b2", "c1");
  }

  @Test
  @DisplayName("Corrections naming an unknown card, a card of another prompt, a blank or too long name are refused with their codes")
  void badCorrectionsAreRefused() throws Exception {
    JsonObject before = room.synthesis();
    assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "a1")
        .put("otherCardId", "zz")).getString("code")).isEqualTo("not-found");
    assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "a1")
        .put("otherCardId", "c2")).getString("code")).isEqualTo("bad-request");
    assertThat(room.instructorOp("synthesis.move", new JsonObject().put("prompt", "p7").put("cardId", "a1")
        .putNull("toCardId")).getString("code")).isEqualTo("not-found");
    assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "a1")
        .put("label", " ")).getString("code")).isEqualTo("bad-request");
    assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "a1")
        .put("label", "가".repeat(61))).getString("code")).isEqualTo("too-long");
    assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "a1"))
        .getString("code")).isEqualTo("bad-request");
    assertThat(room.instructorOp("synthesis.merge", new JsonObject().put("prompt", "p1").put("cardId", "a 1")
        .put("otherCardId", "b1")).getString("code")).isEqualTo("bad-request");
    JsonObject student = room.students.get(0).awaitReply(room.students.get(0).op("synthesis.merge",
        new JsonObject().put("prompt", "p1").put("cardId", "a1").put("otherCardId", "b1")));
    assertThat(student.getString("code")).isEqualTo("forbidden");

    JsonObject after = room.synthesis();
    assertThat(after.getJsonArray("prompts")).isEqualTo(before.getJsonArray("prompts"));
  }

  @Test
  @DisplayName("Cards of only emoji or punctuation and a 500-character card are each in a cluster")
  void oddCardsAreStillClustered() throws Exception {
    room.card(0, "e1", "p2", "🚀🔥👍");
    room.card(1, "e2", "p2", "?!...!!");
    room.card(2, "e3", "p2", "레거시 시스템 ".repeat(71).substring(0, 500));
    JsonObject s = room.synthesis();
    for (String id : List.of("e1", "e2", "e3", "c2")) {
      assertThat(cardIds(clusterOf(s, "p2", id))).contains(id);
    }
  }

  @Test
  @DisplayName("Without an instructor token the synthesis is 401; an unknown workshop is 404")
  void authAndUnknown() {
    assertThat(server.get("/api/workshops/" + room.workshopId + "/synthesis", null).status()).isEqualTo(401);
    TestServer.Response missing = server.get("/api/workshops/nope123456/synthesis", room.instructor);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().getJsonObject("error").getString("code")).isEqualTo("not-found");
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    a.forEach(o -> out.add((String) o));
    return out;
  }
}
