package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A running server with a one-group workshop whose exercise has started, and a well-behaved
 * student (the bystander) in that group with one card: the hostile tests attack from the same
 * group and then check that the bystander did not notice.
 */
final class HostileFixture implements AutoCloseable {
  final TestServer server;
  final String instructor;
  final String workshopId;
  final String joinCode;
  final TestSocket bystander;
  private final List<String> bystanderTexts = new ArrayList<>();
  private int added;

  HostileFixture(Vertx vertx, Map<String, String> env) throws Exception {
    server = TestServer.start(vertx, env);
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", 1));
    workshopId = created.getString("id");
    joinCode = created.getString("joinCode");
    try (TestSocket teacher = server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
      teacher.awaitType("welcome");
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
    }
    bystander = hello(server.join(joinCode, "지우").getString("token"));
    addBystanderCard("원래 답");
  }

  TestSocket hello(String token) throws Exception {
    TestSocket s = server.socket();
    s.send(new JsonObject().put("type", "hello").put("token", token));
    s.awaitType("welcome");
    return s;
  }

  /** The bystander adds a card; returns how long its ack took, in milliseconds. */
  long addBystanderCard(String text) throws Exception {
    long start = System.nanoTime();
    String op = bystander.op("card.add", new JsonObject().put("cardId", "bystander-" + (++added))
        .put("prompt", "p1").put("text", text));
    JsonObject reply = bystander.awaitReply(op);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(reply.getString("type")).as("the bystander's reply: %s", reply).isEqualTo("ack");
    bystanderTexts.add(text);
    return ms;
  }

  /**
   * The bystander is unaffected: a new card of theirs is acknowledged promptly, and the group's
   * board holds exactly their cards as they wrote them, plus whatever {@code others} the test expects.
   */
  long assertBystanderUnaffected(List<String> others) throws Exception {
    long ms = addBystanderCard("그 뒤의 답 " + added);
    assertThat(ms).as("the bystander's ack latency").isLessThan(2_000);
    List<String> expected = new ArrayList<>(bystanderTexts);
    expected.addAll(others);
    assertThat(boardTexts()).containsExactlyInAnyOrderElementsOf(expected);
    return ms;
  }

  long assertBystanderUnaffected() throws Exception {
    return assertBystanderUnaffected(List.of());
  }

  /** Every card text on the group's board, as the server stored it. */
  List<String> boardTexts() {
    JsonObject cards = group().getJsonObject("cards");
    List<String> texts = new ArrayList<>();
    for (String prompt : cards.fieldNames()) {
      JsonArray list = cards.getJsonArray(prompt);
      list.forEach(c -> texts.add(((JsonObject) c).getString("text")));
    }
    return texts;
  }

  JsonObject group() {
    return server.get("/api/workshops/" + workshopId, instructor).json().getJsonArray("groups").getJsonObject(0);
  }

  @Override
  public void close() throws Exception {
    bystander.close();
    server.close();
  }
}
