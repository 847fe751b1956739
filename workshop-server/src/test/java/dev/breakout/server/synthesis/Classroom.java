package dev.breakout.server.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A Session 7 workshop on a test server with one student per group, all connected, the exercise
 * started, and the instructor's socket open: what the synthesis tests write cards into.
 */
final class Classroom implements AutoCloseable {
  final ApiClient server;
  final String instructor;
  final String workshopId;
  final String joinCode;
  final TestSocket teacher;
  final List<TestSocket> students = new ArrayList<>();
  final List<String> groupOf = new ArrayList<>();

  Classroom(ApiClient server, int groups) throws Exception {
    this.server = server;
    instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject().put("groups", groups));
    workshopId = created.getString("id");
    joinCode = created.getString("joinCode");
    teacher = server.socket();
    teacher.send(new JsonObject().put("type", "hello").put("token", instructor).put("workshopId", workshopId));
    teacher.awaitType("welcome");
    for (int i = 0; i < groups; i++) {
      JsonObject joined = server.join(joinCode, "학생" + (i + 1));
      TestSocket s = server.socket();
      s.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")));
      s.awaitType("welcome");
      students.add(s);
      groupOf.add(joined.getString("groupId"));
    }
    assertThat(groupOf).doesNotHaveDuplicates();
    assertThat(teacher.awaitReply(teacher.op("exercise.start", new JsonObject())).getString("type")).isEqualTo("ack");
  }

  /** Adds a card as the student of group {@code group} (0-based) and waits for its ack. */
  void card(int group, String cardId, String prompt, String text) throws InterruptedException {
    JsonObject reply = students.get(group).awaitReply(students.get(group).op("card.add",
        new JsonObject().put("cardId", cardId).put("prompt", prompt).put("text", text)));
    assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
  }

  /** Sends an instructor operation and returns its reply (ack or error). */
  JsonObject instructorOp(String type, JsonObject fields) throws InterruptedException {
    return teacher.awaitReply(teacher.op(type, fields));
  }

  ApiClient.Response synthesisResponse() {
    return server.get("/api/workshops/" + workshopId + "/synthesis", instructor);
  }

  JsonObject synthesis() {
    ApiClient.Response r = synthesisResponse();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** The clusters of one prompt. */
  static List<JsonObject> clusters(JsonObject synthesis, String prompt) {
    for (Object p : synthesis.getJsonArray("prompts")) {
      JsonObject o = (JsonObject) p;
      if (prompt.equals(o.getString("prompt"))) {
        List<JsonObject> out = new ArrayList<>();
        o.getJsonArray("clusters").forEach(c -> out.add((JsonObject) c));
        return out;
      }
    }
    throw new AssertionError("no prompt " + prompt + " in " + synthesis.encode());
  }

  /** The cluster holding a card. */
  static JsonObject clusterOf(JsonObject synthesis, String prompt, String cardId) {
    return clusters(synthesis, prompt).stream()
        .filter(c -> cardIds(c).contains(cardId)).findFirst()
        .orElseThrow(() -> new AssertionError("card " + cardId + " is in no cluster of " + prompt));
  }

  static List<String> cardIds(JsonObject cluster) {
    List<String> ids = new ArrayList<>();
    JsonArray cards = cluster.getJsonArray("cards");
    cards.forEach(c -> ids.add(((JsonObject) c).getString("cardId")));
    return ids;
  }

  @Override
  public void close() {
    teacher.close();
    students.forEach(TestSocket::close);
  }
}
