package dev.breakout.content;

import static dev.breakout.content.Documents.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("A gallery phase in a course document")
class GalleryPhaseTest {

  @ParameterizedTest(name = "### {0} (2분)")
  @ValueSource(strings = {"갤러리 워크", "Gallery walk", "GALLERY"})
  @DisplayName("a phase titled with 갤러리 or gallery is of kind gallery, between the discussion and the presentation")
  void galleryKind(String title) {
    String doc = MINIMAL.replace("### 발표 (3분)", "### " + title + " (2분)\n\n### 발표 (1분)");
    Exercise exercise = Documents.parse(doc).exercise();
    assertThat(exercise.phases()).extracting(Exercise.Phase::kind).containsExactly(Exercise.PhaseKind.DISCUSSION,
        Exercise.PhaseKind.GALLERY, Exercise.PhaseKind.PRESENTATION);
    assertThat(exercise.phases().get(1).kind().json()).isEqualTo("gallery");
  }
}
