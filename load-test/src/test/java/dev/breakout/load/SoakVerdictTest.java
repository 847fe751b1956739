package dev.breakout.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.breakout.load.SoakRun.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The soak's verdict on the heap readings it took (no server). */
class SoakVerdictTest {

  @Test
  @DisplayName("The slope is the least-squares line through the readings, in KiB per workshop")
  void slopeIsLeastSquares() {
    // heap = 40,000 + 3 KiB per workshop, with a wobble that cancels out around the line
    List<Sample> s = List.of(sample(0, 40_000, 0), sample(20, 40_062, 20), sample(40, 40_118, 40),
        sample(60, 40_182, 60));
    assertThat(SoakVerdict.slopeKiBPerWorkshop(s)).isCloseTo(3.0, within(0.05));
    assertThat(SoakVerdict.slopeKiBPerWorkshop(List.of(sample(0, 1, 0)))).isNaN();
  }

  @Test
  @DisplayName("Heap that follows the workshops still loaded is flat: the fit tells it from what a workshop leaves behind")
  void heapFollowingLoadedWorkshopsIsFlat() {
    List<Sample> all = new ArrayList<>();
    // Ended workshops stay loaded for idleUnloadSeconds: 870 KiB each. Loaded follows every
    // workshop until 40, then creeps up by one in five as the run speeds up. Nothing else stays.
    for (int w = 0; w <= 200; w += 20) {
      double loaded = w <= 40 ? w : 40 + (w - 40) / 5.0;
      all.add(sample(w, 40_000 + Math.round(870 * loaded) + (w % 40 == 0 ? 8 : 0), loaded));
    }
    double[] fit = SoakVerdict.fit(all);
    assertThat(fit[0]).isCloseTo(0, within(0.5));
    assertThat(fit[1]).isCloseTo(870, within(1.0));
    assertThat(SoakVerdict.verdict(all, 16)).startsWith("FLAT (0.0 KiB per workshop run once it has left memory");
    // The plain slope of the second half would have called it growing (174 KiB a workshop).
    assertThat(SoakVerdict.slopeKiBPerWorkshop(SoakVerdict.judged(all))).isGreaterThan(150);
  }

  @Test
  @DisplayName("A heap that keeps growing after workshops leave memory is reported as growing")
  void growthAfterUnloadingIsGrowing() {
    List<Sample> all = new ArrayList<>();
    for (int w = 0; w <= 200; w += 20) {
      double loaded = Math.min(w, 40);
      all.add(sample(w, 40_000 + 64L * w + 870L * (long) loaded, loaded));
    }
    assertThat(SoakVerdict.fit(all)[0]).isCloseTo(64, within(0.5));
    assertThat(SoakVerdict.verdict(all, 16)).startsWith("GROWING (64.0 KiB per workshop run once it has left memory");
  }

  @Test
  @DisplayName("Without the loaded-workshops gauge, the second half of the readings is judged")
  void withoutTheGaugeTheSecondHalfIsJudged() {
    List<Sample> all = new ArrayList<>();
    for (int w = 0; w <= 200; w += 20) {
      all.add(sample(w, 40_000 + 1024L * Math.min(w, 80) + (w % 40 == 0 ? 8 : 0), Double.NaN));
    }
    assertThat(SoakVerdict.fit(all)[0]).isNaN();
    assertThat(SoakVerdict.judged(all)).extracting(Sample::workshops).containsExactly(100, 120, 140, 160, 180, 200);
    assertThat(SoakVerdict.verdict(all, 16)).startsWith("FLAT").contains("from 100 to 200 workshops");
  }

  @Test
  @DisplayName("A run too short for any workshop to leave memory is not judged")
  void tooShortIsNotJudged() {
    List<Sample> all = List.of(sample(0, 40_000, 0), sample(10, 50_000, 10), sample(20, 60_000, 20));
    assertThat(SoakVerdict.fit(all)[0]).isNaN();
    assertThat(SoakVerdict.judged(all)).isEmpty();
    assertThat(SoakVerdict.verdict(all, 16)).startsWith("NOT JUDGED");
  }

  @Test
  @DisplayName("A soak's saved readings are judged again the same way")
  void savedReadingsAreJudgedAgain() {
    io.vertx.core.json.JsonArray samples = new io.vertx.core.json.JsonArray();
    for (int w = 0; w <= 200; w += 20) {
      double loaded = Math.min(w, 40);
      samples.add(new io.vertx.core.json.JsonObject().put("workshops", w).put("elapsedSeconds", w * 10.0)
          .put("heapUsedKiB", 40_000 + 64L * w + 870L * (long) loaded).put("rssKiB", 200_000).put("loadedWorkshops",
              loaded).put("edits", 1000).put("lost", 0).put("errors", 0));
    }
    String out = SoakVerdict.rejudge(new io.vertx.core.json.JsonObject().put("soak",
        new io.vertx.core.json.JsonObject().put("samples", samples)), 16);
    assertThat(out).contains("b = 64.0 KiB per workshop once it has left memory, c = 870 KiB per loaded workshop")
        .contains("Verdict: heap after a full GC GROWING");
  }

  private static Sample sample(int workshops, long heapKiB, double loaded) {
    return new Sample(workshops, workshops * 10.0, heapKiB, heapKiB * 4, loaded, 0, 0, 0, Double.NaN);
  }
}
