package dev.breakout.content;

import static dev.breakout.content.Documents.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading text")
class TextReadingTest {

  @Test
  @DisplayName("keeps the address of a link in parentheses after its text")
  void linkKeepsAddress() {
    Session session = Documents.parse(MINIMAL.replace("- 형식 익히기", "- [Spinnaker](https://spinnaker.io) 익히기"));
    assertThat(session.objectives()).containsExactly("Spinnaker (https://spinnaker.io) 익히기");
  }

  @Test
  @DisplayName("keeps a line break inside a paragraph as a newline")
  void softBreakKept() {
    Session session = Documents.parse(MINIMAL.replace("입니다.", "입니다.\n둘째 줄입니다."));
    assertThat(session.introduction()).isEqualTo("이 세션은 Week 1 > Day 2 > Session 1입니다.\n둘째 줄입니다.");
  }

  @Test
  @DisplayName("ignores HTML comments without a warning")
  void commentsIgnored() {
    Session session = Documents.parse(MINIMAL.replace("입니다.\n", "입니다.\n\n<!-- 강사 메모 -->\n"));
    assertThat(session.introduction()).doesNotContain("강사");
    assertThat(session.warnings()).isEmpty();
  }

  @Test
  @DisplayName("collects a diagram inside a list item, titled after the nearest heading, without calling the item empty")
  void diagramInListItem() {
    Session session = Documents.parse(MINIMAL.replace("- 형식 익히기\n",
        "- 형식 익히기\n- ```svg\n  <svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n  ```\n"));
    assertThat(session.diagrams()).singleElement()
        .isEqualTo(new Session.Diagram("학습 목표", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>"));
    assertThat(session.objectives()).containsExactly("형식 익히기");
  }
}
