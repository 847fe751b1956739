package dev.breakout.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Exports")
class ExportTest {
  private static final String TRICKY = "쉼표, \"따옴표\" 그리고\n줄바꿈";
  private TestServer server;
  private String instructor;
  private String workshopId;

  @BeforeEach
  void runAnExercise(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of("WORKSHOP_TIME_ZONE", "Asia/Seoul"));
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groupNames",
        new JsonArray().add("가조").add("나조")));
    workshopId = created.getString("id");
    JsonObject a = server.join(created.getString("joinCode"), "김하나");
    JsonObject b = server.join(created.getString("joinCode"), "이둘");
    try (TestSocket teacher = server.socket(); TestSocket sa = server.socket(); TestSocket sb = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      sa.send(new JsonObject().put("type", "hello").put("token", a.getString("token")));
      sa.awaitType("welcome");
      sb.send(new JsonObject().put("type", "hello").put("token", b.getString("token")));
      sb.awaitType("welcome");
      sa.awaitReply(sa.op("card.add", new JsonObject().put("cardId", "a1").put("prompt", "p1").put("text", TRICKY)));
      sa.awaitReply(sa.op("card.add", new JsonObject().put("cardId", "a2").put("prompt", "p3")
          .put("text", "파일럿 프로젝트").put("label", "1단계 (0-3개월)")));
      sa.awaitReply(sa.op("card.add", new JsonObject().put("cardId", "a3").put("prompt", "p3")
          .put("text", "전사 확대").put("label", "2단계")));
      sa.awaitReply(sa.op("card.move", new JsonObject().put("cardId", "a3").put("index", 0)));
      sa.awaitReply(sa.op("group.submit", new JsonObject().put("submitted", true)));
      sb.awaitReply(sb.op("card.add", new JsonObject().put("cardId", "b1").put("prompt", "p2")
          .put("text", "=HYPERLINK(\"http://x\")")));
      teacher.awaitReply(teacher.op("feedback", new JsonObject().put("groupId", "g1").put("text", "로드맵이 좋습니다")));
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private String export(String format) {
    TestServer.Response r = server.get("/api/workshops/" + workshopId + "/export?format=" + format, instructor);
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  @Test
  @DisplayName("CSV has a BOM, one row per card, RFC 4180 quoting, and defuses formulas")
  void csv() {
    String csv = export("csv");
    assertThat(csv).startsWith("\uFEFFworkshop_id,session,exercise,group_id");
    List<List<String>> rows = parseCsv(csv.substring(1));
    assertThat(rows).hasSize(1 + 4);
    List<String> header = rows.get(0);
    List<String> first = rows.get(1);
    assertThat(first.get(header.indexOf("group_name"))).isEqualTo("가조");
    assertThat(first.get(header.indexOf("text"))).isEqualTo(TRICKY);
    assertThat(first.get(header.indexOf("author"))).isEqualTo("김하나");
    assertThat(first.get(header.indexOf("submitted"))).isEqualTo("true");
    assertThat(first.get(header.indexOf("created_at"))).endsWith("+09:00");
    List<String> step1 = rows.get(2);
    assertThat(step1.get(header.indexOf("text"))).isEqualTo("전사 확대");
    assertThat(step1.get(header.indexOf("position"))).isEqualTo("1");
    assertThat(step1.get(header.indexOf("label"))).isEqualTo("2단계");
    assertThat(rows.get(3).get(header.indexOf("label"))).isEqualTo("1단계 (0-3개월)");
    assertThat(rows.get(4).get(header.indexOf("text"))).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(csv).contains("\r\n");
  }

  @Test
  @DisplayName("Markdown reads on its own: a heading per group and per prompt, steps numbered with labels, feedback")
  void markdown() {
    String md = export("md");
    assertThat(md).startsWith("# DevOps 성공 사례 분석");
    assertThat(md).contains("## 가조", "## 나조", "### 1. 예상되는 장애물은?", "### 3. 단계별 로드맵 수립");
    assertThat(md).contains("1. **[2단계]** 전사 확대 — 김하나", "2. **[1단계 (0-3개월)]** 파일럿 프로젝트 — 김하나");
    assertThat(md).contains("쉼표, \"따옴표\" 그리고");
    assertThat(md).contains("> 로드맵이 좋습니다");
    assertThat(md).contains("단계 시작 / phase started: 그룹 토론");
    assertThat(md).contains("- 제출 / Submitted: 예 / yes");
  }

  @Test
  @DisplayName("JSON is the complete record: groups, members, cards in order, logs and the timeline")
  void json() {
    JsonObject json = new JsonObject(export("json"));
    assertThat(json.getString("timeZone")).isEqualTo("Asia/Seoul");
    JsonObject g1 = json.getJsonArray("groups").getJsonObject(0);
    assertThat(g1.getJsonArray("members").getJsonObject(0).getString("name")).isEqualTo("김하나");
    assertThat(g1.getJsonObject("cards").getJsonArray("p1").getJsonObject(0).getString("text")).isEqualTo(TRICKY);
    assertThat(g1.getJsonObject("cards").getJsonArray("p3").getJsonObject(0).getString("cardId")).isEqualTo("a3");
    assertThat(g1.getBoolean("submitted")).isTrue();
    assertThat(g1.getJsonArray("feedback").getJsonObject(0).getString("text")).isEqualTo("로드맵이 좋습니다");
    JsonArray log = g1.getJsonArray("log");
    for (int i = 0; i < log.size(); i++) {
      assertThat(log.getJsonObject(i).getLong("seq")).isEqualTo(i + 1L);
    }
    assertThat(json.getJsonArray("timeline").getJsonObject(0).getJsonObject("event").getString("type"))
        .isEqualTo("phase.changed");
    assertThat(json.getJsonArray("students")).hasSize(2);
    assertThat(json.encode()).doesNotContain("rejoinKey");
  }

  @Test
  @DisplayName("Deleting a workshop removes it and its students for good")
  void delete() {
    assertThat(server.delete("/api/workshops/" + workshopId, instructor).status()).isEqualTo(204);
    assertThat(server.get("/api/workshops/" + workshopId, instructor).status()).isEqualTo(404);
    assertThat(server.get("/api/workshops", instructor).array()).isEmpty();
  }

  /** A strict RFC 4180 reader, so the test checks the quoting rather than trusting it. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }
}
