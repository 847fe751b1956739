package dev.breakout.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison: rounds of A B C under the same load, then (optionally) the capacity search, and the table. */
final class Compare {
  private final Options o;
  private final Path dir;
  private final List<Contender> contenders = new ArrayList<>();
  /** contender name -> rounds */
  final Map<String, List<Round>> rounds = new LinkedHashMap<>();
  final Map<String, List<Capacity.Result>> capacity = new LinkedHashMap<>();

  Compare(Options o, Path dir) {
    this.o = o;
    this.dir = dir;
    for (String name : o.contenders) {
      contenders.add(Contender.of(name, o));
      rounds.put(name, new ArrayList<>());
      capacity.put(name, new ArrayList<>());
    }
  }

  void runRounds() {
    LoadRun.Spec spec = new LoadRun.Spec(o.students, o.groupSize, o.dashboards, o.rate, o.warmup, o.seconds,
        o.drain, 1, o.pin);
    for (int round = 1; round <= o.rounds; round++) {
      for (Contender c : contenders) {
        System.err.printf("round %d/%d: %s (%s) ...%n", round, o.rounds, c.name, Machine.loadAverage());
        Round r = LoadRun.run(c, o, spec, round, c.name + "-r" + round, dir, n -> Map.of());
        rounds.get(c.name).add(r);
        System.err.println("  " + oneLine(r, o.p99LimitMs));
      }
    }
  }

  void runCapacity() {
    for (int round = 1; round <= o.capacityRounds; round++) {
      for (Contender c : contenders) {
        System.err.printf("capacity round %d/%d: %s ...%n", round, o.capacityRounds, c.name);
        Capacity.Result r = Capacity.search(c, o, round, dir);
        capacity.get(c.name).add(r);
        System.err.printf("  %s: max sustained %d students (limited by %s)%n", c.name, r.maxSustained(),
            r.limitedBy());
      }
    }
  }

  static String oneLine(Round r, double limit) {
    if (r.failure != null) {
      return r.contender + ": FAILED " + r.failure;
    }
    String why = r.reasonNotHeld(limit);
    return String.format("%s: delivery p50 %.2f p99 %.2f p99.9 %.2f max %.1f ms; ack p99 %.2f ms; %.0f/%.0f delivered; "
            + "server CPU %.0f%%%s, RSS %.0f MiB; generator CPU %.0f%%; %s",
        r.contender, r.get("deliveryP50Ms"), r.get("deliveryP99Ms"), r.get("deliveryP999Ms"), r.get("deliveryMaxMs"),
        r.get("ackP99Ms"), r.get("delivered"), r.get("expected"), r.get("serverCpuPercent"),
        Double.isNaN(r.get("otherLoadOnServerCpuPercent")) ? ""
            : String.format(" (others on its CPU %.0f%%)", r.get("otherLoadOnServerCpuPercent")), r.get("serverRssMiB"),
        r.get("generatorCpuPercent"), why == null ? "held" : "NOT HELD: " + why)
        + (r.notes.isEmpty() ? "" : "\n    " + r.notes.get(0));
  }

  // ------------------------------------------------------------------ figures

  Summary summary(String contender, String key) {
    if (key.equals("maxSustainedStudents")) {
      return Summary.of(capacity.get(contender).stream().map(c -> (double) c.maxSustained()).toList());
    }
    return Summary.of(rounds.get(contender).stream().filter(r -> r.failure == null).map(r -> r.get(key)).toList());
  }

  /** ours / other, paired round by round, as median with min-max. */
  Summary ratio(String other, String key) {
    List<Double> values = new ArrayList<>();
    if (key.equals("maxSustainedStudents")) {
      List<Capacity.Result> a = capacity.get("ours");
      List<Capacity.Result> b = capacity.get(other);
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        values.add(b.get(i).maxSustained() == 0 ? Double.NaN
            : (double) a.get(i).maxSustained() / b.get(i).maxSustained());
      }
    } else {
      List<Round> a = rounds.get("ours");
      List<Round> b = rounds.get(other);
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        double x = a.get(i).get(key);
        double y = b.get(i).get(key);
        values.add(a.get(i).failure != null || b.get(i).failure != null || y == 0 ? Double.NaN : x / y);
      }
    }
    return Summary.of(values);
  }

  double total(String contender, String key) {
    return rounds.get(contender).stream().filter(r -> r.failure == null).mapToDouble(r -> r.get(key)).sum();
  }

  record Row(String key, String label, String format, boolean ratio) {}

  static final List<Row> ROWS = List.of(
      new Row("deliveryP50Ms", "delivery p50 (ms)", "%.2f", true),
      new Row("deliveryP99Ms", "delivery p99 (ms)", "%.2f", true),
      new Row("deliveryP999Ms", "delivery p99.9 (ms)", "%.2f", true),
      new Row("deliveryMaxMs", "delivery max (ms)", "%.1f", true),
      new Row("ackP50Ms", "ack p50 (ms)", "%.2f", true),
      new Row("ackP99Ms", "ack p99 (ms)", "%.2f", true),
      new Row("ackP999Ms", "ack p99.9 (ms)", "%.2f", true),
      new Row("ackMaxMs", "ack max (ms)", "%.1f", true),
      new Row("delivered/expected", "delivered / expected (all rounds)", null, false),
      new Row("connectionsHeld", "connections held (min of rounds)", null, false),
      new Row("errors", "errors + unexpected closes (all rounds)", null, false),
      new Row("maxSustainedStudents", "max sustained students", "%.0f", true),
      new Row("serverCpuPercent", "server CPU (% of one core)", "%.0f", true),
      new Row("serverRssMiB", "server resident memory (MiB)", "%.0f", true),
      new Row("otherLoadOnServerCpuPercent", "other load on the server's CPU (%)", "%.0f", false),
      new Row("generatorCpuPercent", "generator CPU (% of one core)", "%.0f", false),
      new Row("otherLoadOnGeneratorCpuPercent", "other load on the generator's CPU (%)", "%.0f", false),
      new Row("generatorSendLagP99Ms", "generator send lag p99 (ms)", "%.2f", false),
      new Row("synthesisFetches", "synthesis fetched by dashboards (synthesis only)", "%.0f", false),
      new Row("synthesisFetchP50Ms", "synthesis: notice → fetched p50 (ms)", "%.0f", false),
      new Row("synthesisFetchP99Ms", "synthesis: notice → fetched p99 (ms)", "%.0f", false));

  String cell(String contender, Row row) {
    switch (row.key()) {
      case "delivered/expected" -> {
        return String.format("%,.0f / %,.0f", total(contender, "delivered"), total(contender, "expected"));
      }
      case "connectionsHeld" -> {
        Summary held = Summary.of(rounds.get(contender).stream().map(r -> r.get("connectionsHeld")).toList());
        Summary all = Summary.of(rounds.get(contender).stream().map(r -> r.get("connections")).toList());
        return held.present() ? String.format("%.0f / %.0f", held.min(), all.max()) : "-";
      }
      case "errors" -> {
        return String.format("%.0f", total(contender, "errors") + total(contender, "unexpectedCloses")
            + total(contender, "sendFailures"));
      }
      case "maxSustainedStudents" -> {
        if (capacity.get(contender).isEmpty()) {
          return "not run";
        }
        return summary(contender, row.key()).format(row.format());
      }
      default -> {
        return summary(contender, row.key()).format(row.format());
      }
    }
  }

  String table(String header) {
    List<String> cols = new ArrayList<>(rounds.keySet());
    List<String> heads = new ArrayList<>();
    heads.add("median (min-max) over rounds");
    heads.addAll(cols);
    boolean hasOurs = rounds.containsKey("ours");
    List<String> others = cols.stream().filter(c -> !c.equals("ours")).toList();
    if (hasOurs) {
      others.forEach(c -> heads.add("ours/" + c));
    }
    List<List<String>> lines = new ArrayList<>();
    for (Row row : ROWS) {
      List<String> line = new ArrayList<>();
      line.add(row.label());
      for (String c : cols) {
        line.add(cell(c, row));
      }
      if (hasOurs) {
        for (String c : others) {
          if (!row.ratio() || (row.key().equals("maxSustainedStudents") && capacity.get(c).isEmpty())) {
            line.add("");
          } else {
            line.add(ratio(c, row.key()).format("%.2f"));
          }
        }
      }
      lines.add(line);
    }
    return header + Table.render(heads, lines);
  }

  // ------------------------------------------------------------------ JSON

  JsonObject json() {
    JsonArray list = new JsonArray();
    for (Contender c : contenders) {
      JsonObject j = new JsonObject().put("name", c.name).put("description", c.describe());
      List<Round> rs = rounds.get(c.name);
      j.put("rounds", rs.size());
      JsonObject range = new JsonObject();
      if (!rs.isEmpty()) {
        for (String key : rs.stream().filter(r -> r.failure == null).findFirst()
            .map(r -> r.figures.keySet()).orElse(java.util.Set.of())) {
          Summary s = summary(c.name, key);
          j.put(key, num(s.median()));
          range.put(key, new JsonArray().add(num(s.min())).add(num(s.max())));
        }
        j.put("deliveredAllRounds", total(c.name, "delivered"));
        j.put("expectedAllRounds", total(c.name, "expected"));
        j.put("lostAllRounds", total(c.name, "lost"));
      }
      if (!capacity.get(c.name).isEmpty()) {
        Summary s = summary(c.name, "maxSustainedStudents");
        j.put("maxSustainedStudents", num(s.median()));
        range.put("maxSustainedStudents", new JsonArray().add(num(s.min())).add(num(s.max())));
        JsonArray caps = new JsonArray();
        for (Capacity.Result r : capacity.get(c.name)) {
          JsonArray levels = new JsonArray();
          for (Capacity.Level l : r.levels()) {
            JsonArray perRound = new JsonArray();
            boolean[] excused = Capacity.excused(l.trials());
            for (int i = 0; i < l.rounds().size(); i++) {
              Round x = l.rounds().get(i);
              perRound.add(new JsonObject().put("held", x.held(o.p99LimitMs)).put("disturbed", l.trials().get(i).disturbed())
                  .put("counted", !excused[i])
                  .put("reason", x.reasonNotHeld(o.p99LimitMs)).put("figures", figures(x)));
            }
            levels.add(new JsonObject().put("students", l.students()).put("held", l.sustained())
                .put("verdict", l.verdict().label).put("rounds", l.rounds().size())
                .put("countedRounds", l.countedRounds()).put("perRound", perRound));
          }
          caps.add(new JsonObject().put("round", r.round()).put("maxSustainedStudents", r.maxSustained())
              .put("firstFailedStudents", r.firstFailed()).put("limitedBy", r.limitedBy()).put("levels", levels));
        }
        j.put("capacity", caps);
      }
      j.put("range", range);
      JsonArray per = new JsonArray();
      for (Round r : rs) {
        JsonObject pr = new JsonObject().put("round", r.round).put("held", r.held(o.p99LimitMs))
            .put("figures", figures(r));
        if (r.failure != null) {
          pr.put("failure", r.failure);
        }
        if (!r.errorCodes.isEmpty()) {
          pr.put("errorCodes", new JsonObject(new LinkedHashMap<>(r.errorCodes)));
        }
        if (!r.notes.isEmpty()) {
          pr.put("notes", new JsonArray(new ArrayList<>(r.notes)));
        }
        per.add(pr);
      }
      j.put("perRound", per);
      list.add(j);
    }
    JsonObject ratios = new JsonObject();
    if (rounds.containsKey("ours")) {
      for (String other : rounds.keySet()) {
        if (other.equals("ours")) {
          continue;
        }
        JsonObject r = new JsonObject();
        for (Row row : ROWS) {
          if (row.ratio()) {
            Summary s = ratio(other, row.key());
            if (s.present()) {
              r.put(row.key(), new JsonObject().put("median", num(s.median())).put("min", num(s.min()))
                  .put("max", num(s.max())));
            }
          }
        }
        ratios.put("oursVs" + Character.toUpperCase(other.charAt(0)) + other.substring(1), r);
      }
    }
    return new JsonObject().put("contenders", list).put("ratios", ratios);
  }

  static JsonObject figures(Round r) {
    JsonObject f = new JsonObject();
    r.figures.forEach((k, v) -> f.put(k, num(v)));
    return f;
  }

  static Object num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (long) v;
    }
    return Math.round(v * 1000) / 1000.0;
  }

  // ------------------------------------------------------------------ the targets

  /** Whether this run is the target load, the only one its targets speak of. */
  boolean targetLoad() {
    return o.students == 2000 && o.groupSize == 5 && o.dashboards == 40 && o.rate == 1
        && o.groupsPerWorkshop == Layout.MAX_GROUPS_PER_WORKSHOP;
  }

  List<String> disturbed() {
    List<String> out = new ArrayList<>();
    rounds.forEach((name, list) -> list.forEach(r -> {
      if (r.get("otherLoadOnServerCpuPercent") > o.disturbedPercent) {
        out.add(String.format("%s round %d: other processes used %.0f%% of the server's CPU during the window",
            name, r.round, r.get("otherLoadOnServerCpuPercent")));
      }
      if (r.get("otherLoadOnGeneratorCpuPercent") > o.disturbedPercent) {
        out.add(String.format("%s round %d: other processes used %.0f%% of the generator's CPU during the window",
            name, r.round, r.get("otherLoadOnGeneratorCpuPercent")));
      }
    }));
    return out;
  }

  List<String> verdicts() {
    List<String> out = new ArrayList<>();
    if (!rounds.containsKey("ours")) {
      return out;
    }
    double lim = o.p99LimitMs;
    List<Round> ran = rounds.get("ours").stream().filter(r -> r.failure == null).toList();
    if (ran.isEmpty()) {
      String why = rounds.get("ours").isEmpty() ? "no round" : rounds.get("ours").get(0).failure;
      why = why == null ? "" : why.lines().findFirst().orElse("");
      for (String t : List.of("ours delivery p99 <= " + (int) lim + " ms", "ours delivery p99.9 <= 100 ms",
          "ours zero loss", "ours delivery p99 <= 1.5 x baseline")) {
        out.add(verdict(t, false, "not measurable, ours could not run this load in any round: " + why));
      }
    } else {
      Summary p99 = summary("ours", "deliveryP99Ms");
      Summary p999 = summary("ours", "deliveryP999Ms");
      // A round that delivered nothing has no latency at all, not a latency of 0: it meets nothing.
      boolean delivered = ran.stream().allMatch(r -> r.get("delivered") > 0);
      String none = delivered ? "" : " (a round delivered nothing)";
      out.add(verdict("ours delivery p99 <= " + (int) lim + " ms", delivered && p99.max() <= lim,
          String.format("%.2f ms median, worst round %.2f ms%s", p99.median(), p99.max(), none)));
      out.add(verdict("ours delivery p99.9 <= 100 ms", delivered && p999.max() <= 100,
          String.format("%.2f ms median, worst round %.2f ms%s", p999.median(), p999.max(), none)));
      double lost = total("ours", "lost");
      boolean allRan = ran.size() == rounds.get("ours").size();
      out.add(verdict("ours zero loss", lost == 0 && allRan, String.format("%,.0f of %,.0f lost%s", lost,
          total("ours", "expected"), allRan ? "" : " (and some rounds could not run)")));
      if (rounds.containsKey("baseline")) {
        Summary r = ratio("baseline", "deliveryP99Ms");
        out.add(verdict("ours delivery p99 <= 1.5 x baseline", delivered && r.median() <= 1.5,
            String.format("%.2f x median (%.2f-%.2f)", r.median(), r.min(), r.max())));
      }
    }
    if (rounds.containsKey("node") && !capacity.get("node").isEmpty() && !capacity.get("ours").isEmpty()) {
      Summary r = ratio("node", "maxSustainedStudents");
      out.add(verdict("ours max sustained students >= 1.5 x node", r.median() >= 1.5,
          String.format("%.2f x median (%.2f-%.2f)", r.median(), r.min(), r.max())));
    }
    return out;
  }

  static String verdict(String target, boolean met, String figure) {
    return (met ? "MET     " : "MISSED  ") + target + ": " + figure;
  }
}
