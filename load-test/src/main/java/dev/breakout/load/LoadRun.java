package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/** One contender under one load for one round: start, seat, connect, warm up, measure, drain, stop. */
final class LoadRun {
  record Spec(int students, int groupSize, int dashboards, double rate, int warmup, int seconds, int drain,
      int nodes, boolean pin) {}

  /** The longest wait for late deliveries after the last edit. */
  static final int DRAIN_MAX_SECONDS = 120;

  private LoadRun() {}

  static Round run(Contender c, Options o, Spec spec, int round, String label, Path dir,
      IntFunction<Map<String, String>> nodeEnv) {
    Round r = new Round(c.name, round, spec.students());
    Layout layout = new Layout(spec.students(), spec.groupSize(), spec.dashboards(), o.groupsPerWorkshop);
    long setupStart = System.nanoTime();
    List<ServerProcess> nodes = new ArrayList<>();
    try {
      for (int n = 0; n < spec.nodes(); n++) {
        nodes.add(c.start(dir, label, n, nodeEnv.apply(n), spec.pin()));
        if (n + 1 < spec.nodes()) {
          // The next node starts once this one answers: its schema is in place (two nodes
          // creating it at once on a fresh database collide), but it cannot be healthy yet.
          nodes.get(n).awaitAnswering(Duration.ofSeconds(90));
        }
      }
      // Then health: a cluster node reports healthy only once it sees the majority of its
      // members, so the first of two cannot be healthy before the second runs.
      for (ServerProcess p : nodes) {
        p.awaitHealthy(Duration.ofSeconds(90));
      }
      return measure(c, o, spec, layout, nodes, r, setupStart, dir, label);
    } catch (IOException | RuntimeException e) {
      r.failure = e.getMessage() == null ? e.toString() : e.getMessage();
      for (ServerProcess p : nodes) {
        if (!p.process.isAlive()) {
          r.failure += "\n" + p.name + " exited; log " + p.log + ":\n" + p.tail(20);
        }
      }
      return r;
    } finally {
      nodes.forEach(ServerProcess::close);
    }
  }

  private static Round measure(Contender c, Options o, Spec spec, Layout layout, List<ServerProcess> nodes, Round r,
      long setupStart, Path dir, String label) {
    int nodeCount = nodes.size();
    List<Peer> dashboards = new ArrayList<>();
    List<Peer> students = new ArrayList<>();
    for (int d = 0; d < layout.dashboards; d++) {
      dashboards.add(new Peer(d, -1, layout.dashboardWorkshop[d], d % nodeCount, c.socketIo()));
    }
    for (int s = 0; s < layout.students; s++) {
      // Alternate nodes within each group, so every group has members on both nodes of a cluster.
      students.add(new Peer(layout.dashboards + s, s, layout.workshopOf[s], s % nodeCount, c.socketIo()));
    }
    Contender.Seating seating = c.seat(nodes, layout, students, dashboards);

    List<Generator.Endpoint> endpoints = nodes.stream()
        .map(n -> new Generator.Endpoint("127.0.0.1", n.port, c.wsPath())).toList();
    int shards = o.shards > 0 ? o.shards : Runtime.getRuntime().availableProcessors();
    try (Generator g = new Generator(shards, endpoints)) {
      List<String> failures = new ArrayList<>();
      if (!seating.controls().isEmpty()) {
        int ok = g.connect(seating.controls(), 16, failures);
        ok = Math.min(ok, g.requestAll(seating.controls(), seating.controlOps()::get, 16, failures));
        if (ok < seating.controls().size()) {
          throw new IllegalStateException("could not start the exercise: " + failures);
        }
        g.closePeers(seating.controls());
      }
      int connected = g.connect(dashboards, 20, failures) + g.connect(students, 100, failures);
      int planned = dashboards.size() + students.size();
      if (connected < planned) {
        r.notes.add((planned - connected) + " connections failed: " + failures);
      }

      // Who receives what: the other members of the group, and the workshop's dashboards.
      Map<String, List<Peer>> groups = new LinkedHashMap<>();
      students.forEach(p -> groups.computeIfAbsent(p.groupKey, k -> new ArrayList<>()).add(p));
      int[] slot = new int[layout.students];
      int[] node = new int[layout.students];
      for (List<Peer> members : groups.values()) {
        for (int i = 0; i < members.size(); i++) {
          Peer p = members.get(i);
          slot[p.student] = i;
          node[p.student] = p.node;
          p.lastSeen = new int[members.size()];
          p.recipients = members.size() - 1 + layout.dashboardsOf(p.workshop);
          p.cardId = "c" + p.student;
        }
      }
      dashboards.forEach(d -> d.lastSeen = new int[layout.students]);
      g.setRoster(new Generator.Roster(slot, node));
      List<Peer> connectedStudents = students.stream().filter(p -> p.ws != null).toList();
      failures.clear();
      int added = g.requestAll(connectedStudents, p -> new JsonObject().put("type", "card.add").put("prompt", "p1")
          .put("cardId", p.cardId).put("text", "init"), 100, failures);
      if (added < connectedStudents.size()) {
        r.notes.add((connectedStudents.size() - added) + " card.add failed: " + failures);
      }
      System.gc();
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

      long base = System.nanoTime() + 200_000_000L;
      long from = base + spec.warmup() * 1_000_000_000L;
      long to = from + spec.seconds() * 1_000_000_000L;
      g.start(students, spec.rate(), base, from, to);

      sleepUntil(from);
      List<Path> recordings = new ArrayList<>();
      if (o.profile && !c.socketIo()) {
        for (int i = 0; i < nodes.size(); i++) {
          Path jfr = dir.resolve(label + (i == 0 ? "" : "-" + i) + ".jfr");
          Profile.start(o, nodes.get(i).pid(), spec.seconds(), jfr);
          recordings.add(jfr);
        }
      }
      long serverCpu0 = nodes.stream().mapToLong(ServerProcess::cpuNanos).sum();
      Map<String, Long> threads0 = nodes.get(0).threadCpuNanos();
      long selfPid = ProcessHandle.current().pid();
      long genCpu0 = ServerProcess.cpuNanos(selfPid);
      long[] cpuBusy0 = spec.pin() ? ServerProcess.cpuJiffies(o.serverCpus) : null;
      long[] genBusy0 = spec.pin() ? ServerProcess.cpuJiffies(o.generatorCpus) : null;
      long wall0 = System.nanoTime();
      long rssMax = 0;
      while (System.nanoTime() < to) {
        rssMax = Math.max(rssMax, nodes.stream().mapToLong(ServerProcess::rssKiB).sum());
        sleepUntil(Math.min(to, System.nanoTime() + 1_000_000_000L));
      }
      long serverCpu1 = nodes.stream().mapToLong(ServerProcess::cpuNanos).sum();
      Map<String, Long> threads1 = nodes.get(0).threadCpuNanos();
      long genCpu1 = ServerProcess.cpuNanos(selfPid);
      long[] cpuBusy1 = spec.pin() ? ServerProcess.cpuJiffies(o.serverCpus) : null;
      long[] genBusy1 = spec.pin() ? ServerProcess.cpuJiffies(o.generatorCpus) : null;
      long wall = System.nanoTime() - wall0;
      long rssEnd = nodes.stream().mapToLong(ServerProcess::rssKiB).sum();
      rssMax = Math.max(rssMax, rssEnd);

      // Drain: wait for the last deliveries and acks: at least --drain seconds, and on while they
      // still arrive (a saturated server's backlog is late, not lost), up to DRAIN_MAX_SECONDS.
      long drainStart = System.nanoTime();
      long drainUntil = drainStart + spec.drain() * 1_000_000_000L;
      long drainMax = drainStart + DRAIN_MAX_SECONDS * 1_000_000_000L;
      while (g.sending() && System.nanoTime() < drainMax) {
        ServerProcess.sleep(20);
      }
      long lastProgress = System.nanoTime();
      long lastCount = -1;
      while (System.nanoTime() < drainMax) {
        Generator.Counts n = g.counts();
        if (n.delivered + n.duplicates >= n.expected && n.acked + n.errors >= n.sent) {
          break;
        }
        long count = n.delivered + n.acked;
        if (count != lastCount) {
          lastCount = count;
          lastProgress = System.nanoTime();
        }
        if (System.nanoTime() > drainUntil && System.nanoTime() - lastProgress > 2_000_000_000L) {
          break;
        }
        ServerProcess.sleep(100);
      }
      double drained = (System.nanoTime() - drainStart) / 1e9;
      Generator.Results res = g.results();
      for (Path jfr : recordings) {
        for (int i = 0; i < 50 && !java.nio.file.Files.isRegularFile(jfr); i++) {
          ServerProcess.sleep(200);
        }
        try {
          r.notes.add("profile: " + Profile.summarize(jfr));
        } catch (IOException | RuntimeException e) {
          r.notes.add("profile of " + jfr + " could not be read: " + e);
        }
      }
      int held = g.open(dashboards) + g.open(students);
      g.closePeers(dashboards);
      g.closePeers(students);

      Generator.Counts n = res.counts;
      putLatency(r, "delivery", res.delivery);
      putLatency(r, "ack", res.ack);
      r.put("delivered", n.delivered);
      r.put("expected", n.expected);
      r.put("lost", n.expected - n.delivered);
      r.put("duplicates", n.duplicates);
      r.put("sent", n.sent);
      r.put("acked", n.acked);
      r.put("errors", n.errors);
      r.put("unexpectedCloses", n.closes);
      r.put("sendFailures", n.sendFailures);
      r.put("connections", planned);
      r.put("connectionsHeld", held);
      r.put("editsPerSecond", n.sent / (double) spec.seconds());
      r.put("deliveriesPerSecond", n.delivered / (double) spec.seconds());
      r.put("serverCpuPercent", 100.0 * (serverCpu1 - serverCpu0) / wall);
      r.put("serverRssMiB", rssMax / 1024.0);
      if (cpuBusy0 != null && cpuBusy1 != null && cpuBusy1[1] > cpuBusy0[1]) {
        // Everything that ran on the server's CPU: the server, the kernel's network work for it, and
        // whatever else shares the machine. Well above the server's own CPU means it had to share.
        double busy = 100.0 * (cpuBusy1[0] - cpuBusy0[0]) / (cpuBusy1[1] - cpuBusy0[1]);
        r.put("serverCpuBusyPercent", busy);
        r.put("otherLoadOnServerCpuPercent", Math.max(0, busy - r.get("serverCpuPercent")));
      }
      if (genBusy0 != null && genBusy1 != null && genBusy1[1] > genBusy0[1]) {
        double busy = 100.0 * (genBusy1[0] - genBusy0[0]) / (genBusy1[1] - genBusy0[1]);
        r.put("otherLoadOnGeneratorCpuPercent", Math.max(0, busy - 100.0 * (genCpu1 - genCpu0) / wall));
      }
      r.put("generatorCpuPercent", 100.0 * (genCpu1 - genCpu0) / wall);
      r.put("generatorSendLagP99Ms", res.sendLag.getValueAtPercentile(99) / 1000.0);
      r.put("setupSeconds", setupSeconds);
      if (n.synthesisFetches + n.synthesisFailures > 0) {
        // Dashboards showing the synthesis: notice → synthesis fetched, from the measured window on.
        putLatency(r, "synthesisFetch", res.synthesis);
        r.put("synthesisFetches", n.synthesisFetches);
        r.put("synthesisFailures", n.synthesisFailures);
      }
      r.put("drainSeconds", drained);
      if (nodeCount > 1) {
        putLatency(r, "sameNodeDelivery", res.deliverySameNode);
        putLatency(r, "crossNodeDelivery", res.deliveryCrossNode);
        r.put("crossNodeDelivered", res.deliveryCrossNode.getTotalCount());
      }
      // Where the server's CPU went, per thread (first node): % of one core over the window.
      StringBuilder perThread = new StringBuilder();
      threads1.entrySet().stream()
          .map(e -> Map.entry(e.getKey(), e.getValue() - threads0.getOrDefault(e.getKey(), 0L)))
          .filter(e -> e.getValue() * 1000 / wall >= 5)
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> perThread.append(String.format("%s%s %.1f%%", perThread.length() == 0 ? "" : ", ",
              e.getKey(), 100.0 * e.getValue() / wall)));
      r.notes.add(0, "server CPU by thread: " + perThread);
      r.errorCodes.putAll(res.errorCodes);
      r.notes.addAll(res.errorSamples);
      return r;
    }
  }

  static void putLatency(Round r, String prefix, Histogram h) {
    r.put(prefix + "P50Ms", h.getValueAtPercentile(50) / 1000.0);
    r.put(prefix + "P99Ms", h.getValueAtPercentile(99) / 1000.0);
    r.put(prefix + "P999Ms", h.getValueAtPercentile(99.9) / 1000.0);
    r.put(prefix + "MaxMs", h.getMaxValue() / 1000.0);
    r.put(prefix + "MeanMs", h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0);
  }

  static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      ServerProcess.sleep(Math.max(1, left / 1_000_000));
    }
  }
}
