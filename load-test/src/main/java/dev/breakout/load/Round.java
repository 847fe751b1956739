package dev.breakout.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one contender in one round (or one capacity level). */
final class Round {
  final String contender;
  final int round;
  final int students;
  final Map<String, Double> figures = new LinkedHashMap<>();
  final Map<String, Long> errorCodes = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  /** Why the round could not run at all (setup failed), or null. */
  String failure;

  Round(String contender, int round, int students) {
    this.contender = contender;
    this.round = round;
    this.students = students;
  }

  double get(String key) {
    Double v = figures.get(key);
    return v == null ? Double.NaN : v;
  }

  void put(String key, double value) {
    figures.put(key, value);
  }

  /**
   * Whether the load held: every planned connection still open, every edit acknowledged without
   * error, every delivery made once, and delivery p99 within the limit.
   */
  boolean held(double p99LimitMs) {
    return reasonNotHeld(p99LimitMs) == null;
  }

  String reasonNotHeld(double p99LimitMs) {
    if (failure != null) {
      return "setup failed: " + failure;
    }
    if (get("lost") > 0) {
      return String.format("%.0f deliveries lost", get("lost"));
    }
    if (get("sent") > get("acked")) {
      return String.format("%.0f edits not acknowledged", get("sent") - get("acked"));
    }
    if (get("errors") > 0) {
      return String.format("%.0f errors %s", get("errors"), errorCodes);
    }
    if (get("connectionsHeld") < get("connections")) {
      return String.format("%.0f of %.0f connections held", get("connectionsHeld"), get("connections"));
    }
    if (!(get("deliveryP99Ms") <= p99LimitMs)) {
      return String.format("delivery p99 %.1f ms > %.0f ms", get("deliveryP99Ms"), p99LimitMs);
    }
    return null;
  }
}
