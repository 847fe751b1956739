package dev.breakout.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The cluster mode: our server as one node and as two nodes on the same PostgreSQL, in turn, under
 * the same load, nothing pinned (two nodes, PostgreSQL and the generator share the machine).
 * Students of every group alternate between the nodes, so most deliveries of the two-node run
 * cross nodes; the report compares cross-node delivery with single-node delivery.
 */
final class ClusterRun {
  private final Options o;
  private final Path dir;
  final List<Round> single = new ArrayList<>();
  final List<Round> cluster = new ArrayList<>();
  String failure;

  ClusterRun(Options o, Path dir) {
    this.o = o;
    this.dir = dir;
  }

  void run() {
    Postgres pg = null;
    try {
      if (o.dbUrl == null) {
        pg = Postgres.start(o.pgBin);
        System.err.println("PostgreSQL on port " + pg.port);
      }
      Contender ours = Contender.of("ours", o);
      for (int round = 1; round <= o.rounds; round++) {
        for (int nodes = 1; nodes <= 2; nodes++) {
          String db = "bench_" + (nodes == 1 ? "single" : "cluster") + "_r" + round + "_"
              + Long.toString(System.nanoTime() & 0xffffff, 36);
          String url;
          if (pg != null) {
            pg.createDatabase(db);
            url = pg.jdbcUrl(db);
          } else {
            url = o.dbUrl;
          }
          LoadRun.Spec spec = new LoadRun.Spec(o.students, o.groupSize, o.dashboards, o.rate, o.warmup, o.seconds,
              o.drain, nodes, false);
          System.err.printf("cluster round %d/%d: %d node(s) ...%n", round, o.rounds, nodes);
          Round r = LoadRun.run(ours, o, spec, round, "ours-" + nodes + "node-r" + round, dir, env(url, nodes));
          (nodes == 1 ? single : cluster).add(r);
          System.err.println("  " + Compare.oneLine(r, o.p99LimitMs));
          if (r.failure != null && nodes == 2) {
            System.err.println("  the two-node run failed: " + r.failure);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  private IntFunction<Map<String, String>> env(String url, int nodes) {
    int[] clusterPorts = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      clusterPorts[i] = ServerProcess.freePort();
    }
    StringBuilder members = new StringBuilder();
    for (int p : clusterPorts) {
      members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
    }
    return n -> {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("WORKSHOP_DB_URL", url);
      if (o.dbUrl == null) {
        env.put("WORKSHOP_DB_USER", Postgres.USER);
      }
      if (nodes > 1) {
        env.put("WORKSHOP_CLUSTER", "true");
        env.put("WORKSHOP_CLUSTER_MEMBERS", members.toString());
        env.put("WORKSHOP_CLUSTER_HOST", "127.0.0.1");
        env.put("WORKSHOP_CLUSTER_PORT", String.valueOf(clusterPorts[n]));
        env.put("WORKSHOP_CLUSTER_NAME", "load-test-" + ProcessHandle.current().pid());
        env.put("HZ_PHONE_HOME_ENABLED", "false");
      }
      return env;
    };
  }

  static final List<String[]> ROWS = List.of(
      new String[] {"deliveryP50Ms", "delivery p50 (ms)"},
      new String[] {"deliveryP99Ms", "delivery p99 (ms)"},
      new String[] {"deliveryP999Ms", "delivery p99.9 (ms)"},
      new String[] {"deliveryMaxMs", "delivery max (ms)"},
      new String[] {"crossNodeDeliveryP50Ms", "cross-node delivery p50 (ms)"},
      new String[] {"crossNodeDeliveryP99Ms", "cross-node delivery p99 (ms)"},
      new String[] {"crossNodeDeliveryP999Ms", "cross-node delivery p99.9 (ms)"},
      new String[] {"sameNodeDeliveryP99Ms", "same-node delivery p99 (ms)"},
      new String[] {"ackP50Ms", "ack p50 (ms)"},
      new String[] {"ackP99Ms", "ack p99 (ms)"},
      new String[] {"lost", "lost (sum)"},
      new String[] {"errors", "errors (sum)"},
      new String[] {"serverCpuPercent", "servers' CPU (% of one core, summed)"},
      new String[] {"serverRssMiB", "servers' resident memory (MiB, summed)"},
      new String[] {"generatorCpuPercent", "generator CPU (%)"});

  String report() {
    StringBuilder b = new StringBuilder("Cluster mode: our server, one node vs two nodes on one PostgreSQL, "
        + "nothing pinned; " + new Layout(o.students, o.groupSize, o.dashboards, o.groupsPerWorkshop).describe() + "; " + Main.rate(o.rate)
        + "; " + o.seconds + " s measured after " + o.warmup + " s warm-up; " + o.rounds + " round(s)\n\n");
    if (failure != null) {
      b.append("FAILED: ").append(failure).append('\n');
    }
    List<List<String>> rows = new ArrayList<>();
    for (String[] row : ROWS) {
      boolean sum = row[0].equals("lost") || row[0].equals("errors");
      rows.add(List.of(row[1], cell(single, row[0], sum), cell(cluster, row[0], sum)));
    }
    b.append(Table.render(List.of("median (min-max) over rounds", "1 node", "2 nodes"), rows));
    Summary s = summary(single, "deliveryP99Ms");
    Summary x = summary(cluster, "crossNodeDeliveryP99Ms");
    if (s.present() && x.present()) {
      b.append(String.format("%nTarget: cross-node p99 <= single-node p99 + 10 ms: %s (%.2f ms vs %.2f + 10 ms)%n",
          x.median() <= s.median() + 10 ? "MET" : "MISSED", x.median(), s.median()));
    } else {
      b.append("\nTarget: cross-node p99 <= single-node p99 + 10 ms: NOT MEASURED\n");
    }
    for (Round r : cluster) {
      if (r.failure != null) {
        b.append("2 nodes, round ").append(r.round).append(" FAILED: ").append(r.failure).append('\n');
      }
    }
    for (Round r : single) {
      if (r.failure != null) {
        b.append("1 node, round ").append(r.round).append(" FAILED: ").append(r.failure).append('\n');
      }
    }
    return b.toString();
  }

  private static Summary summary(List<Round> rounds, String key) {
    return Summary.of(rounds.stream().filter(r -> r.failure == null).map(r -> r.get(key)).toList());
  }

  private static String cell(List<Round> rounds, String key, boolean sum) {
    if (rounds.stream().allMatch(r -> r.failure != null)) {
      return "failed";
    }
    if (sum) {
      return String.format("%.0f", rounds.stream().filter(r -> r.failure == null).mapToDouble(r -> r.get(key)).sum());
    }
    return summary(rounds, key).format("%.2f");
  }

  JsonObject json() {
    JsonArray list = new JsonArray();
    list.add(entry("ours-1-node", single));
    list.add(entry("ours-2-nodes", cluster));
    JsonObject j = new JsonObject().put("contenders", list);
    if (failure != null) {
      j.put("failure", failure);
    }
    return j;
  }

  private static JsonObject entry(String name, List<Round> rounds) {
    JsonObject j = new JsonObject().put("name", name).put("rounds", rounds.size());
    for (String[] row : ROWS) {
      Summary s = summary(rounds, row[0]);
      if (s.present()) {
        j.put(row[0], Compare.num(s.median()));
      }
    }
    JsonArray per = new JsonArray();
    for (Round r : rounds) {
      JsonObject pr = new JsonObject().put("round", r.round).put("figures", Compare.figures(r));
      if (r.failure != null) {
        pr.put("failure", r.failure);
      }
      per.add(pr);
    }
    j.put("perRound", per);
    return j;
  }
}
