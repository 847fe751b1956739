package dev.breakout.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The measured quality of docs/synthesis.md: pairwise precision, recall and F1 of the clustering against the
 * labelled answers, on the workshop the method was tuned on and on the held-out one. Writes the figures to
 * {@code target/synthesis-quality.txt}.
 */
class SynthesisQualityTest {

  static Session session;
  static List<LabelledSet.Answer> answers;

  @BeforeAll
  static void load() throws Exception {
    session = QualityReport.session();
    answers = LabelledSet.load();
    Files.deleteIfExists(Path.of("target", "synthesis-quality.txt"));
  }

  @Test
  @DisplayName("the labelled set has at least 150 answers to the three prompts, a held-out part, every prompt")
  void labelledSetShape() {
    assertThat(answers).hasSizeGreaterThanOrEqualTo(150);
    assertThat(LabelledSet.of(answers, "heldout")).hasSizeGreaterThanOrEqualTo(60);
    assertThat(answers).extracting(a -> a.card().promptId()).containsOnly("p1", "p2", "p3");
    assertThat(answers).extracting(a -> a.card().cardId()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("pairwise F1 is at least 0.8 on the tuning and on the held-out workshop, and no cluster mixes prompts")
  void qualityOfTheProduct() throws Exception {
    Synthesizer synthesizer = Synthesizer.forSessions(List.of(session));
    LabelledSet.Score tune = QualityReport.run(synthesizer, session, LabelledSet.of(answers, "tune"));
    LabelledSet.Score heldout = QualityReport.run(synthesizer, session, LabelledSet.of(answers, "heldout"));
    write("product (thresholds of Tuning.DEFAULT)\n  tune:     " + tune + "\n  held-out: " + heldout + "\n");

    assertThat(tune.f1()).isGreaterThanOrEqualTo(0.8);
    assertThat(heldout.f1()).isGreaterThanOrEqualTo(0.8);
    assertThat(tune.crossPromptClusters() + heldout.crossPromptClusters()).isZero();
  }

  @Test
  @DisplayName("each step of the method adds to the F1 on the tuning workshop; the analyzer alone stays near half")
  void eachStepAdds() throws Exception {
    List<LabelledSet.Answer> tune = LabelledSet.of(answers, "tune");
    List<LabelledSet.Answer> heldout = LabelledSet.of(answers, "heldout");
    List<Double> f1 = new ArrayList<>();
    StringBuilder table = new StringBuilder("steps (each at the threshold best for it on the tuning workshop)\n");
    for (QualityReport.Step step : QualityReport.STEPS.subList(0, 4)) {
      Synthesizer synthesizer = Synthesizer.build(List.of(session), Thesaurus.bundled(), step.tuning());
      LabelledSet.Score t = QualityReport.run(synthesizer, session, tune);
      LabelledSet.Score h = QualityReport.run(synthesizer, session, heldout);
      f1.add(t.f1());
      table.append(String.format(Locale.ROOT, "  %-45s tune F1 %.3f  held-out F1 %.3f%n", step.name(), t.f1(), h.f1()));
    }
    write(table.toString());

    assertThat(f1.get(0)).isBetween(0.3, 0.6);
    for (int i = 1; i < f1.size(); i++) {
      assertThat(f1.get(i)).isGreaterThanOrEqualTo(f1.get(i - 1));
    }
  }

  private static synchronized void write(String text) throws Exception {
    Path file = Path.of("target", "synthesis-quality.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
  }
}
