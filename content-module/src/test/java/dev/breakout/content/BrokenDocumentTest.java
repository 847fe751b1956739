package dev.breakout.content;

import static dev.breakout.content.Documents.MINIMAL;
import static dev.breakout.content.Documents.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A document that breaks the conventions")
class BrokenDocumentTest {

  private static final String EXERCISE_HEADING = "## 실습: 첫 토론 (10분)\n";

  /** MINIMAL with a section put in just before the exercise, i.e. starting at line 9. */
  private static String withSectionAtLine9(String section) {
    return MINIMAL.replace(EXERCISE_HEADING, section + "\n" + EXERCISE_HEADING);
  }

  @Test
  @DisplayName("is accepted as a baseline when nothing is broken")
  void minimalParses() {
    assertThat(Documents.parse(MINIMAL).id()).isEqualTo("week1-day2-session1");
  }

  @Test
  @DisplayName("without any # heading is refused at line 1 for having no title")
  void noTitle() {
    assertThat(problems(MINIMAL.replace("# Session 1: 최소 예시\n", "")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(1, "no title: expected a first heading # Session N: title"));
  }

  @Test
  @DisplayName("with a # heading not of the form 'Session N: title' is refused at that line")
  void malformedTitle() {
    assertThat(problems(MINIMAL.replace("# Session 1: 최소 예시", "# 최소 예시")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(1, "expected the title as # Session N: title, found # 최소 예시"));
  }

  @Test
  @DisplayName("without a position section is refused, naming the section it expected")
  void missingPosition() {
    String document = MINIMAL.replace("## 📍 교과과정에서의 위치\n이 세션은 **Week 1 > Day 2 > Session 1**입니다.\n", "");
    assertThat(problems(document)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).startsWith("no position: expected a section ## 📍 교과과정에서의 위치");
    });
  }

  @Test
  @DisplayName("whose position section lacks Week W > Day D > Session S is refused at the section heading")
  void positionNotFound() {
    assertThat(problems(MINIMAL.replace("Week 1 > Day 2", "Week one > Day 2")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(3, "the position section has no **Week W > Day D > Session S**"));
  }

  @Test
  @DisplayName("whose position has a zero number is refused as unreadable at the section heading")
  void positionUnreadable() {
    assertThat(problems(MINIMAL.replace("Week 1 > Day 2", "Week 0 > Day 2")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(3, "cannot read the position 'Week 0 > Day 2 > Session 1': week, day and session"
            + " are whole numbers from 1 to 999"));
  }

  @Test
  @DisplayName("without an exercise section is refused, naming the heading it expected")
  void noExercise() {
    String document = MINIMAL.substring(0, MINIMAL.indexOf(EXERCISE_HEADING));
    assertThat(problems(document)).extracting(Problem::line, Problem::message)
        .containsExactly(tuple(1, "no exercise: expected a section ## 실습: title (N분)"));
  }

  @Test
  @DisplayName("whose discussion phase has no numbered list is refused at the phase heading")
  void noPrompts() {
    assertThat(problems(MINIMAL.replace("1. 서로에게 묻고 싶은 것은?\n", "")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(14, "the discussion phase '그룹 토론' has no prompts: expected a numbered list under it,"
            + " e.g. 1. 예상되는 장애물은?"));
  }

  @Test
  @DisplayName("whose exercise has no phase headings is refused at the exercise heading for phases and prompts")
  void noPhases() {
    String document = MINIMAL.replace("### 그룹 토론 (7분)\n1. 서로에게 묻고 싶은 것은?\n\n### 발표 (3분)\n", "");
    assertThat(problems(document)).extracting(Problem::line).containsExactly(9, 9);
    assertThat(problems(document)).extracting(Problem::message).satisfiesExactly(
        m -> assertThat(m).startsWith("the exercise has no phases: expected ### headings with a minute budget"),
        m -> assertThat(m).startsWith("the exercise has no prompts: expected a discussion phase"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"(분)", "(다섯분)", "(0분)", "(99999분)"})
  @DisplayName("with a minute budget that cannot be read is refused at that heading")
  void unreadableBudget(String budget) {
    assertThat(problems(MINIMAL.replace("## 학습 목표 (5분)", "## 학습 목표 " + budget)))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(6, "cannot read the minute budget '" + budget + "': expected (N분) with N a whole"
            + " number of minutes from 1 to 1440, e.g. (25분)"));
  }

  @Test
  @DisplayName("with an empty list item is refused at the item's line")
  void emptyListItem() {
    assertThat(problems(MINIMAL.replace("- 형식 익히기\n", "- 형식 익히기\n-\n")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(8, "empty list item: expected text after the list marker"));
  }

  @Test
  @DisplayName("with a failure case missing one of its labels is refused at the case heading, naming the label")
  void failureCaseMissingLabel() {
    String document = withSectionAtLine9("""
        ## 1. 실패 사례 (5분)

        #### 1. 문화적 저항
        **사례**: 대기업 A사
        - **문제**: 갈등
        - **교훈**: 문화
        """);
    assertThat(problems(document)).extracting(Problem::line, Problem::message)
        .containsExactly(tuple(11, "failure case '문화적 저항' has no **원인**: expected a line - **원인**: ..."));
  }

  @Test
  @DisplayName("with an SVG diagram that does not parse is refused at the line of the SVG error")
  void svgDoesNotParse() {
    String document = withSectionAtLine9("""
        ## 1. 글로벌 사례 (5분)

        ### Netflix

        #### 구조
        ```svg
        <svg xmlns="http://www.w3.org/2000/svg">
          <rect width="10" height="10">
        </svg>
        ```
        """);
    assertThat(problems(document)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(17);
      assertThat(p.message()).startsWith("the svg diagram does not parse: ");
    });
  }

  @Test
  @DisplayName("with an SVG that declares a DOCTYPE (the door to external entities) is refused at that line")
  void svgWithDoctype() {
    String document = withSectionAtLine9("""
        ## 1. 글로벌 사례 (5분)

        ### Netflix

        #### 구조
        ```svg
        <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
        ```
        """);
    assertThat(problems(document)).extracting(Problem::line, Problem::message)
        .containsExactly(tuple(15, "the svg diagram does not parse: a DOCTYPE is not allowed in a diagram"));
  }

  @Test
  @DisplayName("of more than 1 MiB is refused before it is parsed")
  void tooLarge() {
    String document = MINIMAL + "x".repeat(SessionParser.MAX_BYTES);
    assertThat(problems(document)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.message()).contains("the limit is 1 MiB");
    });
  }

  @Test
  @DisplayName("with several problems reports all of them together in line order")
  void allProblemsTogether() {
    String document = MINIMAL
        .replace("# Session 1: 최소 예시", "# 최소 예시")
        .replace("(5분)", "(다섯분)")
        .replace("- 형식 익히기\n", "- 형식 익히기\n-\n")
        .replace("1. 서로에게 묻고 싶은 것은?\n", "");
    assertThat(problems(document)).extracting(Problem::line).containsExactly(1, 6, 8, 15);
  }

  @Test
  @DisplayName("lists every problem in the exception message as source:LINE: message")
  void messageFormat() {
    String document = MINIMAL.replace("# Session 1: 최소 예시", "# 최소 예시").replace("(5분)", "(분)");
    assertThatThrownBy(() -> SessionParser.parse(document, "week1.md"))
        .isInstanceOf(ContentException.class)
        .hasMessage("week1.md:1: expected the title as # Session N: title, found # 최소 예시\n"
            + "week1.md:6: cannot read the minute budget '(분)': expected (N분) with N a whole number of minutes"
            + " from 1 to 1440, e.g. (25분)");
  }
}
