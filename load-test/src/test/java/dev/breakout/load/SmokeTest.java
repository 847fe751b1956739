package dev.breakout.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The CI's smoke run of the harness: a few seconds of load (50 students in groups of 5, 2
 * dashboards) against our server (started from its classes), the bare Vert.x baseline and, when
 * node and npm work here, the socket.io server. It asserts that the harness works end to end and
 * that nothing is lost; never a timing threshold (CI machines are shared and small).
 */
class SmokeTest {

  @Test
  @Timeout(180)
  void aFewSecondsOfLoadReachEveryoneOnEveryContender() throws Exception {
    Path work = Path.of(System.getProperty("loadtest.workDir", "target/smoke"));
    Path nodeDir = Path.of(System.getProperty("loadtest.nodeDir", "node"));
    Files.createDirectories(work);
    List<String> contenders = new ArrayList<>(List.of("ours", "synthesis", "baseline"));
    String nodeSkipped = nodeUsable(nodeDir);
    if (nodeSkipped == null) {
      contenders.add("node");
    } else {
      System.err.println("smoke test without the node contender: " + nodeSkipped);
    }
    Path out = work.resolve("smoke.json");
    Options o = Options.parse(new String[] {
        "--students", "50", "--group-size", "5", "--dashboards", "2", "--rate", "1",
        "--seconds", "4", "--warmup", "1", "--drain", "10", "--rounds", "1", "--no-capacity", "--no-pin",
        "--contenders", String.join(",", contenders),
        "--ours-classpath", System.getProperty("java.class.path"),
        "--node-dir", nodeDir.toString(), "--work-dir", work.toString(), "--out", out.toString()});

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    int code = Main.run(o, new PrintStream(table, true, StandardCharsets.UTF_8));
    String printed = table.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(code).as("exit code; the table:\n%s", printed).isZero();
    assertThat(printed).contains("delivery p99 (ms)", "ours/baseline");
    JsonObject json = new JsonObject(Files.readString(out));
    assertThat(json.getJsonArray("contenders")).hasSize(contenders.size());
    for (int i = 0; i < contenders.size(); i++) {
      JsonObject c = json.getJsonArray("contenders").getJsonObject(i);
      String name = c.getString("name");
      assertThat(name).isEqualTo(contenders.get(i));
      JsonObject round = c.getJsonArray("perRound").getJsonObject(0);
      assertThat(round.getString("failure")).as(name + " failed").isNull();
      // 50 students x 4 s x 1 edit/s, each to the 4 others of its group and 2 dashboards.
      assertThat(c.getLong("sent")).as(name + " edits sent").isEqualTo(200L);
      assertThat(c.getLong("expected")).as(name + " deliveries expected").isEqualTo(200L * 6);
      assertThat(c.getLong("delivered")).as(name + " delivered; notes " + round.getValue("notes"))
          .isEqualTo(c.getLong("expected"));
      assertThat(c.getLong("lost")).as(name + " lost").isZero();
      assertThat(c.getLong("duplicates")).as(name + " duplicates").isZero();
      assertThat(c.getLong("acked")).as(name + " acked").isEqualTo(c.getLong("sent"));
      assertThat(c.getLong("errors")).as(name + " errors " + round.getValue("errorCodes")).isZero();
      assertThat(c.getLong("unexpectedCloses")).as(name + " closes").isZero();
      assertThat(c.getLong("connectionsHeld")).as(name + " connections held").isEqualTo(52L);
      assertThat(c.getDouble("deliveryP99Ms")).as(name + " p99 measured").isPositive();
      assertThat(c.getDouble("ackP99Ms")).as(name + " ack p99 measured").isPositive();
      if (name.equals("synthesis")) {
        // Its dashboards fetched the class synthesis at the server's notices, and never failed to.
        assertThat(c.getDouble("synthesisFetches")).as("synthesis fetches").isPositive();
        assertThat(c.getDouble("synthesisFailures")).as("synthesis failures; notes " + round.getValue("notes"))
            .isZero();
      }
    }
  }

  @Test
  @Timeout(240)
  void aShortSoakRunsWholeWorkshopsOneAfterAnotherAndReadsTheHeap() throws Exception {
    Path work = Path.of(System.getProperty("loadtest.workDir", "target/smoke"));
    Files.createDirectories(work);
    Path out = work.resolve("soak.json");
    Options o = Options.parse(new String[] {
        "--soak", "--soak-workshops", "2", "--soak-students", "10", "--group-size", "5", "--soak-dashboards", "2",
        "--soak-seconds", "1", "--soak-every", "2", "--no-pin",
        "--ours-classpath", System.getProperty("java.class.path"),
        "--work-dir", work.toString(), "--out", out.toString()});

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    int code = Main.run(o, new PrintStream(table, true, StandardCharsets.UTF_8));
    String printed = table.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(code).as("exit code; the table:\n%s", printed).isZero();
    assertThat(printed).contains("heap after full GC (MiB)", "Verdict: heap after a full GC");
    JsonObject soak = new JsonObject(Files.readString(out)).getJsonObject("soak");
    assertThat(soak.getString("failure")).as("failure").isNull();
    assertThat(soak.getInteger("workshops")).isEqualTo(2);
    assertThat(soak.getInteger("workshopsFailed")).as("notes " + soak.getValue("notes")).isZero();
    // Each workshop: 10 students x 1 s x 1 edit/s, each edit to the 4 others of its group and 2 dashboards.
    assertThat(soak.getLong("sent")).isEqualTo(20L);
    assertThat(soak.getLong("acked")).isEqualTo(20L);
    assertThat(soak.getLong("expected")).isEqualTo(20L * 6);
    assertThat(soak.getLong("delivered")).isEqualTo(20L * 6);
    assertThat(soak.getLong("errors")).isZero();
    assertThat(soak.getLong("unexpectedCloses")).isZero();
    // A reading before the first workshop and one after the second; both found the heap.
    assertThat(soak.getJsonArray("samples")).hasSize(2);
    for (int i = 0; i < 2; i++) {
      assertThat(soak.getJsonArray("samples").getJsonObject(i).getLong("heapUsedKiB")).isPositive();
    }
    assertThat(soak.getJsonArray("samples").getJsonObject(1).getInteger("workshops")).isEqualTo(2);
  }

  /** Null when node can run here; otherwise why not (then the node contender is left out, not failed). */
  private static String nodeUsable(Path nodeDir) {
    if (!NodeSetup.nodeAvailable()) {
      return "node or npm is not installed";
    }
    try {
      NodeSetup.ensureInstalled(nodeDir);
      return null;
    } catch (RuntimeException e) {
      return "npm ci failed: " + e.getMessage();
    }
  }
}
