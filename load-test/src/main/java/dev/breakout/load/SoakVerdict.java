package dev.breakout.load;

import dev.breakout.load.SoakRun.Sample;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The soak's verdict on its heap readings: pure arithmetic, no server (see {@link SoakRun}). */
final class SoakVerdict {
  private SoakVerdict() {}

  /** Least-squares slope of heap (KiB) over workshops; NaN with fewer than two distinct points. */
  static double slopeKiBPerWorkshop(List<Sample> points) {
    int n = points.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = points.stream().mapToDouble(Sample::workshops).average().orElseThrow();
    double my = points.stream().mapToDouble(Sample::heapUsedKiB).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (Sample p : points) {
      sxy += (p.workshops() - mx) * (p.heapUsedKiB() - my);
      sxx += (p.workshops() - mx) * (p.workshops() - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /**
   * Without the loaded-workshops gauge, the readings the verdict is drawn from: those of the second half of the run from the first
   * one at which idle workshops had begun to leave memory (fewer loaded than run). Before that, the
   * ended workshops are still held on purpose, for {@code idleUnloadSeconds} (15 minutes as
   * shipped, decision 012), and the heap grows with them by design; once they leave as fast as new
   * ones come, a heap that still grows is a leak. Empty when fewer than two such readings exist.
   */
  static List<Sample> judged(List<Sample> all) {
    if (all.size() < 2) {
      return List.of();
    }
    int last = all.get(all.size() - 1).workshops();
    int from = 0;
    while (from < all.size() && !(all.get(from).workshops() * 2 >= last && unloading(all.get(from)))) {
      from++;
    }
    List<Sample> window = all.subList(from, all.size());
    return window.size() >= 2 ? List.copyOf(window) : List.of();
  }

  private static boolean unloading(Sample s) {
    // Unknown (no metrics): assume the workshops leave; the table shows the gauge missing.
    return Double.isNaN(s.loadedWorkshops()) || s.loadedWorkshops() < s.workshops();
  }

  /**
   * Least squares of heap = a + b x workshops run + c x workshops loaded, over every reading:
   * {@code {b, c}} in KiB. {@code b} is what each workshop leaves behind once it has left memory
   * (a leak), {@code c} what a loaded workshop holds. The two are told apart because the loaded
   * count first grows with every workshop and then, once idle ones leave, much more slowly. NaN
   * when the gauge is missing or never parted from the workshops run (nothing left memory).
   */
  static double[] fit(List<Sample> all) {
    double[] none = {Double.NaN, Double.NaN};
    if (all.size() < 3 || all.stream().anyMatch(x -> Double.isNaN(x.loadedWorkshops()))) {
      return none;
    }
    double mw = all.stream().mapToDouble(Sample::workshops).average().orElseThrow();
    double ml = all.stream().mapToDouble(Sample::loadedWorkshops).average().orElseThrow();
    double my = all.stream().mapToDouble(Sample::heapUsedKiB).average().orElseThrow();
    double sww = 0;
    double sll = 0;
    double swl = 0;
    double swy = 0;
    double sly = 0;
    for (Sample x : all) {
      double w = x.workshops() - mw;
      double l = x.loadedWorkshops() - ml;
      double y = x.heapUsedKiB() - my;
      sww += w * w;
      sll += l * l;
      swl += w * l;
      swy += w * y;
      sly += l * y;
    }
    double det = sww * sll - swl * swl;
    if (!(det > 1e-6 * sww * sll)) {
      return none;
    }
    return new double[] {(swy * sll - sly * swl) / det, (sly * sww - swy * swl) / det};
  }

  /**
   * FLAT when what each workshop leaves behind after it left memory ({@link #fit}) is at most the
   * limit (KiB per workshop). Without the loaded-workshops gauge: the slope of the readings
   * {@link #judged} instead.
   */
  static String verdict(List<Sample> all, double limitKiB) {
    double[] f = fit(all);
    if (!Double.isNaN(f[0])) {
      return (f[0] <= limitKiB ? "FLAT" : "GROWING") + String.format(" (%.1f KiB per workshop run once it has left "
          + "memory, limit %.0f; %.0f KiB per workshop still loaded; least squares over %d readings)", f[0], limitKiB,
          f[1], all.size());
    }
    List<Sample> judged = judged(all);
    if (judged.isEmpty()) {
      return "NOT JUDGED (fewer than two readings in the second half after idle workshops began to leave memory; "
          + "run longer than idleUnloadSeconds)";
    }
    double slope = slopeKiBPerWorkshop(judged);
    return (slope <= limitKiB ? "FLAT" : "GROWING") + String.format(" (%.1f KiB per workshop from %d to %d workshops,"
        + " limit %.0f)", slope, judged.get(0).workshops(), judged.get(judged.size() - 1).workshops(), limitKiB);
  }

  static String slopes(List<Sample> samples) {
    double[] f = fit(samples);
    return String.format("%nHeap (least squares): %s KiB per workshop run over all readings; heap = a + b x run + c x "
            + "loaded gives b = %s KiB per workshop once it has left memory, c = %s KiB per loaded workshop%n",
        SoakRun.fmt(slopeKiBPerWorkshop(samples), "%.1f"), SoakRun.fmt(f[0], "%.1f"), SoakRun.fmt(f[1], "%.0f"));
  }

  /** {@code --soak-verdict FILE}: the readings of a soak's JSON judged again (e.g. after the rule changed). */
  static String rejudge(JsonObject results, double limitKiB) {
    List<Sample> samples = new ArrayList<>();
    for (Object x : results.getJsonObject("soak").getJsonArray("samples")) {
      JsonObject j = (JsonObject) x;
      Object loaded = j.getValue("loadedWorkshops");
      samples.add(new Sample(j.getInteger("workshops"), j.getDouble("elapsedSeconds"), j.getLong("heapUsedKiB"),
          j.getLong("rssKiB"), loaded instanceof Number n ? n.doubleValue() : Double.NaN, j.getLong("edits"),
          j.getLong("lost"), j.getLong("errors"), Double.NaN));
    }
    return slopes(samples) + "Verdict: heap after a full GC " + verdict(samples, limitKiB) + "\n";
  }
}
