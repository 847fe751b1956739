package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocsExampleTest {

  // The format guide sits outside the module; a build of the module alone has nothing to check.
  private static final Path GUIDE = Path.of("../docs/content-format.md");

  @Test
  @DisplayName("The example document in docs/content-format.md parses as the guide says, without warnings")
  void guideExampleParses() throws Exception {
    assumeTrue(Files.exists(GUIDE), "docs/content-format.md is not next to the module");
    String guide = Files.readString(GUIDE);
    int start = guide.indexOf("\n", guide.indexOf("````markdown\n# Session")) + 1;
    String example = guide.substring(start, guide.indexOf("````", start));
    Session session = Documents.parse(example);
    assertThat(session.id()).isEqualTo("week1-day2-session3");
    assertThat(session.sectionMinutesTotal()).isEqualTo(35);
    assertThat(session.caseStudies()).singleElement().extracting(c -> c.metrics().size()).isEqualTo(2);
    assertThat(session.failureCases()).hasSize(1);
    assertThat(session.successFactors()).hasSize(1);
    assertThat(session.diagrams()).hasSize(1);
    assertThat(session.exercise().prompts()).extracting(Exercise.Prompt::kind)
        .containsExactly(Exercise.PromptKind.LIST, Exercise.PromptKind.STEPS);
    assertThat(session.exercise().phases()).extracting(Exercise.Phase::minutes).containsExactly(7, 3);
    assertThat(session.warnings()).isEmpty();
  }
}
