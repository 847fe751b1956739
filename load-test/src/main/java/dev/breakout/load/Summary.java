package dev.breakout.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median with min and max over rounds. NaN values (missing) are left out. */
record Summary(double median, double min, double max, int n) {

  static Summary of(List<Double> values) {
    List<Double> v = new ArrayList<>();
    for (Double d : values) {
      if (d != null && !d.isNaN()) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    Collections.sort(v);
    int n = v.size();
    double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    return new Summary(median, v.get(0), v.get(n - 1), n);
  }

  boolean present() {
    return n > 0;
  }

  String format(String pattern) {
    if (!present()) {
      return "-";
    }
    String m = String.format(pattern, median);
    if (n == 1 || String.format(pattern, min).equals(String.format(pattern, max))) {
      return m;
    }
    return m + " (" + String.format(pattern, min) + "-" + String.format(pattern, max) + ")";
  }
}
