package dev.breakout.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The Markdown export shows students' text as text in any viewer")
class MarkdownExportEscapingTest {
  private TestServer server;
  private String instructor;
  private String workshopId;
  private String joinCode;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1)
        .put("groupNames", new io.vertx.core.json.JsonArray().add("<b>1조</b>")));
    workshopId = created.getString("id");
    joinCode = created.getString("joinCode");
    try (TestSocket teacher = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private void card(TestSocket s, String id, String text, String label) throws Exception {
    JsonObject op = new JsonObject().put("cardId", id).put("prompt", id.startsWith("s") ? "p3" : "p1").put("text", text);
    if (label != null) {
      op.put("label", label);
    }
    assertThat(s.awaitReply(s.op("card.add", op)).getString("type")).isEqualTo("ack");
  }

  @Test
  @DisplayName("Script tags, onerror images, javascript: links and images become inert text; Korean and punctuation stay readable")
  void hostileTextIsInert() throws Exception {
    JsonObject attacker = server.join(joinCode, "<img src=x onerror=alert(1)>");
    JsonObject bystander = server.join(joinCode, "지우");
    try (TestSocket a = server.socket(); TestSocket b = server.socket()) {
      a.send(new JsonObject().put("type", "hello").put("token", attacker.getString("token")));
      a.awaitType("welcome");
      b.send(new JsonObject().put("type", "hello").put("token", bystander.getString("token")));
      b.awaitType("welcome");
      card(a, "c1", "<script>alert(document.cookie)</script>", null);
      card(a, "c2", "[눌러 보세요](javascript:alert(1)) ![x](javascript:alert(2)) <javascript:alert(3)>", null);
      card(a, "c3", "# 제목 아님\n- 목록 아님\n[ref]: javascript:alert(4)", null);
      card(a, "s1", "파일럿", "<iframe src=//evil>");
      card(b, "c4", "비용 절감(30%)! 정말? 3~5명: R&D, \"따옴표\" 'ok' / 끝.", null);
      String edit = b.op("card.add", new JsonObject().put("cardId", "c5").put("prompt", "p1").put("text", "평범한 답"));
      assertThat(b.awaitReply(edit).getString("type")).isEqualTo("ack");
    }
    String md = server.get("/api/workshops/" + workshopId + "/export?format=md", instructor).body();
    assertThat(md).contains("- &lt;script&gt;alert(document.cookie)&lt;/script&gt; — &lt;img src=x onerror=alert(1)&gt;");
    assertThat(md).contains("- \\[눌러 보세요\\](javascript:alert(1)) !\\[x\\](javascript:alert(2)) &lt;javascript:alert(3)&gt;");
    assertThat(md).contains("- \\# 제목 아님  \n  \\- 목록 아님  \n  \\[ref\\]: javascript:alert(4)");
    assertThat(md).contains("**[&lt;iframe src=//evil&gt;]** 파일럿");
    assertThat(md).contains("- 비용 절감(30%)! 정말? 3~5명: R&D, \"따옴표\" 'ok' / 끝. — 지우");
    assertThat(md).contains("- 평범한 답 — 지우");
    assertThat(md).contains("## &lt;b&gt;1조&lt;/b&gt;");

    // What a viewer that renders HTML in Markdown would show: no element, no link, no image.
    String html = HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
    assertThat(html).doesNotContain("<script", "<img", "<iframe", "<b>", "href=", "src=\"");
    assertThat(html).contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;", "비용 절감(30%)! 정말? 3~5명: R&amp;D");
    // The bystander's board is as they wrote it.
    JsonObject cards = server.get("/api/workshops/" + workshopId, instructor).json().getJsonArray("groups")
        .getJsonObject(0).getJsonObject("cards");
    assertThat(cards.getJsonArray("p1").stream().map(c -> ((JsonObject) c).getString("text")))
        .contains("비용 절감(30%)! 정말? 3~5명: R&D, \"따옴표\" 'ok' / 끝.", "평범한 답");
  }
}
