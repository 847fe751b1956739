package dev.breakout.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.Postgres;
import dev.breakout.server.support.TestCluster;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The majority rule in one JVM: a node left alone of three (the others stopped) is a minority as
 * much as one cut off by a partition (PartitionIT tests that one, in network namespaces).
 */
@DisplayName("A node that does not see a majority of the cluster holds no workshop")
class QuorumTest {
  private static Postgres postgres;
  private final Vertx clients = Vertx.vertx();
  private final List<TestSocket> sockets = new ArrayList<>();
  private TestCluster cluster;

  @BeforeAll
  static void database() throws Exception {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    if (cluster != null) {
      cluster.close();
    }
    clients.close().toCompletionStage().toCompletableFuture().get();
  }

  private ApiClient api(int node) {
    return new ApiClient(clients, cluster.node(node).port());
  }

  private TestSocket student(int node, JsonObject joined) throws Exception {
    TestSocket s = api(node).socket();
    sockets.add(s);
    s.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")));
    s.awaitType("welcome");
    return s;
  }

  @Test
  @DisplayName("Left alone, it closes its clients with 4503, refuses sockets, seats and health; with a majority back it serves again")
  void minorityRefusesAndRecovers() throws Exception {
    cluster = new TestCluster(postgres).start(3);
    String instructor = api(0).instructorToken();
    JsonObject created = api(0).createWorkshop(instructor, new JsonObject().put("groups", 1));
    String code = created.getString("joinCode");
    TestSocket teacher = api(1).socket();
    sockets.add(teacher);
    teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", created.getString("id")));
    teacher.awaitType("welcome");
    assertThat(teacher.awaitReply(teacher.op("exercise.start", new JsonObject())).getString("type")).isEqualTo("ack");
    JsonObject a = api(0).join(code, "다수결");
    TestSocket sa = student(0, a);
    String op = sa.op("card.add", new JsonObject().put("cardId", "k1").put("prompt", "p1").put("text", "전"));
    long seq = sa.awaitReply(op).getLong("seq");

    cluster.stop(1);
    // Two of three still are a majority: nothing changes for the student.
    String op2 = sa.op("card.edit", new JsonObject().put("cardId", "k1").put("text", "둘이 남음"));
    assertThat(sa.awaitReply(op2).getString("type")).isEqualTo("ack");
    cluster.stop(2);

    assertThat(sa.awaitClose()).isEqualTo((short) 4503);
    ApiClient.Response health = api(0).get("/health", null);
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("CUT-OFF");
    ApiClient.Response join = api(0).post("/api/join", new JsonObject().put("code", code).put("name", "늦음"), null);
    assertThat(join.status()).isEqualTo(503);
    assertThat(join.json().getJsonObject("error").getString("code")).isEqualTo("unavailable");
    assertThatThrownBy(() -> api(0).socket()).hasRootCauseInstanceOf(UpgradeRejectedException.class);

    cluster.startAgain(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> api(0).get("/health", null).status() == 200);
    TestSocket back = student(0, a);
    String op3 = back.op("card.edit", new JsonObject().put("cardId", "k1").put("text", "다시 다수"));
    assertThat(back.awaitReply(op3).getLong("seq")).isEqualTo(seq + 2);
    JsonObject state = api(1).get("/api/workshops/" + created.getString("id"), instructor).json();
    JsonObject card = state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p1")
        .getJsonObject(0);
    assertThat(card.getInteger("version")).isEqualTo(3);
    assertThat(card.getString("text")).isEqualTo("다시 다수");
  }
}
