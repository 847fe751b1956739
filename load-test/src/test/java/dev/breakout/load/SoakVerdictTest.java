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
    assertThat(SoakRun.slopeKiBPerWorkshop(s)).isCloseTo(3.0, within(0.05));
    assertThat(SoakRun.slopeKiBPerWorkshop(List.of(sample(0, 1, 0)))).isNaN();
  }

  @Test
  @DisplayName("Readings before idle workshops began to leave memory, or in the first half, are not judged")
  void judgesTheSecondHalfOnceIdleWorkshopsLeave() {
    List<Sample> all = new ArrayList<>();
    // Ended workshops stay loaded for idleUnloadSeconds: the heap grows 1 MiB a workshop until
    // workshop 80, then they leave as fast as new ones come and it stays at 120 MiB.
    for (int w = 0; w <= 200; w += 20) {
      double loaded = Math.min(w, 80);
      all.add(sample(w, 40_000 + 1024L * (long) loaded + (w % 40 == 0 ? 8 : 0), loaded));
    }
    List<Sample> judged = SoakRun.judged(all);
    assertThat(judged).extracting(Sample::workshops).containsExactly(100, 120, 140, 160, 180, 200);
    assertThat(SoakRun.slopeKiBPerWorkshop(all)).isGreaterThan(100);
    assertThat(SoakRun.verdict(all, 16)).startsWith("FLAT").contains("from 100 to 200 workshops");
  }

  @Test
  @DisplayName("A heap that keeps growing after idle workshops leave is reported as growing")
  void growthAfterUnloadingIsGrowing() {
    List<Sample> all = new ArrayList<>();
    for (int w = 0; w <= 200; w += 20) {
      all.add(sample(w, 40_000 + 64L * w, Math.min(w, 10)));
    }
    assertThat(SoakRun.verdict(all, 16)).startsWith("GROWING (64.0 KiB per workshop");
  }

  @Test
  @DisplayName("A run too short for any workshop to leave memory is not judged")
  void tooShortIsNotJudged() {
    List<Sample> all = List.of(sample(0, 40_000, 0), sample(10, 50_000, 10), sample(20, 60_000, 20));
    assertThat(SoakRun.judged(all)).isEmpty();
    assertThat(SoakRun.verdict(all, 16)).startsWith("NOT JUDGED");
  }

  private static Sample sample(int workshops, long heapKiB, double loaded) {
    return new Sample(workshops, workshops * 10.0, heapKiB, heapKiB * 4, loaded, 0, 0, 0, Double.NaN);
  }
}
