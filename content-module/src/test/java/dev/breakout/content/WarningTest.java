package dev.breakout.content;

import static dev.breakout.content.Documents.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A usable document with something to look at")
class WarningTest {

  @Test
  @DisplayName("whose phases do not add up to the exercise budget parses with a warning at the exercise heading")
  void phasesDoNotAddUp() {
    Session session = Documents.parse(MINIMAL.replace("## 실습: 첫 토론 (10분)", "## 실습: 첫 토론 (12분)"));
    assertThat(session.warnings()).extracting(Session.Warning::line, Session.Warning::message)
        .containsExactly(tuple(9, "the phases add up to 10 minutes but the exercise is given 12 minutes"));
  }

  @Test
  @DisplayName("with text the model has no place for parses with a warning naming that line")
  void unreadText() {
    Session session = Documents.parse(MINIMAL.replace("- 형식 익히기\n", "- 형식 익히기\n\n목표는 세 가지입니다.\n"));
    assertThat(session.warnings()).extracting(Session.Warning::line, Session.Warning::message)
        .containsExactly(tuple(9, "this paragraph is not read: the learning objectives are the items of a list"));
  }

  @Test
  @DisplayName("with a minute budget on a heading that carries none parses with a warning and drops it from the title")
  void budgetNotRead() {
    Session session = Documents.parse(MINIMAL.replace("# Session 1: 최소 예시", "# Session 1: 최소 예시 (60분)"));
    assertThat(session.title()).isEqualTo("최소 예시");
    assertThat(session.warnings()).extracting(Session.Warning::line).containsExactly(1);
    assertThat(session.warnings().get(0).message()).startsWith("the minute budget (60분) on 'Session 1: 최소 예시' is not read");
  }

  @Test
  @DisplayName("whose title names another session number than the position parses with a warning, the id from the position")
  void titleAndPositionDisagree() {
    Session session = Documents.parse(MINIMAL.replace("# Session 1:", "# Session 2:"));
    assertThat(session.id()).isEqualTo("week1-day2-session1");
    assertThat(session.warnings()).extracting(Session.Warning::line).containsExactly(1);
  }
}
