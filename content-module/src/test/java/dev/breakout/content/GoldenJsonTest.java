package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoldenJsonTest {

  @Test
  @DisplayName("The JSON of the bundled Session 7 is exactly the checked-in golden file")
  void session7MatchesGolden() {
    String expected = Documents.resource("/golden/week1-day1-session7.json").replace("\r\n", "\n");
    assertThat(SessionJson.toJson(Documents.parse(Documents.session7()))).isEqualTo(expected);
  }
}
