package dev.breakout.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakout.content.ContentLibrary;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ThesaurusTest {

  @Test
  @DisplayName("reads groups, their terms and the ignore line; comments and blank lines are skipped")
  void parses() {
    Thesaurus thesaurus = Thesaurus.parse("""
        # comment

        예산: 비용, 투자 ,돈,
        저항: 변화를 두려워함
        -: 부족, 도입
        """);

    assertThat(thesaurus.groups()).containsExactly(
        new Thesaurus.Group("예산", List.of("예산", "비용", "투자", "돈")),
        new Thesaurus.Group("저항", List.of("저항", "변화를 두려워함")));
    assertThat(thesaurus.ignored()).containsExactly("부족", "도입");
  }

  @Test
  @DisplayName("a line without a colon or without a name is an error naming its line")
  void errorsNameTheLine() {
    assertThatThrownBy(() -> Thesaurus.parse("예산: 비용\n비용 투자\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    assertThatThrownBy(() -> Thesaurus.parse(": 비용"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
  }

  @Test
  @DisplayName("the bundled thesaurus parses and has the groups the course relies on")
  void bundled() {
    Thesaurus thesaurus = Thesaurus.bundled();
    assertThat(thesaurus.groups()).extracting(Thesaurus.Group::name)
        .contains("CI/CD", "Kubernetes", "예산", "문화적 저항", "인력");
    assertThat(thesaurus.ignored()).contains("부족");
  }

  @Test
  @DisplayName("a course's own thesaurus replaces the bundled one: without it 예산 and 비용 are different words")
  void ownThesaurus() {
    Synthesizer own = Synthesizer.forSessions(ContentLibrary.bundled(), Thesaurus.parse("돈: 예산, 비용"));
    assertThat(own.words("예산").get(0).key()).isEqualTo(own.words("비용").get(0).key()).isEqualTo("#돈");
    Synthesizer none = Synthesizer.forSessions(ContentLibrary.bundled(), Thesaurus.empty());
    assertThat(none.words("예산").get(0).key()).isEqualTo("예산");
    assertThat(none.words("비용").get(0).key()).isEqualTo("비용");
  }
}
