package dev.breakout.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.Postgres;
import dev.breakout.server.support.ResilientStudent;
import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestCluster;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PostgreSQL restarts under a two-node cluster's load")
class PostgresRestartIT {
  private static final int STUDENTS = 4;
  private static final int OPS_EACH = 30;

  private final Vertx vertx = Vertx.vertx();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private Postgres postgres;

  @AfterEach
  void stop() throws Exception {
    for (ServerProcess n : nodes) {
      n.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The nodes reconnect; edits in flight fail with unavailable, clients retry them, and none is lost or applied twice")
  void restartUnderLoad() throws Exception {
    postgres = Postgres.start();
    List<Integer> hz = List.of(ServerProcess.freePort(), ServerProcess.freePort());
    List<String> members = hz.stream().map(p -> "127.0.0.1:" + p).toList();
    String name = "pg-restart-" + UUID.randomUUID();
    for (int port : hz) {
      Map<String, String> env = TestCluster.env(postgres, name, port, members);
      nodes.add(ServerProcess.start(Files.createTempDirectory("pg-node"), ServerProcess.freePort(), env));
    }
    ApiClient api = new ApiClient(vertx, nodes.get(0).port());
    String instructor = api.instructorToken();
    JsonObject created = api.createWorkshop(instructor, new JsonObject().put("groups", 2));
    String workshopId = created.getString("id");
    try (TestSocket teacher = api.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    }
    List<ResilientStudent> students = new ArrayList<>();
    for (int i = 0; i < STUDENTS; i++) {
      JsonObject joined = api.join(created.getString("joinCode"), "학생" + i);
      int[] turn = {i};
      // Each reconnect goes to the other node, as a load balancer would spread them.
      students.add(new ResilientStudent(vertx, joined, () -> nodes.get(turn[0]++ % 2).port()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(STUDENTS);
    CountDownLatch started = new CountDownLatch(STUDENTS);
    List<Future<?>> writers = new ArrayList<>();
    for (int i = 0; i < STUDENTS; i++) {
      int n = i;
      writers.add(pool.submit(() -> {
        for (int k = 0; k < OPS_EACH; k++) {
          String id = "s" + n + "-" + k;
          students.get(n).apply(new JsonObject().put("type", "card.add").put("opId", id).put("cardId", id)
              .put("prompt", "p" + (1 + k % 3)).put("text", "재시작 중의 카드 " + id));
          if (k == 5) {
            started.countDown();
          }
        }
        return null;
      }));
    }
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    long restartAt = System.nanoTime();
    postgres.restart();
    long downMs = (System.nanoTime() - restartAt) / 1_000_000;
    for (Future<?> w : writers) {
      w.get(180, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> acked = new ArrayList<>();
    int unavailable = 0;
    for (ResilientStudent s : students) {
      assertThat(s.acked()).hasSize(OPS_EACH);
      acked.addAll(s.acked());
      unavailable += s.unavailable();
      s.close();
    }
    assertThat(unavailable).as("operations answered unavailable while PostgreSQL was down").isPositive();
    for (int node = 0; node < 2; node++) {
      String csv = new ApiClient(vertx, nodes.get(node).port())
          .get("/api/workshops/" + workshopId + "/export?format=csv", instructor).body();
      for (String id : acked) {
        assertThat(csv.split("," + id + ",", -1).length - 1).as("card %s in node %d's export", id, node).isEqualTo(1);
      }
    }
    assertThat(nodes.get(0).output()).anyMatch(l -> l.contains("database connection was lost and is open again"));
    System.out.printf("PostgreSQL restart: down for ~%d ms; %d operations answered unavailable and retried; all %d"
        + " acknowledged cards in both nodes' exports once%n", downMs, unavailable, acked.size());
  }
}
