package dev.breakout.content;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Safe HTML fragments of a session for the classroom pages: every piece of text is escaped, diagrams are the
 * sanitised SVG of the model. Each method returns one self-contained fragment without page chrome or styles.
 */
public final class SessionHtml {

  private SessionHtml() {}

  /** The whole session, in the order a participant reads it. */
  public static String session(Session s) {
    StringBuilder out = new StringBuilder();
    out.append("<article class=\"session\" data-session-id=\"").append(attribute(s.id())).append("\">\n");
    out.append("<header><h1>").append(escape(s.title())).append("</h1>");
    if (s.position() != null) {
      out.append("<p class=\"position\">Week ").append(s.position().week()).append(" · Day ")
          .append(s.position().day()).append(" · Session ").append(s.position().session()).append("</p>");
    }
    out.append("</header>\n");
    if (s.introduction() != null) {
      out.append("<section class=\"introduction\">").append(paragraph(s.introduction())).append("</section>\n");
    }
    agenda(s, out);
    if (!s.objectives().isEmpty()) {
      out.append("<section class=\"objectives\"><h2>학습 목표</h2>").append(list("ul", s.objectives()))
          .append("</section>\n");
    }
    caseStudies(s.caseStudies(), out);
    failures(s, out);
    if (s.exercise() != null) {
      out.append(exercise(s.exercise()));
    }
    s.diagrams().forEach(d -> out.append(diagram(d)));
    if (s.nextSession() != null) {
      out.append("<section class=\"next-session\"><h2>다음 세션 예고</h2>").append(paragraph(s.nextSession()))
          .append("</section>\n");
    }
    references(s.references(), out);
    return out.append("</article>\n").toString();
  }

  public static String caseStudy(Session.CaseStudy c) {
    StringBuilder out = new StringBuilder("<article class=\"case-study\">\n<h3>").append(escape(c.company()));
    if (c.subtitle() != null) {
      out.append(": <span class=\"subtitle\">").append(escape(c.subtitle())).append("</span>");
    }
    out.append("</h3>\n");
    for (Session.Subsection sub : c.subsections()) {
      if (sub.title() != null) {
        out.append("<h4>").append(escape(sub.title())).append("</h4>");
      }
      if (!sub.items().isEmpty()) {
        out.append(list("ul", sub.items()));
      }
      out.append('\n');
    }
    if (!c.metrics().isEmpty()) {
      out.append("<dl class=\"metrics\">");
      c.metrics().forEach(m -> out.append("<dt>").append(escape(m.label())).append("</dt><dd>")
          .append(escape(m.value())).append("</dd>"));
      out.append("</dl>\n");
    }
    return out.append("</article>\n").toString();
  }

  public static String failureCase(Session.FailureCase f) {
    return "<article class=\"failure-case\">\n<h3>" + escape(f.title()) + "</h3>\n<dl>"
        + "<dt>사례</dt><dd>" + escape(f.example()) + "</dd>"
        + "<dt>문제</dt><dd>" + escape(f.problem()) + "</dd>"
        + "<dt>원인</dt><dd>" + escape(f.cause()) + "</dd>"
        + "<dt>교훈</dt><dd>" + escape(f.lesson()) + "</dd></dl>\n</article>\n";
  }

  public static String exercise(Exercise e) {
    StringBuilder out = new StringBuilder("<section class=\"exercise\">\n<h2>실습: ").append(escape(e.title()));
    if (e.minutes() != null) {
      out.append(" <span class=\"minutes\">(").append(e.minutes()).append("분)</span>");
    }
    out.append("</h2>\n");
    if (e.scenario() != null) {
      out.append("<blockquote class=\"scenario\">").append(paragraph(e.scenario())).append("</blockquote>\n");
    }
    if (!e.conditions().isEmpty()) {
      out.append("<h3>주어진 조건</h3>").append(list("ul", e.conditions())).append('\n');
    }
    out.append("<ol class=\"phases\">");
    for (Exercise.Phase phase : e.phases()) {
      out.append("<li data-phase-id=\"").append(attribute(phase.id())).append("\" data-kind=\"")
          .append(attribute(phase.kind().json())).append("\">").append(escape(phase.title()))
          .append(" <span class=\"minutes\">(").append(phase.minutes()).append("분)</span></li>");
    }
    out.append("</ol>\n<ol class=\"prompts\">");
    for (Exercise.Prompt prompt : e.prompts()) {
      out.append("<li data-prompt-id=\"").append(attribute(prompt.id())).append("\" data-kind=\"")
          .append(attribute(prompt.kind().json())).append("\">").append(escape(prompt.text())).append("</li>");
    }
    return out.append("</ol>\n</section>\n").toString();
  }

  /**
   * A diagram as a figure. The SVG is sanitised again on the way out because a {@link Session} can be built by
   * any code, not only by the parser; sanitising is idempotent, so parsed diagrams come out unchanged.
   */
  public static String diagram(Session.Diagram d) {
    StringBuilder out = new StringBuilder("<figure class=\"diagram\">\n");
    try {
      out.append(SvgSanitizer.sanitize(d.svg()));
    } catch (IllegalArgumentException e) {
      out.append("<p class=\"diagram-unavailable\">").append(escape("diagram not shown: " + e.getMessage()))
          .append("</p>");
    }
    out.append('\n');
    if (d.title() != null) {
      out.append("<figcaption>").append(escape(d.title())).append("</figcaption>\n");
    }
    return out.append("</figure>\n").toString();
  }

  private static void agenda(Session s, StringBuilder out) {
    out.append("<section class=\"agenda\"><h2>진행 순서</h2><ol>");
    for (Session.Section section : s.sections()) {
      out.append("<li>").append(escape(section.title()));
      if (section.minutes() != null) {
        out.append(" <span class=\"minutes\">(").append(section.minutes()).append("분)</span>");
      }
      out.append("</li>");
    }
    out.append("</ol><p class=\"total\">합계 ").append(s.sectionMinutesTotal()).append("분</p></section>\n");
  }

  private static void caseStudies(List<Session.CaseStudy> caseStudies, StringBuilder out) {
    for (int i = 0; i < caseStudies.size(); i++) {
      Session.CaseStudy c = caseStudies.get(i);
      boolean firstOfGroup = i == 0 || !Objects.equals(caseStudies.get(i - 1).group(), c.group());
      if (firstOfGroup) {
        out.append(i == 0 ? "" : "</section>\n").append("<section class=\"case-studies\"><h2>")
            .append(escape(c.group())).append("</h2>\n");
      }
      out.append(caseStudy(c));
    }
    if (!caseStudies.isEmpty()) {
      out.append("</section>\n");
    }
  }

  private static void failures(Session s, StringBuilder out) {
    if (s.failureCases().isEmpty() && s.successFactors().isEmpty()) {
      return;
    }
    out.append("<section class=\"failure-cases\"><h2>실패 사례와 교훈</h2>\n");
    s.failureCases().forEach(f -> out.append(failureCase(f)));
    if (!s.successFactors().isEmpty()) {
      out.append("<h3>성공을 위한 핵심 요소</h3>").append(list("ol", s.successFactors())).append('\n');
    }
    out.append("</section>\n");
  }

  private static void references(List<Session.Reference> references, StringBuilder out) {
    if (references.isEmpty()) {
      return;
    }
    out.append("<section class=\"references\"><h2>참고 자료</h2><ul>");
    for (Session.Reference r : references) {
      out.append("<li>");
      // Only web addresses become links: a javascript: or data: address must not be clickable.
      if (r.url().toLowerCase(Locale.ROOT).matches("https?://.+")) {
        out.append("<a href=\"").append(attribute(r.url())).append("\" rel=\"noopener noreferrer\">")
            .append(escape(r.title())).append("</a>");
      } else {
        out.append(escape(r.title()));
      }
      out.append("</li>");
    }
    out.append("</ul></section>\n");
  }

  private static String list(String tag, List<String> items) {
    StringBuilder out = new StringBuilder("<").append(tag).append('>');
    items.forEach(item -> out.append("<li>").append(escape(item)).append("</li>"));
    return out.append("</").append(tag).append('>').toString();
  }

  private static String paragraph(String text) {
    StringBuilder out = new StringBuilder();
    for (String para : text.split("\n\n")) {
      out.append("<p>").append(escape(para)).append("</p>");
    }
    return out.toString();
  }

  /** Escapes text content; line breaks the author wrote become {@code <br>}. */
  private static String escape(String text) {
    return escape(text, "<br>");
  }

  /** Escapes a double-quoted attribute value. */
  private static String attribute(String text) {
    return escape(text, "&#10;");
  }

  private static String escape(String text, String lineBreak) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append(lineBreak);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
