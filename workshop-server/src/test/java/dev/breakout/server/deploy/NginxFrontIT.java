package dev.breakout.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.Nginx;
import dev.breakout.server.support.Postgres;
import dev.breakout.server.support.ResilientStudent;
import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestCluster;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The deployment the README documents, run for real: Debian's nginx with the README's server
 * block (TLS with a certificate made here) in front of three nodes of the real jar on one
 * PostgreSQL; students' WebSockets go through nginx, and one node is killed under them.
 */
@DisplayName("nginx in front of three nodes, as the README documents")
class NginxFrontIT {
  private static final int STUDENTS = 6;
  private static final int OPS_EACH = 16;

  private final Vertx vertx = Vertx.vertx();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private Postgres postgres;
  private Nginx nginx;

  @AfterEach
  void stop() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    for (ServerProcess n : nodes) {
      n.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Students write through nginx over TLS; a node is killed; every client reconnects through nginx and nothing acknowledged is lost")
  void killANodeBehindNginx() throws Exception {
    postgres = Postgres.start();
    List<Integer> hz = List.of(ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort());
    List<String> members = hz.stream().map(p -> "127.0.0.1:" + p).toList();
    String name = "nginx-" + UUID.randomUUID();
    List<Integer> httpPorts = new ArrayList<>();
    for (int port : hz) {
      int http = ServerProcess.freePort();
      httpPorts.add(http);
      Map<String, String> env = new HashMap<>(TestCluster.env(postgres, name, port, members));
      // As the README says for nodes behind nginx.
      env.put("WORKSHOP_TRUST_PROXY", "true");
      nodes.add(ServerProcess.start(Files.createTempDirectory("nginx-node"), http, env));
    }
    nginx = Nginx.start(Path.of(System.getProperty("user.dir")).getParent().resolve("README.md"), httpPorts);

    // The workshop lives on node 0, the one that will be killed: every student must move.
    ApiClient node0 = new ApiClient(vertx, nodes.get(0).port());
    String instructor = node0.instructorToken();
    JsonObject created = node0.createWorkshop(instructor, new JsonObject().put("groups", 2));
    String workshopId = created.getString("id");
    try (TestSocket teacher = node0.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      assertThat(teacher.awaitReply(teacher.op("exercise.start", new JsonObject())).getString("type")).isEqualTo("ack");
    }
    // Joining goes through nginx too, and the join link it gives is the public https address.
    JsonObject info = new JsonObject(nginx.get("/api/join/" + created.getString("joinCode")).body());
    assertThat(info.getString("workshopId")).isEqualTo(workshopId);
    List<ResilientStudent> students = new ArrayList<>();
    for (int i = 0; i < STUDENTS; i++) {
      var joined = nginx.post("/api/join", new JsonObject().put("code", created.getString("joinCode"))
          .put("name", "학생" + i).encode(), null);
      assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
      students.add(new ResilientStudent(vertx, new JsonObject(joined.body()),
          () -> TestSocket.connectTls(vertx, nginx.port(), nginx.certificate())));
    }

    ExecutorService pool = Executors.newFixedThreadPool(STUDENTS);
    CountDownLatch halfway = new CountDownLatch(STUDENTS);
    CountDownLatch killed = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int i = 0; i < STUDENTS; i++) {
      int n = i;
      writers.add(pool.submit(() -> {
        for (int k = 0; k < OPS_EACH; k++) {
          String id = "s" + n + "-" + k;
          students.get(n).apply(new JsonObject().put("type", "card.add").put("opId", id).put("cardId", id)
              .put("prompt", "p" + (1 + k % 3)).put("text", "nginx 뒤의 카드 " + id));
          if (k == OPS_EACH / 2) {
            halfway.countDown();
            // The second half is written after the kill, so every student meets it.
            if (!killed.await(60, TimeUnit.SECONDS)) {
              throw new AssertionError("the node was not killed");
            }
          }
        }
        return null;
      }));
    }
    assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
    long killedAt = System.nanoTime();
    nodes.get(0).kill();
    killed.countDown();
    for (Future<?> w : writers) {
      w.get(120, TimeUnit.SECONDS);
    }
    long doneMs = (System.nanoTime() - killedAt) / 1_000_000;
    pool.shutdown();

    List<String> acked = new ArrayList<>();
    for (ResilientStudent s : students) {
      assertThat(s.reconnects()).as("reconnects through nginx").isGreaterThanOrEqualTo(1);
      assertThat(s.acked()).hasSize(OPS_EACH);
      acked.addAll(s.acked());
      s.close();
    }
    String csv = new ApiClient(vertx, nodes.get(1).port())
        .get("/api/workshops/" + workshopId + "/export?format=csv", instructor).body();
    for (String id : acked) {
      assertThat(csv.split("," + id + ",", -1).length - 1).as("card %s in the export", id).isEqualTo(1);
    }
    System.out.printf("nginx front: %d students, %d acknowledged cards, all in the export once; the writers"
        + " finished %d ms after the kill%n", STUDENTS, acked.size(), doneMs);
  }
}
