package dev.breakout.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Months of uptime in a minute: many whole workshops, one after another, through one server (the
 * real jar), with the heap measured after a full GC through the metrics port.
 */
@DisplayName("Many workshops through one server: loaded workshops and the heap stay bounded")
class ManyWorkshopsIT {
  private static final int WORKSHOPS = 90;
  private static final int STUDENTS = 8;
  private static final int CARDS_EACH = 8;
  private static final int MAX_LOADED = 5;
  /** 250 Hangul syllables: 500 bytes a card in memory, more than a real one. */
  private static final String TEXT = "가나다라마바사아자차".repeat(25);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  @DisplayName("Ninety workshops of eight students each: at most five stay loaded, and the heap after a full GC does not grow with them")
  void manyWorkshops() throws Exception {
    Path data = Files.createTempDirectory("many-workshops");
    Vertx vertx = Vertx.vertx();
    try (ServerProcess server = ServerProcess.start(data, ServerProcess.freePort(), Map.of(
        "WORKSHOP_JWT_SECRET", dev.breakout.server.support.TestServer.JWT_SECRET,
        "WORKSHOP_MAX_LOADED_WORKSHOPS", String.valueOf(MAX_LOADED),
        "WORKSHOP_HISTORY_EVENTS", "20",
        "WORKSHOP_RETRY_WINDOW", "8",
        "WORKSHOP_OPS_PER_SECOND", "1000", "WORKSHOP_OPS_BURST", "1000"))) {
      ApiClient api = new ApiClient(vertx, server.port());
      String instructor = api.instructorToken();
      List<Long> heaps = new ArrayList<>();
      double maxLoaded = 0;
      for (int i = 1; i <= WORKSHOPS; i++) {
        runOne(api, instructor);
        maxLoaded = Math.max(maxLoaded, metric(server, "workshop_live_workshops"));
        if (i % 30 == 0) {
          heaps.add(heapAfterGc(server));
        }
      }
      long perWorkshop = (heaps.get(2) - heaps.get(0)) / 60;
      System.out.printf("heap after full GC at 30/60/90 workshops: %s bytes; growth per workshop from 30 to 90:"
          + " %d bytes; most loaded at once: %.0f%n", heaps, perWorkshop, maxLoaded);
      // Each workshop made ~330 events and 64 cards of 500+ bytes (more than 60 KB of cards alone);
      // kept in memory, 60 of them would add several MB.
      assertThat(maxLoaded).isLessThanOrEqualTo(MAX_LOADED);
      assertThat(perWorkshop).isLessThan(16 * 1024);
      assertThat(metric(server, "workshop_unloads_total")).isGreaterThanOrEqualTo(WORKSHOPS - MAX_LOADED);
      assertThat(api.get("/api/workshops", instructor).array()).hasSize(WORKSHOPS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A whole workshop: start, students write, end, everyone leaves. */
  private void runOne(ApiClient api, String instructor) throws Exception {
    JsonObject created = api.createWorkshop(instructor, new JsonObject().put("groups", 2));
    try (TestSocket teacher = api.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      List<TestSocket> students = new ArrayList<>();
      try {
        for (int s = 0; s < STUDENTS; s++) {
          JsonObject joined = api.join(created.getString("joinCode"), "학생" + s);
          TestSocket socket = api.socket();
          students.add(socket);
          socket.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")).put("lastSeq", 0));
          socket.awaitType("welcome");
        }
        for (int c = 0; c < CARDS_EACH; c++) {
          List<String> ops = new ArrayList<>();
          for (int s = 0; s < STUDENTS; s++) {
            ops.add(students.get(s).op("card.add", new JsonObject().put("cardId", "c" + s + "-" + c)
                .put("prompt", "p1").put("text", TEXT + s + c)));
          }
          for (int s = 0; s < STUDENTS; s++) {
            assertThat(students.get(s).awaitReply(ops.get(s)).getString("type")).isEqualTo("ack");
          }
        }
        assertThat(teacher.awaitReply(teacher.op("workshop.end", new JsonObject())).getString("type")).isEqualTo("ack");
      } finally {
        students.forEach(TestSocket::close);
      }
    }
  }

  private long heapAfterGc(ServerProcess server) throws Exception {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(server.pid()), "GC.run").redirectErrorStream(true).start();
    assertThat(gc.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return (long) scrape(server).lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private double metric(ServerProcess server, String name) throws Exception {
    return scrape(server).lines().filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
  }

  private String scrape(ServerProcess server) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
