package dev.breakout.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory mode: idle connections (authenticated with our server: joined, hello'd, welcomed)
 * opened in steps, spread over 127.0.0.x source addresses past 20,000 per address; after each
 * step a full GC in the server, then its resident memory. Per connection is the growth of
 * resident memory divided by the connections added.
 */
final class MemoryRun {
  record Step(int connections, long rssKiB, long heapUsedKiB) {}

  record Result(String contender, long emptyRssKiB, long seatedRssKiB, List<Step> steps, String failure) {
    Step last() {
      return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }

    /** KiB per connection, counting its seat (the join) too: (last - empty) / n. */
    double perConnectionKiB() {
      Step s = last();
      return s == null || s.connections() == 0 ? Double.NaN : (s.rssKiB() - emptyRssKiB) / (double) s.connections();
    }

    /** KiB per connection for the sockets alone: (last - seated) / n. */
    double perSocketKiB() {
      Step s = last();
      return s == null || s.connections() == 0 ? Double.NaN : (s.rssKiB() - seatedRssKiB) / (double) s.connections();
    }

    double heapPerConnectionKiB(long emptyHeap) {
      Step s = last();
      return s == null || s.connections() == 0 || s.heapUsedKiB() < 0 ? Double.NaN
          : (s.heapUsedKiB() - emptyHeap) / (double) s.connections();
    }
  }

  private final Options o;
  private final Path dir;
  final List<Result> results = new ArrayList<>();
  private final Map<String, Long> emptyHeap = new LinkedHashMap<>();
  private final Map<String, Long> seatedHeap = new LinkedHashMap<>();

  MemoryRun(Options o, Path dir) {
    this.o = o;
    this.dir = dir;
  }

  void run() {
    for (String name : o.contenders) {
      results.add(measure(Contender.of(name, o)));
    }
  }

  boolean failed() {
    return results.stream().anyMatch(r -> r.failure() != null);
  }

  private Result measure(Contender c) {
    int total = o.memoryConnections;
    System.err.printf("memory: %s, %d idle connections in %d steps ...%n", c.name, total, o.memorySteps);
    List<Step> steps = new ArrayList<>();
    long empty = -1;
    long seated = -1;
    try (ServerProcess server = c.start(dir, c.name + "-memory", 0, Map.of(), o.pin)) {
      server.awaitHealthy(java.time.Duration.ofSeconds(90));
      empty = settle(c, server);
      emptyHeap.put(c.name, lastHeap);
      Layout layout = new Layout(total, o.groupSize, 0, o.groupsPerWorkshop);
      List<Peer> students = new ArrayList<>();
      for (int s = 0; s < total; s++) {
        students.add(new Peer(s, s, layout.workshopOf[s], 0, c.socketIo()));
      }
      c.seat(List.of(server), layout, students, List.of());
      seated = settle(c, server);
      seatedHeap.put(c.name, lastHeap);
      System.err.printf("  %s: empty %.1f MiB, with %d seats %.1f MiB%n", c.name, empty / 1024.0, total,
          seated / 1024.0);
      int shards = o.shards > 0 ? o.shards : Runtime.getRuntime().availableProcessors();
      try (Generator g = new Generator(shards, List.of(new Generator.Endpoint("127.0.0.1", server.port, c.wsPath())))) {
        int done = 0;
        for (int step = 1; step <= o.memorySteps; step++) {
          int target = (int) ((long) total * step / o.memorySteps);
          List<String> failures = new ArrayList<>();
          int ok = g.connect(students.subList(done, target), 100, failures);
          if (ok < target - done) {
            throw new IllegalStateException((target - done - ok) + " connections failed: " + failures);
          }
          done = target;
          ServerProcess.sleep(1000);
          long rss = settle(c, server);
          int open = g.open(students.subList(0, done));
          steps.add(new Step(open, rss, lastHeap));
          System.err.printf("  %s: %d connections open, RSS %.1f MiB, heap used %s%n", c.name, open, rss / 1024.0,
              lastHeap < 0 ? "?" : String.format("%.1f MiB", lastHeap / 1024.0));
        }
        g.closePeers(students.subList(0, done));
      }
      return new Result(c.name, empty, seated, steps, null);
    } catch (IOException | RuntimeException e) {
      return new Result(c.name, empty, seated, steps, String.valueOf(e.getMessage()));
    }
  }

  private long lastHeap = -1;

  /** Full GC in the server, a moment to settle, then its resident memory in KiB (and {@link #lastHeap}). */
  private long settle(Contender c, ServerProcess server) {
    lastHeap = -1;
    for (int i = 0; i < 2; i++) {
      if (c.socketIo()) {
        lastHeap = nodeGc(server.port);
      } else {
        ServerProcess.run(List.of(jcmd(o), String.valueOf(server.pid()), "GC.run"), 60);
      }
      ServerProcess.sleep(1000);
    }
    if (!c.socketIo()) {
      lastHeap = javaHeapUsedKiB(ServerProcess.run(List.of(jcmd(o), String.valueOf(server.pid()), "GC.heap_info"), 60));
    }
    return server.rssKiB();
  }

  /** The jcmd of the servers' JDK: a jcmd of another version may not attach. */
  static String jcmd(Options o) {
    Path jcmd = o.serverJava.resolveSibling("jcmd");
    return jcmd.toFile().canExecute() ? jcmd.toString() : "jcmd";
  }

  private static final Pattern USED = Pattern.compile(
      "^\\s*(def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen|ZHeap|Shenandoah).*?used (\\d+)K",
      Pattern.MULTILINE);

  static long javaHeapUsedKiB(String heapInfo) {
    Matcher m = USED.matcher(heapInfo);
    long sum = 0;
    boolean any = false;
    while (m.find()) {
      sum += Long.parseLong(m.group(2));
      any = true;
    }
    return any ? sum : -1;
  }

  private static long nodeGc(int port) {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/gc")).timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? new JsonObject(r.body()).getLong("heapUsed", -1024L) / 1024 : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  String table() {
    List<String> heads = List.of("contender", "connections", "RSS (MiB)", "heap used (MiB)",
        "KiB per connection incl. seat", "KiB per socket (seated before)", "heap KiB per connection");
    List<List<String>> rows = new ArrayList<>();
    for (Result r : results) {
      if (r.failure() != null) {
        rows.add(List.of(r.contender(), "FAILED: " + r.failure(), "", "", "", "", ""));
        continue;
      }
      rows.add(List.of(r.contender(), "0 (empty)", mib(r.emptyRssKiB()), mib(emptyHeap.getOrDefault(r.contender(), -1L)),
          "", "", ""));
      rows.add(List.of(r.contender(), "0 (" + o.memoryConnections + " seated)", mib(r.seatedRssKiB()),
          mib(seatedHeap.getOrDefault(r.contender(), -1L)), "", "", ""));
      long eh = emptyHeap.getOrDefault(r.contender(), -1L);
      for (Step s : r.steps()) {
        double per = (s.rssKiB() - r.emptyRssKiB()) / (double) s.connections();
        double perSocket = (s.rssKiB() - r.seatedRssKiB()) / (double) s.connections();
        double heapPer = s.heapUsedKiB() < 0 || eh < 0 ? Double.NaN : (s.heapUsedKiB() - eh) / (double) s.connections();
        rows.add(List.of(r.contender(), String.valueOf(s.connections()), mib(s.rssKiB()),
            s.heapUsedKiB() < 0 ? "?" : mib(s.heapUsedKiB()), String.format("%.1f", per),
            String.format("%.1f", perSocket), Double.isNaN(heapPer) ? "?" : String.format("%.1f", heapPer)));
      }
    }
    StringBuilder b = new StringBuilder("Idle connections, full GC before each reading; source addresses 127.0.0.1"
        + (o.memoryConnections > Generator.CONNECTIONS_PER_SOURCE_ADDRESS ? "-127.0.0."
        + (1 + (o.memoryConnections - 1) / Generator.CONNECTIONS_PER_SOURCE_ADDRESS) : "") + "\n");
    b.append(Table.render(heads, rows));
    for (Result r : results) {
      if (r.contender().equals("ours") && r.failure() == null) {
        double per = r.perConnectionKiB();
        b.append(String.format("%nTarget: at most 30 KiB resident per idle authenticated connection at %d: %s "
            + "(%.1f KiB incl. the seat, %.1f KiB for the socket alone)%n", r.last().connections(),
            per <= 30 ? "MET" : "MISSED", per, r.perSocketKiB()));
      }
    }
    return b.toString();
  }

  private static String mib(long kib) {
    return kib < 0 ? "?" : String.format("%.1f", kib / 1024.0);
  }

  JsonObject json() {
    JsonArray list = new JsonArray();
    for (Result r : results) {
      JsonObject j = new JsonObject().put("name", r.contender());
      if (r.failure() != null) {
        j.put("failure", r.failure());
      }
      j.put("emptyRssKiB", r.emptyRssKiB()).put("seatedRssKiB", r.seatedRssKiB());
      if (r.last() != null) {
        j.put("connections", r.last().connections()).put("rssKiB", r.last().rssKiB())
            .put("rssPerConnectionKiB", Compare.num(r.perConnectionKiB()))
            .put("rssPerSocketKiB", Compare.num(r.perSocketKiB()))
            .put("heapPerConnectionKiB", Compare.num(r.heapPerConnectionKiB(emptyHeap.getOrDefault(r.contender(), -1L))));
      }
      JsonArray steps = new JsonArray();
      r.steps().forEach(s -> steps.add(new JsonObject().put("connections", s.connections()).put("rssKiB", s.rssKiB())
          .put("heapUsedKiB", s.heapUsedKiB())));
      j.put("emptyHeapUsedKiB", emptyHeap.getOrDefault(r.contender(), -1L))
          .put("seatedHeapUsedKiB", seatedHeap.getOrDefault(r.contender(), -1L));
      j.put("steps", steps);
      list.add(j);
    }
    return new JsonObject().put("contenders", list);
  }
}
