package dev.breakout.content;

import static dev.breakout.content.Documents.MINIMAL;
import static dev.breakout.content.Documents.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("A prompt's short label, for the phone's tabs")
class PromptLabelsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "예상되는 장애물은?, 장애물",
      "성공을 위한 전략은?, 전략",
      "단계별 로드맵 수립, 로드맵 수립",
      "서로에게 묻고 싶은 것은?, 싶은 것",
      "위험 요소, 위험 요소",
      "Who decides?, Who decides",
      "What is at risk?, risk",
      "이 프로젝트에서 가장먼저해결해야하는문제점들은?, 가장먼저해결해야하는문…"})
  @DisplayName("is derived from the prompt's text when the document gives none: its head word, at most 12 characters")
  void derived(String text, String label) {
    assertThat(PromptLabels.derive(text)).isEqualTo(label);
    assertThat(new Exercise.Prompt("p1", text, Exercise.PromptKind.LIST).shortLabel()).isEqualTo(label);
  }

  @Test
  @DisplayName("is taken from braces at the end of the prompt, which leave the prompt's text")
  void given() {
    Session s = Documents.parse(MINIMAL.replace("1. 서로에게 묻고 싶은 것은?", "1. 서로에게 묻고 싶은 것은? {궁금한 점}"));
    assertThat(s.exercise().prompts()).singleElement().satisfies(p -> {
      assertThat(p.text()).isEqualTo("서로에게 묻고 싶은 것은?");
      assertThat(p.shortLabel()).isEqualTo("궁금한 점");
    });
  }

  @Test
  @DisplayName("given empty or longer than 12 characters, refuses the document at the prompt's line")
  void givenTooLong() {
    assertThat(problems(MINIMAL.replace("것은?", "것은? {서로에게 묻고 싶은 것들}")))
        .extracting(Problem::line, Problem::message)
        .containsExactly(tuple(15, "a prompt's short label (in braces at its end, e.g. {장애물}) needs 1 to 12"
            + " characters, got '서로에게 묻고 싶은 것들'"));
    assertThat(problems(MINIMAL.replace("것은?", "것은? { }"))).extracting(Problem::line).containsExactly(15);
  }
}
