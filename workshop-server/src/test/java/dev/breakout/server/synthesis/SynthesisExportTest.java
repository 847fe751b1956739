package dev.breakout.server.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The synthesis in the exports")
class SynthesisExportTest {

  @Test
  @DisplayName("The Markdown export ends with a Synthesis section and the JSON export holds the whole synthesis; the CSV stays one row per card")
  void exportsCarryTheSynthesis(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx); Classroom room = new Classroom(server, 3)) {
      room.card(0, "a1", "p1", "예산이 부족함");
      room.card(1, "b1", "p1", "예산 부족");
      room.card(2, "c1", "p1", "레거시 시스템과의 통합");
      room.card(2, "c2", "p2", "경영진 설득");
      assertThat(room.instructorOp("synthesis.rename", new JsonObject().put("prompt", "p1").put("cardId", "a1")
          .put("label", "예산*과* 비용")).getString("type")).isEqualTo("ack");
      JsonObject synthesis = room.synthesis();

      ApiClient.Response md = server.get("/api/workshops/" + room.workshopId + "/export?format=md", room.instructor);
      assertThat(md.status()).isEqualTo(200);
      String text = md.body();
      String section = text.substring(text.indexOf("## 종합 / Synthesis"));
      assertThat(section).contains("### 1. 예상되는 장애물은?", "**예산\\*과\\* 비용** — 2개 조 / 2 groups (1조, 2조)",
          "  - 1조: 예산이 부족함", "  - 2조: 예산 부족", "이 조만의 아이디어 / Ideas only one group had:",
          "  - 3조: 레거시 시스템과의 통합", "### 수업 내용과의 연결 / Lesson coverage",
          "아무 조도 언급하지 않음 / Raised by no group: ");

      ApiClient.Response json = server.get("/api/workshops/" + room.workshopId + "/export?format=json",
          room.instructor);
      JsonObject exported = json.json().getJsonObject("synthesis");
      assertThat(exported.getJsonArray("prompts")).isEqualTo(synthesis.getJsonArray("prompts"));
      assertThat(exported.getJsonArray("lesson")).isEqualTo(synthesis.getJsonArray("lesson"));

      ApiClient.Response csv = server.get("/api/workshops/" + room.workshopId + "/export?format=csv",
          room.instructor);
      assertThat(csv.body().split("\r\n")).hasSize(5);
    }
  }
}
