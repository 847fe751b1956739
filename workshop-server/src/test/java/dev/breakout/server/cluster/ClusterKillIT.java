package dev.breakout.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.Postgres;
import dev.breakout.server.support.ServerProcess;
import dev.breakout.server.support.TestCluster;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A three-node cluster of real server jars survives kill -9 of the node that owns the workshop")
class ClusterKillIT {
  private final Vertx vertx = Vertx.vertx();
  private final List<ServerProcess> nodes = new ArrayList<>();
  private final List<TestSocket> sockets = new ArrayList<>();
  private Postgres postgres;

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    for (ServerProcess n : nodes) {
      n.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  private ApiClient api(int node) {
    return new ApiClient(vertx, nodes.get(node).port());
  }

  private TestSocket student(int node, JsonObject joined, long lastSeq) throws Exception {
    TestSocket s = api(node).socket();
    sockets.add(s);
    s.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")).put("lastSeq", lastSeq));
    s.awaitType("welcome");
    return s;
  }

  @Test
  @DisplayName("Its clients reconnect to the others and resume; every acknowledged card is in every export once")
  void killTheOwner() throws Exception {
    postgres = Postgres.start();
    List<Integer> hz = List.of(ServerProcess.freePort(), ServerProcess.freePort(), ServerProcess.freePort());
    List<String> members = hz.stream().map(p -> "127.0.0.1:" + p).toList();
    String name = "it-" + UUID.randomUUID();
    for (int port : hz) {
      Map<String, String> env = TestCluster.env(postgres, name, port, members);
      nodes.add(ServerProcess.start(Files.createTempDirectory("it-node"), ServerProcess.freePort(), env));
    }

    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 2));
    String workshopId = created.getString("id");
    String code = created.getString("joinCode");
    List<JsonObject> students = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      students.add(api(1 + i % 2).join(code, "학생" + i));
    }
    TestSocket teacher = api(2).socket();
    sockets.add(teacher);
    teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
    teacher.awaitType("welcome");
    teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));

    Map<String, Long> lastSeq = new LinkedHashMap<>();
    Set<String> acked = new HashSet<>();
    List<TestSocket> studentSockets = new ArrayList<>();
    for (int i = 0; i < students.size(); i++) {
      studentSockets.add(student(1 + i % 2, students.get(i), 0));
    }
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < students.size(); i++) {
        String cardId = "s" + i + "-r" + round;
        studentSockets.get(i).send(new JsonObject().put("type", "card.add").put("opId", cardId)
            .put("cardId", cardId).put("prompt", "p" + (1 + round % 3)).put("text", "카드 " + cardId));
      }
    }
    for (int round = 0; round < 10; round++) {
      for (int i = 0; i < students.size(); i++) {
        JsonObject ack = studentSockets.get(i).awaitReply("s" + i + "-r" + round);
        assertThat(ack.getString("type")).isEqualTo("ack");
        acked.add("s" + i + "-r" + round);
        lastSeq.put(students.get(i).getString("studentId"), ack.getLong("seq"));
      }
    }

    long killedAt = System.nanoTime();
    nodes.get(0).kill();
    for (TestSocket s : studentSockets) {
      assertThat(s.awaitClose()).isEqualTo((short) 1012);
    }
    long detectedMs = (System.nanoTime() - killedAt) / 1_000_000;

    // Everyone reconnects to a survivor, resumes from its last seq, and keeps writing.
    TestSocket teacherBack = api(1).socket();
    sockets.add(teacherBack);
    teacherBack.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
    JsonObject welcome = teacherBack.awaitType("welcome");
    long convergedMs = (System.nanoTime() - killedAt) / 1_000_000;
    int cardsOnDashboard = 0;
    for (Object g : welcome.getJsonObject("state").getJsonArray("groups")) {
      JsonObject cards = ((JsonObject) g).getJsonObject("cards");
      for (String p : cards.fieldNames()) {
        cardsOnDashboard += cards.getJsonArray(p).size();
      }
    }
    assertThat(cardsOnDashboard).isEqualTo(acked.size());
    for (int i = 0; i < students.size(); i++) {
      TestSocket back = student(2 - i % 2, students.get(i), lastSeq.get(students.get(i).getString("studentId")));
      String cardId = "s" + i + "-after";
      back.send(new JsonObject().put("type", "card.add").put("opId", cardId).put("cardId", cardId)
          .put("prompt", "p1").put("text", "재연결 후 " + i));
      assertThat(back.awaitReply(cardId).getString("type")).isEqualTo("ack");
      acked.add(cardId);
    }

    for (int node = 1; node <= 2; node++) {
      String csv = api(node).get("/api/workshops/" + workshopId + "/export?format=csv", instructor).body();
      List<String> ids = new ArrayList<>();
      for (String line : csv.split("\r\n")) {
        for (String id : acked) {
          if (line.contains("," + id + ",")) {
            ids.add(id);
          }
        }
      }
      assertThat(ids).as("cards in the export of node %d", node).containsExactlyInAnyOrderElementsOf(acked);
    }
    System.out.printf("cluster kill -9: sockets closed after %d ms, dashboard converged after %d ms%n",
        detectedMs, convergedMs);
  }
}
