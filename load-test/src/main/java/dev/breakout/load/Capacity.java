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

  private Capacity() {}

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
      Round r = LoadRun.run(c, o, spec, round, c.name + "-capacity-r" + round + "-" + level, dir, n -> Map.of());
      levels.add(r);
      String why = r.reasonNotHeld(o.p99LimitMs);
      System.err.printf("  capacity %-8s round %d: %6d students %s%s%n", c.name, round, level,
          why == null ? "held" : "did not hold: " + why,
          String.format(" (delivery p99 %.1f ms, generator CPU %.0f%%)", r.get("deliveryP99Ms"),
              r.get("generatorCpuPercent")));
      if (why == null) {
        held = Math.max(held, level);
      } else {
        failed = Math.min(failed, level);
        if (r.get("generatorCpuPercent") >= 90) {
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
