package dev.breakout.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The capacity search for one contender: adds students step by step (each level a fresh server
 * under the same open-loop load, 1 edit per student per {@code 1/rate} s) until delivery p99
 * passes the limit or anything is lost, then halves the step between the last level that held and
 * the first that did not, down to the resolution. Reports the last level that held.
 */
final class Capacity {
  record Result(String contender, int round, int maxSustained, int firstFailed, String limitedBy,
      List<Round> levels) {}

  /** A level that fails while other processes used the pinned CPUs is run again, at most this often. */
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

  static Result search(Contender c, Options o, int round, Path dir) {
    int res = o.capacityResolution;
    int held = 0;
    int failed = Integer.MAX_VALUE;
    int level = Math.max(res, o.capacityStart);
    List<Round> levels = new ArrayList<>();
    String limitedBy = "server";
    while (true) {
      LoadRun.Spec spec = new LoadRun.Spec(level, o.groupSize, o.dashboards, o.rate, o.capacityWarmup,
          o.capacitySeconds, o.drain, 1, o.pin);
      Round r = null;
      String why = null;
      for (int attempt = 1; attempt <= 1 + RETRIES_WHEN_DISTURBED; attempt++) {
        r = LoadRun.run(c, o, spec, round, c.name + "-capacity-r" + round + "-" + level + "-a" + attempt, dir,
            n -> Map.of());
        why = r.reasonNotHeld(o.p99LimitMs);
        boolean disturbed = disturbed(r, o);
        System.err.printf("  capacity %-8s round %d: %6d students %s (delivery p99 %.1f ms; CPU server %.0f%%, "
                + "generator %.0f%%; others on them %.0f%% / %.0f%%)%n", c.name, round, level,
            why == null ? "held" : "did not hold: " + why, r.get("deliveryP99Ms"), r.get("serverCpuPercent"),
            r.get("generatorCpuPercent"), r.get("otherLoadOnServerCpuPercent"),
            r.get("otherLoadOnGeneratorCpuPercent"));
        if (why == null || !disturbed) {
          break;
        }
        r.notes.add("attempt " + attempt + " was disturbed by other processes and did not hold: " + why);
        System.err.println("    disturbed by other processes: running this level again");
      }
      levels.add(r);
      if (why == null) {
        held = Math.max(held, level);
      } else {
        failed = Math.min(failed, level);
        if (r.get("generatorCpuPercent") >= GENERATOR_BOUND_PERCENT) {
          limitedBy = "generator (its CPU was " + Math.round(r.get("generatorCpuPercent")) + "% at " + level + ")";
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
    return new Result(c.name, round, held, failed == Integer.MAX_VALUE ? -1 : failed, limitedBy, levels);
  }
}
