package dev.breakout.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.load.Capacity.Trial;
import dev.breakout.load.Capacity.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The capacity search's decisions, on rounds given to it (no server, no clock). */
class CapacityTest {
  private static final Trial OK = new Trial(true, false);
  private static final Trial FAIL = new Trial(false, false);
  private static final Trial FAIL_DISTURBED = new Trial(false, true);

  @Test
  @DisplayName("A level is decided by two consecutive rounds that agree, never by one")
  void twoConsecutiveRoundsDecide() {
    assertThat(Capacity.settle(List.of(OK), 5)).isEqualTo(Verdict.MORE);
    assertThat(Capacity.settle(List.of(FAIL), 5)).isEqualTo(Verdict.MORE);
    assertThat(Capacity.settle(List.of(OK, OK), 5)).isEqualTo(Verdict.SUSTAINED);
    assertThat(Capacity.settle(List.of(FAIL, FAIL), 5)).isEqualTo(Verdict.NOT_SUSTAINED);
    assertThat(Capacity.settle(List.of(OK, FAIL), 5)).isEqualTo(Verdict.MORE);
    assertThat(Capacity.settle(List.of(FAIL, OK, OK), 5)).isEqualTo(Verdict.SUSTAINED);
    assertThat(Capacity.settle(List.of(OK, FAIL, FAIL), 5)).isEqualTo(Verdict.NOT_SUSTAINED);
    // Not the majority: two that agree, one after the other.
    assertThat(Capacity.settle(List.of(OK, FAIL, OK), 5)).isEqualTo(Verdict.MORE);
  }

  @Test
  @DisplayName("A level whose rounds keep alternating is unsettled once the cap of counted rounds is reached")
  void alternatingRoundsAreUnsettledAtTheCap() {
    assertThat(Capacity.settle(List.of(OK, FAIL, OK, FAIL), 5)).isEqualTo(Verdict.MORE);
    assertThat(Capacity.settle(List.of(OK, FAIL, OK, FAIL, OK), 5)).isEqualTo(Verdict.UNSETTLED);
    assertThat(Capacity.settle(List.of(FAIL, OK, FAIL), 3)).isEqualTo(Verdict.UNSETTLED);
  }

  @Test
  @DisplayName("A round that failed while the pinned CPUs were shared is run again, twice at most, then counts")
  void disturbedFailuresAreRunAgainTwiceAtMost() {
    assertThat(Capacity.settle(List.of(FAIL_DISTURBED, OK), 5)).isEqualTo(Verdict.MORE);
    assertThat(Capacity.settle(List.of(FAIL_DISTURBED, OK, OK), 5)).isEqualTo(Verdict.SUSTAINED);
    assertThat(Capacity.counted(List.of(FAIL_DISTURBED, OK, OK))).containsExactly(true, true);
    assertThat(Capacity.excused(List.of(FAIL_DISTURBED, FAIL_DISTURBED, FAIL_DISTURBED, OK)))
        .containsExactly(true, true, false, false);
    // The third disturbed failure counts like any other.
    assertThat(Capacity.settle(List.of(FAIL_DISTURBED, FAIL_DISTURBED, FAIL_DISTURBED, FAIL_DISTURBED), 5))
        .isEqualTo(Verdict.NOT_SUSTAINED);
    // A disturbed round that held counts: it held in spite of the others.
    assertThat(Capacity.counted(List.of(new Trial(true, true)))).containsExactly(true);
  }

  @Test
  @DisplayName("The search steps up, bisects down to the resolution and names the highest level sustained")
  void searchFindsTheHighestSustainedLevel() {
    Options o = options();
    List<Integer> asked = new ArrayList<>();
    Capacity.Result r = Capacity.search("ours", o, 1, runner((students, attempt) -> {
      asked.add(students);
      return students <= 2600;
    }));

    assertThat(r.maxSustained()).isEqualTo(2500);
    assertThat(r.firstFailed()).isEqualTo(2750);
    assertThat(r.limitedBy()).isEqualTo("server");
    assertThat(r.levels()).extracting(Capacity.Level::students).containsExactly(1000, 2000, 3000, 2500, 2750);
    assertThat(r.levels()).extracting(Capacity.Level::verdict).containsExactly(Verdict.SUSTAINED,
        Verdict.SUSTAINED, Verdict.NOT_SUSTAINED, Verdict.SUSTAINED, Verdict.NOT_SUSTAINED);
    // Every level took exactly two rounds: both agreed.
    assertThat(r.levels()).allSatisfy(l -> assertThat(l.rounds()).hasSize(2));
    assertThat(asked).hasSize(10);
  }

  @Test
  @DisplayName("One noisy round cannot decide a level: it is run until two rounds agree")
  void oneNoisyRoundDoesNotDecide() {
    Options o = options();
    // At 3000 the first round fails (a noisy window), the next two hold: 3000 is sustained.
    Capacity.Result r = Capacity.search("ours", o, 1, runner((students, attempt) ->
        students <= 3000 && !(students == 3000 && attempt == 1)));

    Capacity.Level at3000 = r.levels().stream().filter(l -> l.students() == 3000).findFirst().orElseThrow();
    assertThat(at3000.verdict()).isEqualTo(Verdict.SUSTAINED);
    assertThat(at3000.rounds()).hasSize(3);
    assertThat(r.maxSustained()).isEqualTo(3000);
  }

  @Test
  @DisplayName("An unsettled level counts as not sustained, after the capped number of rounds")
  void unsettledLevelCountsAsNotSustained() {
    Options o = options();
    o.capacityLevelRounds = 4;
    Capacity.Result r = Capacity.search("ours", o, 1, runner((students, attempt) ->
        students < 2000 || (students == 2000 && attempt % 2 == 1)));

    Capacity.Level at2000 = r.levels().stream().filter(l -> l.students() == 2000).findFirst().orElseThrow();
    assertThat(at2000.verdict()).isEqualTo(Verdict.UNSETTLED);
    assertThat(at2000.rounds()).hasSize(4);
    assertThat(at2000.sustained()).isFalse();
    assertThat(r.firstFailed()).isEqualTo(2000);
    assertThat(r.maxSustained()).isEqualTo(1750);
  }

  private static Options options() {
    Options o = new Options();
    o.capacityStart = 1000;
    o.capacityStep = 1000;
    o.capacityResolution = 250;
    o.capacityMax = 20_000;
    o.capacityLevelRounds = 5;
    o.p99LimitMs = 25;
    return o;
  }

  /** Rounds whose figures hold (p99 10 ms, nothing lost) or not (p99 40 ms), as the function says. */
  private static Capacity.LevelRunner runner(BiFunction<Integer, Integer, Boolean> holds) {
    return (students, attempt) -> {
      Round r = new Round("ours", 1, students);
      for (String k : List.of("lost", "errors", "otherLoadOnServerCpuPercent", "otherLoadOnGeneratorCpuPercent")) {
        r.put(k, 0);
      }
      r.put("sent", 100);
      r.put("acked", 100);
      r.put("connections", students);
      r.put("connectionsHeld", students);
      r.put("generatorCpuPercent", 40);
      r.put("deliveryP99Ms", holds.apply(students, attempt) ? 10 : 40);
      return r;
    };
  }
}
