package dev.breakout.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Analytics exports")
class AnalyticsExportTest {
  private TestServer server;
  private String instructor;
  private String workshopId;

  /** Two groups: 가조 with two writers (one of them an editor), 나조 whose one student writes nothing. */
  @BeforeEach
  void runAnExercise(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("WORKSHOP_TIME_ZONE", "Asia/Seoul",
        "WORKSHOP_NUDGE_NO_CARD_SECONDS", "30", "WORKSHOP_NUDGE_IDLE_SECONDS", "45"));
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groupNames",
        new JsonArray().add("가조").add("나조")));
    workshopId = created.getString("id");
    JsonObject a = server.join(created.getString("joinCode"), "김하나");
    JsonObject b = server.join(created.getString("joinCode"), "=이둘");
    JsonObject c = server.join(created.getString("joinCode"), "박셋");
    try (TestSocket teacher = server.socket(); TestSocket sa = server.socket(); TestSocket sc = server.socket();
        TestSocket sb = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      sa.send(new JsonObject().put("type", "hello").put("token", a.getString("token")));
      sa.awaitType("welcome");
      sc.send(new JsonObject().put("type", "hello").put("token", c.getString("token")));
      sc.awaitType("welcome");
      sb.send(new JsonObject().put("type", "hello").put("token", b.getString("token")));
      sb.awaitType("welcome");
      sa.awaitReply(sa.op("card.add", new JsonObject().put("cardId", "a1").put("prompt", "p1").put("text", "레거시")));
      sc.awaitReply(sc.op("card.add", new JsonObject().put("cardId", "a2").put("prompt", "p3").put("text", "파일럿")));
      sc.awaitReply(sc.op("card.edit", new JsonObject().put("cardId", "a1").put("text", "레거시 ERP")));
      sb.awaitReply(sb.op("help.request", new JsonObject()));
      teacher.awaitReply(teacher.op("help.clear", new JsonObject().put("groupId", "g2")));
      sa.awaitReply(sa.op("group.submit", new JsonObject().put("submitted", true)));
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  @DisplayName("analytics-csv has one row per group, with the cards export's BOM, quoting and formula defusing")
  void csv() {
    TestServer.Response r = server.get("/api/workshops/" + workshopId + "/export?format=analytics-csv", instructor);
    assertThat(r.status()).isEqualTo(200);
    String csv = r.body();
    assertThat(csv).startsWith("\uFEFFworkshop_id,session,exercise,group_id,group_name,members");
    List<List<String>> rows = ExportTest.parseCsv(csv.substring(1));
    assertThat(rows).hasSize(3);
    List<String> h = rows.get(0);
    assertThat(h).contains("cards_p1", "cards_p2", "cards_p3", "help_waits_seconds", "first_card_seconds");
    List<String> g1 = rows.get(1);
    assertThat(g1.get(h.indexOf("group_name"))).isEqualTo("가조");
    assertThat(g1.get(h.indexOf("member_names"))).isEqualTo("김하나, 박셋");
    assertThat(g1.get(h.indexOf("contributors"))).isEqualTo("2");
    assertThat(g1.get(h.indexOf("silent_members"))).isEmpty();
    assertThat(g1.get(h.indexOf("cards"))).isEqualTo("2");
    assertThat(g1.get(h.indexOf("cards_p1"))).isEqualTo("1");
    assertThat(g1.get(h.indexOf("cards_p3"))).isEqualTo("1");
    assertThat(g1.get(h.indexOf("edits"))).isEqualTo("1");
    assertThat(g1.get(h.indexOf("submitted_at"))).endsWith("+09:00");
    assertThat(Double.parseDouble(g1.get(h.indexOf("first_card_seconds")))).isBetween(0.0, 60.0);
    List<String> g2 = rows.get(2);
    assertThat(g2.get(h.indexOf("silent_members"))).isEqualTo("'=이둘");
    assertThat(g2.get(h.indexOf("first_card_seconds"))).isEmpty();
    assertThat(g2.get(h.indexOf("help_requests"))).isEqualTo("1");
    assertThat(Double.parseDouble(g2.get(h.indexOf("help_waits_seconds")))).isBetween(0.0, 60.0);
    assertThat(r.headers().firstValue("content-disposition").orElse("")).contains("workshop-" + workshopId + "-analytics.csv");
  }

  @Test
  @DisplayName("The JSON export carries an analytics object; the dashboard's analytics route gives the configured nudge thresholds")
  void json() {
    JsonObject json = new JsonObject(server.get("/api/workshops/" + workshopId + "/export?format=json", instructor)
        .body());
    JsonObject analytics = json.getJsonObject("analytics");
    assertThat(analytics.getLong("startedAt")).isPositive();
    JsonObject g1 = analytics.getJsonArray("groups").getJsonObject(0);
    assertThat(g1.getJsonObject("cardsPerPrompt").getInteger("p1")).isEqualTo(1);
    assertThat(g1.getInteger("edits")).isEqualTo(1);
    assertThat(analytics.getJsonObject("class").getJsonArray("silentStudents")).containsExactly("=이둘");
    assertThat(analytics.getJsonObject("class").getJsonArray("mostlyEmptyPrompts")).containsExactly("p2");

    TestServer.Response live = server.get("/api/workshops/" + workshopId + "/analytics", instructor);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getJsonObject("nudgeRules"))
        .isEqualTo(new JsonObject().put("noCardMs", 30_000).put("idleMs", 45_000));
    assertThat(server.get("/api/workshops/nope/analytics", instructor).status()).isEqualTo(404);
    assertThat(server.get("/api/workshops/" + workshopId + "/analytics", null).status()).isEqualTo(401);
  }
}
