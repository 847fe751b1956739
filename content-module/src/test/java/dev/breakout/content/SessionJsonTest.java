package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The session JSON")
class SessionJsonTest {

  private static Session sessionTitled(String title) {
    Exercise exercise = new Exercise("실습", null, null, List.of(),
        List.of(new Exercise.Prompt("p1", "질문", Exercise.PromptKind.STEPS)),
        List.of(new Exercise.Phase("phase1", "토론", 5, Exercise.PhaseKind.DISCUSSION)));
    return new Session("week1-day1-session1", title, new Session.Position(1, 1, 1), null, List.of(), 0, List.of(),
        List.of(), List.of(), List.of(), exercise, List.of(), null, List.of(), List.of());
  }

  private static String titleJson(String title) {
    String json = SessionJson.toJson(sessionTitled(title));
    int start = json.indexOf("\"title\": ") + "\"title\": ".length();
    return json.substring(start, json.indexOf(",\n", start));
  }

  @Test
  @DisplayName("escapes quotes, backslashes and the named control characters")
  void namedEscapes() {
    assertThat(titleJson("a\"b\\c\nd\re\tf\bg\fh")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\"");
  }

  @Test
  @DisplayName("escapes every other control character, DEL, C1 controls and the line separators as \\u00XX")
  void otherControls() {
    assertThat(titleJson("\u0000\u0001\u001f\u007f\u0085\u009f\u2028\u2029"))
        .isEqualTo("\"\\u0000\\u0001\\u001f\\u007f\\u0085\\u009f\\u2028\\u2029\"");
  }

  @Test
  @DisplayName("writes a character outside the BMP as its whole surrogate pair and escapes an unpaired surrogate")
  void nonBmp() {
    assertThat(titleJson("📚 참고 \uD83D")).isEqualTo("\"📚 참고 \\ud83d\"");
    assertThat(titleJson("\uDE00x\uD83D\uDE00")).isEqualTo("\"\\ude00x😀\"");
  }

  @Test
  @DisplayName("writes absent values as null and enum kinds in lower case")
  void nullsAndEnums() {
    String json = SessionJson.toJson(sessionTitled("t"));
    assertThat(json).contains("\"introduction\": null", "\"nextSession\": null", "\"minutes\": null",
        "\"scenario\": null", "\"kind\": \"steps\"", "\"kind\": \"discussion\"", "\"objectives\": []");
  }

  @Test
  @DisplayName("has the documented top-level fields in order")
  void fieldOrder() {
    String json = SessionJson.toJson(Documents.parse(Documents.session7()));
    List<String> fields = json.lines().filter(l -> l.matches("  \"[a-zA-Z]+\": .*"))
        .map(l -> l.substring(3, l.indexOf('"', 3))).toList();
    assertThat(fields).containsExactly("id", "title", "position", "introduction", "sections", "sectionMinutesTotal",
        "objectives", "caseStudies", "failureCases", "successFactors", "exercise", "diagrams", "nextSession",
        "references", "warnings", "lessonPoints");
  }
}
