package dev.breakout.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The capacity search for one contender: adds students step by step (each level a fresh server
 * under the same open-loop load, 1 edit per student per {@code 1/rate} s) until a level is not
 * sustained, then halves the step between the last level sustained and the first that was not,
 * down to the resolution. Reports the highest level sustained.
 *
 * <p>A level is decided by agreement, not by one window: it is measured in rounds (each a fresh
 * server, warm-up, then {@code --capacity-seconds} measured) until two consecutive counted rounds
 * give the same verdict ({@link Round#held}: nothing lost, every edit acknowledged without error,
 * every connection kept, delivery p99 within the limit). That verdict is the level's. A level whose
 * rounds keep alternating for {@code --capacity-level-rounds} counted rounds is <em>unsettled</em>
 * and counts as not sustained. A round that did not hold while other processes used the pinned
 * CPUs ({@link #disturbed}) is not counted, at most {@link #RETRIES_WHEN_DISTURBED} times per level
 * (then it counts as any other).
 */
final class Capacity {
  /** How a level ended. */
  enum Verdict {
    SUSTAINED("sustained"), NOT_SUSTAINED("not sustained"), UNSETTLED("unsettled (not sustained)"),
    /** Not decided yet: another round is needed. */
    MORE("?");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  /** One measured round at a level: whether it held, and whether other processes disturbed it. */
  record Trial(boolean held, boolean disturbed) {}

  /** A level and its rounds, in order, with the verdict they settled on. */
  record Level(int students, List<Round> rounds, List<Trial> trials, Verdict verdict) {
    boolean sustained() {
      return verdict == Verdict.SUSTAINED;
    }

    /** Rounds that counted towards the verdict (the others were disturbed and run again). */
    int countedRounds() {
      return counted(trials).size();
    }
  }

  record Result(String contender, int round, int maxSustained, int firstFailed, String limitedBy,
      List<Level> levels) {}

  /** Runs one measured round at a level; the search's only contact with servers and time. */
  interface LevelRunner {
    Round run(int students, int attempt);
  }

  /** A level's round that did not hold while the pinned CPUs were shared is run again, at most this often. */
  static final int RETRIES_WHEN_DISTURBED = 2;
  /**
   * A failing level whose generator used this much of its core may have failed for the generator's
   * queueing delay rather than the server's: reported as limited by the generator.
   */
  static final double GENERATOR_BOUND_PERCENT = 75;

  private Capacity() {}

  static boolean disturbed(Round r, Options o) {
    return r.get("otherLoadOnServerCpuPercent") > o.disturbedPercent
        || r.get("otherLoadOnGeneratorCpuPercent") > o.disturbedPercent;
  }

  /** Which trials are not counted: the first {@link #RETRIES_WHEN_DISTURBED} disturbed ones that did not hold. */
  static boolean[] excused(List<Trial> trials) {
    boolean[] out = new boolean[trials.size()];
    int excused = 0;
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      if (!t.held() && t.disturbed() && excused < RETRIES_WHEN_DISTURBED) {
        excused++;
        out[i] = true;
      }
    }
    return out;
  }

  /** The verdicts that count, in order. */
  static List<Boolean> counted(List<Trial> trials) {
    boolean[] excused = excused(trials);
    List<Boolean> verdicts = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      if (!excused[i]) {
        verdicts.add(trials.get(i).held());
      }
    }
    return verdicts;
  }

  /**
   * The decision at one level after these rounds: the verdict of the last two counted rounds when
   * they agree; otherwise {@link Verdict#MORE}, or {@link Verdict#UNSETTLED} once {@code maxRounds}
   * rounds have counted.
   */
  static Verdict settle(List<Trial> trials, int maxRounds) {
    List<Boolean> v = counted(trials);
    int n = v.size();
    if (n >= 2 && v.get(n - 1).equals(v.get(n - 2))) {
      return v.get(n - 1) ? Verdict.SUSTAINED : Verdict.NOT_SUSTAINED;
    }
    return n >= maxRounds ? Verdict.UNSETTLED : Verdict.MORE;
  }

  static Result search(Contender c, Options o, int round, Path dir) {
    LoadRun.Spec spec0 = new LoadRun.Spec(0, o.groupSize, o.dashboards, o.rate, o.capacityWarmup, o.capacitySeconds,
        o.drain, 1, o.pin);
    return search(c.name, o, round, (students, attempt) -> {
      LoadRun.Spec spec = new LoadRun.Spec(students, spec0.groupSize(), spec0.dashboards(), spec0.rate(),
          spec0.warmup(), spec0.seconds(), spec0.drain(), spec0.nodes(), spec0.pin());
      Round r = LoadRun.run(c, o, spec, round, c.name + "-capacity-r" + round + "-" + students + "-a" + attempt, dir,
          n -> Map.of());
      String why = r.reasonNotHeld(o.p99LimitMs);
      System.err.printf("  capacity %-8s round %d: %6d students, level round %d: %s (delivery p99 %.1f ms; CPU server "
              + "%.0f%%, generator %.0f%%; others on them %.0f%% / %.0f%%)%n", c.name, round, students, attempt,
          why == null ? "held" : "did not hold: " + why, r.get("deliveryP99Ms"), r.get("serverCpuPercent"),
          r.get("generatorCpuPercent"), r.get("otherLoadOnServerCpuPercent"), r.get("otherLoadOnGeneratorCpuPercent"));
      return r;
    });
  }

  /** The search itself, over any way of running a level's rounds (the tests give it one without servers). */
  static Result search(String contender, Options o, int round, LevelRunner runner) {
    int res = o.capacityResolution;
    int held = 0;
    int failed = Integer.MAX_VALUE;
    int level = Math.max(res, o.capacityStart);
    List<Level> levels = new ArrayList<>();
    String limitedBy = "server";
    while (true) {
      Level l = measureLevel(level, o, runner);
      levels.add(l);
      if (l.sustained()) {
        held = Math.max(held, level);
      } else {
        failed = Math.min(failed, level);
        Round last = l.rounds().get(l.rounds().size() - 1);
        if (last.get("generatorCpuPercent") >= GENERATOR_BOUND_PERCENT) {
          limitedBy = "generator (its CPU was " + Math.round(last.get("generatorCpuPercent")) + "% at " + level + ")";
        } else {
          limitedBy = "server";
        }
      }
      if (failed == Integer.MAX_VALUE) {
        if (level + o.capacityStep > o.capacityMax) {
          limitedBy = "the --capacity-max cap of " + o.capacityMax;
          break;
        }
        level += o.capacityStep;
      } else {
        if (failed - held <= res) {
          break;
        }
        int mid = held + Math.max(res, (failed - held) / 2 / res * res);
        if (mid >= failed) {
          break;
        }
        level = mid;
      }
    }
    return new Result(contender, round, held, failed == Integer.MAX_VALUE ? -1 : failed, limitedBy, levels);
  }

  /** Rounds at one level until {@link #settle} decides. */
  static Level measureLevel(int students, Options o, LevelRunner runner) {
    List<Round> rounds = new ArrayList<>();
    List<Trial> trials = new ArrayList<>();
    Verdict v = Verdict.MORE;
    for (int attempt = 1; v == Verdict.MORE; attempt++) {
      Round r = runner.run(students, attempt);
      boolean held = r.held(o.p99LimitMs);
      boolean disturbed = disturbed(r, o);
      if (!held && disturbed) {
        r.notes.add("level round " + attempt + " did not hold while other processes used the pinned CPUs: "
            + r.reasonNotHeld(o.p99LimitMs));
      }
      rounds.add(r);
      trials.add(new Trial(held, disturbed));
      v = settle(trials, o.capacityLevelRounds);
    }
    System.err.printf("    %d students: %s after %d round(s)%n", students, v.label, rounds.size());
    return new Level(students, rounds, trials, v);
  }
}
