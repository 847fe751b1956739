package dev.breakout.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The soak: whole workshops through one server, one after another, as a class runs them: created,
 * students joined and connected, the exercise started, every student writing for a while (the
 * open-loop edits of the comparison, timed the same way), one submit per group, the discussion
 * ended, the presentations started, feedback for each group, the workshop ended, everyone gone;
 * then the next. Every {@code --soak-every} workshops the server's heap after a full GC
 * ({@code jcmd GC.run}, then {@code GC.heap_info}) is read; a least-squares line through those
 * readings gives KiB per workshop. A server that kept what ended workshops held would show it as
 * a slope; one that lets them go stays flat once the idle ones have left (decision 012).
 */
final class SoakRun {
  /** One heap reading after a full GC. */
  record Sample(int workshops, double elapsedSeconds, long heapUsedKiB, long rssKiB, double loadedWorkshops,
      long edits, long lost, long errors, double deliveryP99Ms) {}

  private final Options o;
  private final Path dir;
  final List<Sample> samples = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  private final Histogram delivery = Generator.histogram();
  private Generator.Counts total = new Generator.Counts();
  private int workshopsDone;
  private int workshopsFailed;
  private double seconds;
  private String failure;

  SoakRun(Options o, Path dir) {
    this.o = o;
    this.dir = dir;
  }

  boolean failed() {
    return failure != null || workshopsFailed > 0;
  }

  void run() {
    Contender c = Contender.of("ours", o);
    long start = System.nanoTime();
    long deadline = o.soakMinutes > 0 ? start + o.soakMinutes * 60_000_000_000L : Long.MAX_VALUE;
    int planned = o.soakMinutes > 0 ? Integer.MAX_VALUE : o.soakWorkshops;
    try (ServerProcess server = c.start(dir, "ours-soak", 0, Map.of(), o.pin)) {
      server.awaitHealthy(java.time.Duration.ofSeconds(90));
      int metricsPort = metricsPort(server);
      OursApi api = new OursApi(server.port);
      String instructor = api.login(Contender.Ours.PASSWORD);
      int shards = o.shards > 0 ? o.shards : Runtime.getRuntime().availableProcessors();
      try (Generator g = new Generator(shards,
          List.of(new Generator.Endpoint("127.0.0.1", server.port, c.wsPath())))) {
        sample(server, metricsPort, start, new Generator.Counts(), Generator.histogram());
        Generator.Counts windowStart = new Generator.Counts();
        Histogram window = Generator.histogram();
        while (workshopsDone < planned && System.nanoTime() < deadline) {
          int n = workshopsDone + 1;
          try {
            Generator.Results r = runWorkshop(g, api, instructor, n);
            delivery.add(r.delivery);
            window.add(r.delivery);
          } catch (RuntimeException e) {
            workshopsFailed++;
            notes.add("workshop " + n + " failed: " + e.getMessage());
            System.err.println("  soak: workshop " + n + " failed: " + Wire.abbreviate(String.valueOf(e.getMessage())));
            if (!server.process.isAlive()) {
              throw new IllegalStateException("the server exited; log " + server.log + ":\n" + server.tail(20));
            }
          }
          workshopsDone = n;
          if (n % o.soakEvery == 0) {
            Generator.Counts now = g.counts();
            sample(server, metricsPort, start, minus(now, windowStart), window);
            windowStart = now;
            window = Generator.histogram();
          }
        }
        if (workshopsDone % o.soakEvery != 0) {
          sample(server, metricsPort, start, minus(g.counts(), windowStart), window);
        }
        total = g.counts();
        g.results().errorSamples.forEach(e -> notes.add("sample: " + e));
      }
    } catch (IOException | RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    }
    seconds = (System.nanoTime() - start) / 1e9;
  }

  /** One whole workshop; returns what the generator measured in its writing time. */
  private Generator.Results runWorkshop(Generator g, OursApi api, String instructor, int n) {
    Layout layout = new Layout(o.soakStudents, o.groupSize, o.soakDashboards, Layout.MAX_GROUPS_PER_WORKSHOP);
    JsonObject created = api.createWorkshop(instructor, layout.groupsIn[0]);
    String id = created.getString("id");
    List<Peer> dashboards = new ArrayList<>();
    List<Peer> students = new ArrayList<>();
    for (int d = 0; d < layout.dashboards; d++) {
      Peer p = new Peer(d, -1, 0, 0, false);
      p.hello = new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", id).encode();
      dashboards.add(p);
    }
    List<OursApi.Joined> joined = api.joinAll(
        java.util.Collections.nCopies(layout.students, created.getString("joinCode")),
        java.util.stream.IntStream.range(0, layout.students).mapToObj(s -> "학생" + n + "-" + s).toList());
    Map<String, List<Peer>> groups = new LinkedHashMap<>();
    for (int s = 0; s < layout.students; s++) {
      Peer p = new Peer(layout.dashboards + s, s, 0, 0, false);
      OursApi.Joined j = joined.get(s);
      p.hello = new JsonObject().put("type", "hello").put("token", j.token()).put("lastSeq", 0).encode();
      p.groupKey = j.groupId();
      p.cardId = "c" + s;
      students.add(p);
      groups.computeIfAbsent(p.groupKey, k -> new ArrayList<>()).add(p);
    }
    List<String> failures = new ArrayList<>();
    try {
      // A failed workshop still lets go of the connections it made, or it would stay loaded.
      int connected = g.connect(dashboards, 20, failures) + g.connect(students, 100, failures);
      if (connected < dashboards.size() + students.size()) {
        throw new IllegalStateException((dashboards.size() + students.size() - connected) + " connections failed: "
            + failures.stream().distinct().toList());
      }
      int[] slot = new int[layout.students];
      for (List<Peer> members : groups.values()) {
        for (int i = 0; i < members.size(); i++) {
          Peer p = members.get(i);
          slot[p.student] = i;
          p.lastSeen = new int[members.size()];
          p.recipients = members.size() - 1 + layout.dashboards;
        }
      }
      dashboards.forEach(d -> d.lastSeen = new int[layout.students]);
      g.setRoster(new Generator.Roster(slot, new int[layout.students]));
      // The first dashboard is also the instructor who runs the exercise.
      Peer teacher = dashboards.get(0);
      instruct(g, teacher, new JsonObject().put("type", "exercise.start"));
      expectAll(g, students, p -> new JsonObject().put("type", "card.add").put("prompt", "p1").put("cardId", p.cardId)
          .put("text", "init"), "card.add");

      Generator.Counts before = g.counts();
      long base = System.nanoTime() + 100_000_000L;
      long to = base + o.soakSeconds * 1_000_000_000L;
      g.start(students, o.rate, base, base, to);
      LoadRun.sleepUntil(to);
      drain(g, before);
      g.endWindow();
      Generator.Results r = g.results();

      List<Peer> firstOfEach = groups.values().stream().map(m -> m.get(0)).toList();
      expectAll(g, firstOfEach, p -> new JsonObject().put("type", "group.submit").put("submitted", true),
          "group.submit");
      instruct(g, teacher, new JsonObject().put("type", "phase.next"));
      instruct(g, teacher, new JsonObject().put("type", "presentation.start"));
      for (String group : groups.keySet()) {
        instruct(g, teacher, new JsonObject().put("type", "feedback").put("groupId", group)
            .put("text", "로드맵이 구체적이라 좋았습니다. " + group));
      }
      instruct(g, teacher, new JsonObject().put("type", "workshop.end"));
      return r;
    } finally {
      g.closePeers(students);
      g.closePeers(dashboards);
    }
  }

  private static void instruct(Generator g, Peer teacher, JsonObject op) {
    expectAll(g, List.of(teacher), p -> op.copy(), op.getString("type"));
  }

  private static void expectAll(Generator g, List<Peer> peers, java.util.function.Function<Peer, JsonObject> op,
      String what) {
    List<String> failures = new ArrayList<>();
    int ok = g.requestAll(peers, op, 50, failures);
    if (ok < peers.size()) {
      throw new IllegalStateException((peers.size() - ok) + " of " + peers.size() + " " + what + " failed: "
          + failures);
    }
  }

  /**
   * Waits for every delivery and ack of the edits sent since {@code before}: on while they still
   * arrive (a busy server's backlog is late, not lost), up to {@link LoadRun#DRAIN_MAX_SECONDS}
   * after the last send, or 10 s without any.
   */
  private static void drain(Generator g, Generator.Counts before) {
    long until = System.nanoTime() + LoadRun.DRAIN_MAX_SECONDS * 1_000_000_000L;
    while (g.sending() && System.nanoTime() < until) {
      ServerProcess.sleep(20);
    }
    long lastProgress = System.nanoTime();
    long lastCount = -1;
    while (System.nanoTime() < until) {
      Generator.Counts n = minus(g.counts(), before);
      if (n.delivered + n.duplicates >= n.expected && n.acked + n.errors >= n.sent) {
        return;
      }
      if (n.delivered + n.acked != lastCount) {
        lastCount = n.delivered + n.acked;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > 10_000_000_000L) {
        return;
      }
      ServerProcess.sleep(50);
    }
  }

  static Generator.Counts minus(Generator.Counts a, Generator.Counts b) {
    Generator.Counts d = new Generator.Counts();
    d.sent = a.sent - b.sent;
    d.expected = a.expected - b.expected;
    d.delivered = a.delivered - b.delivered;
    d.duplicates = a.duplicates - b.duplicates;
    d.acked = a.acked - b.acked;
    d.errors = a.errors - b.errors;
    d.closes = a.closes - b.closes;
    d.sendFailures = a.sendFailures - b.sendFailures;
    return d;
  }

  private void sample(ServerProcess server, int metricsPort, long start, Generator.Counts window, Histogram h) {
    for (int i = 0; i < 2; i++) {
      ServerProcess.run(List.of(MemoryRun.jcmd(o), String.valueOf(server.pid()), "GC.run"), 60);
      ServerProcess.sleep(500);
    }
    long heap = MemoryRun.javaHeapUsedKiB(ServerProcess.run(List.of(MemoryRun.jcmd(o), String.valueOf(server.pid()),
        "GC.heap_info"), 60));
    // What the heap holds, by class, for finding what grows between two readings (diff the files).
    Path histogram = dir.resolve("soak-heap-histogram-" + workshopsDone + ".txt");
    try {
      Files.writeString(histogram, ServerProcess.run(List.of(MemoryRun.jcmd(o), String.valueOf(server.pid()),
          "GC.class_histogram"), 60));
    } catch (IOException e) {
      notes.add("could not write " + histogram + ": " + e.getMessage());
    }
    Sample s = new Sample(workshopsDone, (System.nanoTime() - start) / 1e9, heap, server.rssKiB(),
        loadedWorkshops(metricsPort), window.sent, window.expected - window.delivered, window.errors,
        h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0);
    samples.add(s);
    System.err.printf("  soak: %d workshops, %.0f s: heap after full GC %.1f MiB, RSS %.1f MiB, loaded %s%n",
        s.workshops(), s.elapsedSeconds(), heap / 1024.0, s.rssKiB() / 1024.0, fmt(s.loadedWorkshops(), "%.0f"));
  }

  private static final Pattern METRICS_LINE = Pattern.compile(":(\\d+)/metrics");

  /** The metrics port from the server's banner (it was started with port 0 for it), or -1. */
  private static int metricsPort(ServerProcess server) {
    try {
      Matcher m = METRICS_LINE.matcher(Files.readString(server.log));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Workshops the server holds in memory (the {@code workshop_live_workshops} gauge), or NaN. */
  private static double loadedWorkshops(int metricsPort) {
    if (metricsPort < 0) {
      return Double.NaN;
    }
    try {
      String body = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(l -> l.startsWith("workshop_live_workshops ")).mapToDouble(
          l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  // ------------------------------------------------------------------ report

  String table() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("Soak: %d workshops of %d students (groups of %d) and %d dashboard(s), %s for %d s each,"
            + " then submit, discussion ended, presentations, feedback per group, end; heap after a full GC every %d"
            + " workshops%n", workshopsDone, o.soakStudents, o.groupSize, o.soakDashboards, Main.rate(o.rate),
        o.soakSeconds, o.soakEvery));
    List<String> heads = List.of("workshops", "elapsed (s)", "heap after full GC (MiB)", "RSS (MiB)",
        "loaded workshops", "edits", "lost", "errors", "delivery p99 (ms)");
    List<List<String>> rows = new ArrayList<>();
    for (Sample s : samples) {
      rows.add(List.of(String.valueOf(s.workshops()), String.format("%.0f", s.elapsedSeconds()),
          String.format("%.2f", s.heapUsedKiB() / 1024.0), String.format("%.1f", s.rssKiB() / 1024.0),
          fmt(s.loadedWorkshops(), "%.0f"), String.valueOf(s.edits()), String.valueOf(s.lost()),
          String.valueOf(s.errors()), fmt(s.deliveryP99Ms(), "%.1f")));
    }
    b.append(Table.render(heads, rows));
    b.append(SoakVerdict.slopes(samples));
    b.append(String.format("Edits: %d sent, %d acked, %d of %d deliveries made (%d lost), %d errors, %d unexpected "
            + "closes; delivery p99 %.1f ms over the whole soak; %d workshop(s) failed; %.0f s%n", total.sent,
        total.acked, total.delivered, total.expected, total.expected - total.delivered, total.errors, total.closes,
        delivery.getValueAtPercentile(99) / 1000.0, workshopsFailed, seconds));
    b.append("Verdict: heap after a full GC ").append(SoakVerdict.verdict(samples, o.soakFlatKiB)).append('\n');
    if (failure != null) {
      b.append("FAILED: ").append(failure).append('\n');
    }
    if (!notes.isEmpty()) {
      b.append("\nNotes:\n");
      notes.stream().limit(20).forEach(n -> b.append("  ").append(n).append('\n'));
    }
    return b.toString();
  }

  JsonObject json() {
    JsonArray list = new JsonArray();
    for (Sample s : samples) {
      list.add(new JsonObject().put("workshops", s.workshops()).put("elapsedSeconds", s.elapsedSeconds())
          .put("heapUsedKiB", s.heapUsedKiB()).put("rssKiB", s.rssKiB())
          .put("loadedWorkshops", Compare.num(s.loadedWorkshops())).put("edits", s.edits()).put("lost", s.lost())
          .put("errors", s.errors()).put("deliveryP99Ms", Compare.num(s.deliveryP99Ms())));
    }
    JsonObject soak = new JsonObject().put("workshops", workshopsDone).put("workshopsFailed", workshopsFailed)
        .put("studentsPerWorkshop", o.soakStudents).put("dashboardsPerWorkshop", o.soakDashboards)
        .put("writingSecondsPerWorkshop", o.soakSeconds).put("seconds", seconds).put("samples", list)
        .put("slopeKiBPerWorkshop", Compare.num(SoakVerdict.slopeKiBPerWorkshop(samples)))
        .put("judgedSlopeKiBPerWorkshop", Compare.num(SoakVerdict.slopeKiBPerWorkshop(SoakVerdict.judged(samples))))
        .put("judgedFromWorkshops", SoakVerdict.judged(samples).isEmpty() ? -1
            : SoakVerdict.judged(samples).get(0).workshops())
        .put("leftBehindKiBPerWorkshop", Compare.num(SoakVerdict.fit(samples)[0]))
        .put("kiBPerLoadedWorkshop", Compare.num(SoakVerdict.fit(samples)[1]))
        .put("flatLimitKiBPerWorkshop", o.soakFlatKiB).put("verdict", SoakVerdict.verdict(samples, o.soakFlatKiB))
        .put("sent", total.sent).put("acked", total.acked).put("expected", total.expected)
        .put("delivered", total.delivered).put("lost", total.expected - total.delivered).put("errors", total.errors)
        .put("unexpectedCloses", total.closes).put("deliveryP99Ms", delivery.getValueAtPercentile(99) / 1000.0)
        .put("notes", new JsonArray(new ArrayList<>(notes)));
    if (failure != null) {
      soak.put("failure", failure);
    }
    return new JsonObject().put("soak", soak);
  }

  static String fmt(double v, String pattern) {
    return Double.isNaN(v) ? "?" : String.format(pattern, v);
  }
}
