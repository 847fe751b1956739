package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code load-test/run}: see {@link Options#USAGE}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("--summarize-jfr")) {
      try {
        System.out.print(Files.readString(Profile.summarize(Path.of(args[1]))));
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    if (args.length == 2 && args[0].equals("--soak-verdict")) {
      try {
        System.out.print(SoakVerdict.rejudge(new JsonObject(Files.readString(Path.of(args[1]))), new Options().soakFlatKiB));
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (Options.UsageException e) {
      if (e.getMessage() != null) {
        System.err.println(e.getMessage());
        System.err.println();
      }
      System.err.print(Options.USAGE);
      System.exit(e.getMessage() == null ? 0 : 2);
      return;
    }
    try {
      int code = run(o, System.out);
      System.exit(code);
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Runs the chosen mode, prints its report; returns 0, or 1 when a round could not run at all. */
  static int run(Options o, java.io.PrintStream out) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path dir = o.workDir.resolve(stamp);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
    JsonObject machine = Machine.describe();
    String startedAt = Instant.now().toString();
    JsonObject params = params(o);
    System.err.println("load test: mode " + o.mode.name().toLowerCase() + ", logs and data in " + dir);
    StringBuilder report = new StringBuilder();
    JsonObject json = new JsonObject().put("benchmark", "breakout workshop server, load-test/run")
        .put("startedAt", startedAt).put("command", "load-test/run " + String.join(" ", o.rawArgs))
        .put("machine", machine).put("params", params);
    boolean failed;
    switch (o.mode) {
      case COMPARE, CAPACITY -> {
        Compare compare = new Compare(o, dir);
        if (o.mode == Options.Mode.COMPARE) {
          compare.runRounds();
        }
        if (o.mode == Options.Mode.CAPACITY || o.capacityInCompare) {
          compare.runCapacity();
        }
        report.append(header(o, machine));
        report.append(compare.table(""));
        List<String> verdicts = compare.verdicts();
        if (!verdicts.isEmpty() && o.mode == Options.Mode.COMPARE) {
          if (compare.targetLoad()) {
            report.append("\nTargets (the issue's load):\n");
            verdicts.forEach(v -> report.append("  ").append(v).append('\n'));
          } else {
            report.append("\nTargets: not judged, this is not the issue's load (2000 students, groups of 5, "
                + "40 dashboards, 200 groups per workshop, 1 edit/s)\n");
          }
        }
        List<String> disturbed = compare.disturbed();
        if (!disturbed.isEmpty()) {
          report.append("\nDisturbed rounds (the machine was shared; their figures are pessimistic):\n");
          disturbed.forEach(d -> report.append("  ").append(d).append('\n'));
        }
        appendCapacity(report, compare, o);
        appendNotes(report, compare);
        json.mergeIn(compare.json());
        json.put("targets", compare.targetLoad() ? new io.vertx.core.json.JsonArray(new ArrayList<>(verdicts))
            : new io.vertx.core.json.JsonArray());
        json.put("disturbedRounds", new io.vertx.core.json.JsonArray(new ArrayList<>(compare.disturbed())));
        failed = compare.rounds.values().stream().flatMap(List::stream).anyMatch(r -> r.failure != null);
      }
      case MEMORY -> {
        MemoryRun memory = new MemoryRun(o, dir);
        memory.run();
        report.append(header(o, machine)).append(memory.table());
        json.mergeIn(memory.json());
        failed = memory.failed();
      }
      case SOAK -> {
        SoakRun soak = new SoakRun(o, dir);
        soak.run();
        report.append(header(o, machine)).append(soak.table());
        json.mergeIn(soak.json());
        failed = soak.failed();
      }
      case CLUSTER -> {
        ClusterRun cluster = new ClusterRun(o, dir);
        cluster.run();
        report.append(header(o, machine)).append(cluster.report());
        json.mergeIn(cluster.json());
        failed = false;
      }
      default -> throw new IllegalStateException();
    }
    machine.put("loadAverageAtEnd", Machine.loadAverage());
    out.print(report);
    out.flush();
    if (o.out != null) {
      try {
        if (o.out.getParent() != null) {
          Files.createDirectories(o.out.toAbsolutePath().getParent());
        }
        Files.writeString(o.out, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
        System.err.println("results written to " + o.out);
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + o.out, e);
      }
    }
    return failed ? 1 : 0;
  }

  static String header(Options o, JsonObject machine) {
    Layout layout = new Layout(o.students, o.groupSize, o.dashboards, o.groupsPerWorkshop);
    StringBuilder b = new StringBuilder();
    b.append("\nMachine: ").append(machine.getString("cpuModel")).append(", ").append(machine.getString("cpus"))
        .append(", ").append(machine.getString("memory")).append("; ").append(machine.getString("java"))
        .append("; node ").append(machine.getString("node")).append("; load average at start ")
        .append(machine.getString("loadAverageAtStart")).append('\n');
    for (String name : o.contenders) {
      if ((o.mode == Options.Mode.CLUSTER || o.mode == Options.Mode.SOAK) && !name.equals("ours")) {
        continue;
      }
      b.append(String.format("  %-8s = %s%n", name, Contender.of(name, o).describe()));
    }
    b.append("Java servers: ").append(o.serverJava).append(' ').append(o.serverJvmOpts).append('\n');
    b.append("Pinning: ").append(o.mode == Options.Mode.CLUSTER ? "none (cluster mode: two nodes, PostgreSQL and "
        + "the generator share the machine)" : o.pin ? "servers on CPU " + o.serverCpus + " (taskset), generator on CPU "
        + o.generatorCpus + " (load-test/run)" : "none").append('\n');
    switch (o.mode) {
      case COMPARE, CAPACITY -> {
        if (o.mode == Options.Mode.COMPARE) {
          b.append("Load: ").append(layout.describe()).append("; ").append(rate(o.rate)).append("; ")
              .append(o.seconds).append(" s measured after ").append(o.warmup).append(" s warm-up; ")
              .append(o.rounds).append(" round(s) of ").append(String.join(" ", o.contenders)).append('\n');
        }
        if (o.mode == Options.Mode.CAPACITY || o.capacityInCompare) {
          b.append("Capacity: from ").append(o.capacityStart).append(" students, step ").append(o.capacityStep)
              .append(", resolution ").append(o.capacityResolution).append(", ").append(o.capacitySeconds)
              .append(" s measured per round after ").append(o.capacityWarmup).append(" s warm-up; a round holds while "
                  + "delivery p99 <= ").append(o.p99LimitMs).append(" ms with nothing lost; each level run until two "
                  + "consecutive rounds agree (at most ").append(o.capacityLevelRounds).append(", else unsettled = not "
                  + "sustained); ").append(o.capacityRounds).append(" search(es)\n");
        }
      }
      default -> {
      }
    }
    b.append('\n');
    return b.toString();
  }

  static String rate(double r) {
    return r == 1 ? "1 edit per student per second" : String.format("%s edits per student per second", r);
  }

  private static void appendCapacity(StringBuilder b, Compare compare, Options o) {
    boolean any = compare.capacity.values().stream().anyMatch(l -> !l.isEmpty());
    if (!any) {
      return;
    }
    b.append("\nCapacity levels (each level's rounds until two consecutive rounds agree, at most ")
        .append(o.capacityLevelRounds).append("; per round: delivery p99 ms, ok = held, X = not held, "
            + "d = not held while disturbed, not counted):\n");
    List<List<String>> rows = new ArrayList<>();
    compare.capacity.forEach((name, results) -> {
      for (Capacity.Result r : results) {
        for (Capacity.Level l : r.levels()) {
          StringBuilder per = new StringBuilder();
          boolean[] excused = Capacity.excused(l.trials());
          for (int i = 0; i < l.rounds().size(); i++) {
            Round x = l.rounds().get(i);
            per.append(i == 0 ? "" : " ").append(Double.isNaN(x.get("deliveryP99Ms")) ? "-"
                : String.format("%.1f", x.get("deliveryP99Ms"))).append(l.trials().get(i).held() ? "ok"
                : excused[i] ? "d" : "X");
          }
          rows.add(List.of(name, String.valueOf(r.round()), String.valueOf(l.students()),
              String.valueOf(l.rounds().size()), per.toString(), l.verdict().label));
        }
      }
    });
    b.append(Table.render(List.of("contender", "search", "students", "rounds", "per round", "level"), rows));
    compare.capacity.forEach((name, results) -> {
      for (Capacity.Result r : results) {
        b.append(String.format("  %-8s search %d: highest level sustained %d students (first not sustained %s; "
            + "limited by %s)%n", name, r.round(), r.maxSustained(), r.firstFailed() < 0 ? "none" : r.firstFailed(),
            r.limitedBy()));
      }
    });
  }

  private static void appendNotes(StringBuilder b, Compare compare) {
    List<String> notes = new ArrayList<>();
    compare.rounds.forEach((name, list) -> {
      for (Round r : list) {
        if (r.failure != null) {
          notes.add(name + " round " + r.round + " FAILED: " + r.failure);
        }
        if (!r.errorCodes.isEmpty()) {
          notes.add(name + " round " + r.round + " error codes: " + r.errorCodes);
        }
        r.notes.stream().limit(3).forEach(n -> notes.add(name + " round " + r.round + ": " + n));
      }
    });
    if (!notes.isEmpty()) {
      b.append("\nNotes:\n");
      notes.forEach(n -> b.append("  ").append(n).append('\n'));
    }
  }

  static JsonObject params(Options o) {
    return new JsonObject().put("mode", o.mode.name().toLowerCase()).put("students", o.students)
        .put("groupSize", o.groupSize).put("groupsPerWorkshop", o.groupsPerWorkshop).put("dashboards", o.dashboards).put("editsPerStudentPerSecond", o.rate)
        .put("measuredSeconds", o.seconds).put("warmupSeconds", o.warmup).put("drainSeconds", o.drain)
        .put("rounds", o.rounds).put("contenders", new io.vertx.core.json.JsonArray(new ArrayList<>(o.contenders)))
        .put("pinned", o.pin).put("serverCpus", o.serverCpus).put("generatorCpus", o.generatorCpus)
        .put("p99LimitMs", o.p99LimitMs).put("capacityStart", o.capacityStart).put("capacityStep", o.capacityStep)
        .put("capacityResolution", o.capacityResolution).put("capacitySeconds", o.capacitySeconds)
        .put("capacityRounds", o.capacityRounds)
        .put("capacityLevelRounds", o.capacityLevelRounds).put("memoryConnections", o.memoryConnections)
        .put("memorySteps", o.memorySteps)
        .put("soakWorkshops", o.soakWorkshops).put("soakMinutes", o.soakMinutes).put("soakStudents", o.soakStudents)
        .put("soakDashboards", o.soakDashboards).put("soakSeconds", o.soakSeconds).put("soakEvery", o.soakEvery)
        .put("soakFlatKiB", o.soakFlatKiB).put("serverJvmOpts", o.serverJvmOpts)
        .put("serverJava", o.serverJava.toString());
  }
}
