package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The HTML renderer")
class SessionHtmlTest {

  @Test
  @DisplayName("escapes a <script> tag written in the text of a case study")
  void escapesScriptInText() {
    Session.CaseStudy hostile = new Session.CaseStudy("<script>alert(1)</script>", "a \"quoted\" & 'b'", "g",
        List.of(new Session.Subsection("<b>t</b>", List.of("<img src=x onerror=alert(1)>"))),
        List.of(new Session.Metric("<i>", "</dd><script>")));
    String html = SessionHtml.caseStudy(hostile);
    assertThat(html).doesNotContain("<script", "<img", "<b>", "<i>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a &quot;quoted&quot; &amp; &#39;b&#39;",
            "&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  @DisplayName("escapes the text of a document parsed from Markdown that holds a <script> tag")
  void escapesParsedText() {
    Session session = Documents.parse(Documents.MINIMAL.replace("- 형식 익히기", "- `<script>alert(1)</script>` 형식"));
    assertThat(SessionHtml.session(session)).doesNotContain("<script").contains("&lt;script&gt;alert(1)");
  }

  @Test
  @DisplayName("embeds the sanitised SVG of a diagram with its title as caption")
  void embedsDiagram() {
    Session.Diagram diagram = Documents.parse(Documents.session7()).diagrams().get(0);
    String html = SessionHtml.diagram(diagram);
    assertThat(html).startsWith("<figure class=\"diagram\">\n<svg width=\"700\"")
        .contains("<rect x=\"50\"", "<figcaption>DevOps 전략</figcaption>");
  }

  @Test
  @DisplayName("sanitises a diagram again when the model was built by hand with a script in it")
  void resanitisesHandBuiltDiagram() {
    String html = SessionHtml.diagram(new Session.Diagram("d",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script><rect onclick=\"x()\"/></svg>"));
    assertThat(html).doesNotContain("script", "onclick").contains("<rect/>");
  }

  @Test
  @DisplayName("renders the exercise with phase and prompt ids and kinds")
  void exercise() {
    String html = SessionHtml.exercise(Documents.parse(Documents.session7()).exercise());
    assertThat(html).contains("<li data-phase-id=\"phase1\" data-kind=\"discussion\">그룹 토론",
        "<li data-prompt-id=\"p3\" data-kind=\"steps\">단계별 로드맵 수립</li>",
        "<blockquote class=\"scenario\"><p>중견 제조업체에서 ERP 시스템에 DevOps를 도입하려고 합니다.</p></blockquote>");
  }

  @Test
  @DisplayName("links only http(s) references, so a javascript: address is shown as text")
  void referencesLinkOnlyWebAddresses() {
    Session session = Documents.parse(Documents.MINIMAL + "\n## 참고 자료\n- [bad](javascript:alert(1))\n"
        + "- [good](https://example.org/)\n");
    String html = SessionHtml.session(session);
    assertThat(html).doesNotContain("javascript:").contains("<li>bad</li>",
        "<a href=\"https://example.org/\" rel=\"noopener noreferrer\">good</a>");
    assertThat(session.warnings()).singleElement().extracting(Session.Warning::line).isEqualTo(20);
  }

  @Test
  @DisplayName("renders the whole of Session 7 with every part in it")
  void wholeSession() {
    String html = SessionHtml.session(Documents.parse(Documents.session7()));
    assertThat(html).startsWith("<article class=\"session\" data-session-id=\"week1-day1-session7\">")
        .contains("<h1>DevOps 성공 사례 분석</h1>", "<h2>글로벌 기업 성공 사례</h2>", "<h2>국내 기업 사례</h2>",
            "<dt>배포 빈도</dt><dd>하루 수천 번</dd>", "<h3>문화적 저항</h3>", "<svg", "합계 55분",
            "https://sre.google/sre-book/table-of-contents/")
        .endsWith("</article>\n");
  }
}
