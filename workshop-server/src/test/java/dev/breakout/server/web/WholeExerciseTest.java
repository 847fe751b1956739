package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A whole exercise over real WebSockets")
class WholeExerciseTest {
  private TestServer server;
  private final List<TestSocket> sockets = new ArrayList<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    sockets.forEach(TestSocket::close);
    server.close();
  }

  private TestSocket hello(JsonObject hello) throws Exception {
    TestSocket s = server.socket();
    sockets.add(s);
    s.send(hello.put("type", "hello"));
    return s;
  }

  @Test
  @DisplayName("Two groups of three run from lobby to end; each sees exactly its own group's events, in order")
  void wholeExercise() throws Exception {
    String instructor = server.instructorToken();
    JsonObject created = server.createWorkshop(instructor, new JsonObject()
        .put("discussionSeconds", 5).put("presentationSeconds", 2).put("warningSeconds", 2).put("graceSeconds", 1)
        // The clock runs the whole exercise by itself: the timed handover (decision 010).
        .put("presentation", new JsonObject().put("start", "countdown").put("pacing", "timed")));
    String workshopId = created.getString("id");
    assertThat(created.getString("joinCode")).matches("\\d{6}");
    assertThat(created.getString("joinUrl")).endsWith("/join?code=" + created.getString("joinCode"));

    Map<String, List<JsonObject>> byGroup = new HashMap<>();
    List<JsonObject> students = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      JsonObject joined = server.join(created.getString("joinCode"), "학생" + i);
      students.add(joined);
      byGroup.computeIfAbsent(joined.getString("groupId"), g -> new ArrayList<>()).add(joined);
    }
    assertThat(byGroup).containsOnlyKeys("g1", "g2");
    assertThat(byGroup.get("g1")).hasSize(3);
    assertThat(byGroup.get("g2")).hasSize(3);

    TestSocket teacher = hello(new JsonObject().put("token", instructor).put("workshopId", workshopId));
    JsonObject teacherWelcome = teacher.awaitType("welcome");
    assertThat(teacherWelcome.getString("role")).isEqualTo("instructor");
    assertThat(teacherWelcome.getJsonObject("state").getJsonArray("groups")).hasSize(2);

    Map<String, TestSocket> socketOf = new HashMap<>();
    for (JsonObject s : students) {
      TestSocket socket = hello(new JsonObject().put("token", s.getString("token")).put("lastSeq", 0));
      JsonObject welcome = socket.awaitType("welcome");
      assertThat(welcome.getString("role")).isEqualTo("student");
      assertThat(welcome.getString("groupId")).isEqualTo(s.getString("groupId"));
      assertThat(welcome.getJsonObject("state").getJsonObject("group").getJsonArray("members")).hasSize(3);
      assertThat(welcome.getJsonObject("workshop").getJsonArray("prompts")).hasSize(3);
      socketOf.put(s.getString("studentId"), socket);
    }

    String start = teacher.op("exercise.start", new JsonObject());
    JsonObject startAck = teacher.awaitReply(start);
    assertThat(startAck.getString("type")).isEqualTo("ack");
    assertThat(startAck.getJsonObject("seqs").fieldNames()).containsExactlyInAnyOrder("g1", "g2");
    for (TestSocket s : socketOf.values()) {
      JsonObject changed = s.awaitEvent("phase.changed");
      assertThat(changed.getJsonObject("event").getJsonObject("clock").getString("kind")).isEqualTo("discussion");
    }

    // Every student writes one card on each prompt; group mates see them, the other group never does.
    for (JsonObject s : students) {
      TestSocket socket = socketOf.get(s.getString("studentId"));
      for (String prompt : List.of("p1", "p2", "p3")) {
        String opId = socket.op("card.add", new JsonObject().put("cardId", s.getString("studentId") + "-" + prompt)
            .put("prompt", prompt).put("text", s.getString("name") + "의 답, " + prompt));
        JsonObject reply = socket.awaitReply(opId);
        assertThat(reply.getString("type")).as(reply.encode()).isEqualTo("ack");
      }
    }
    for (JsonObject s : students) {
      TestSocket socket = socketOf.get(s.getString("studentId"));
      String group = s.getString("groupId");
      for (JsonObject mate : students) {
        for (String prompt : List.of("p1", "p2", "p3")) {
          String cardId = mate.getString("studentId") + "-" + prompt;
          boolean sameGroup = mate.getString("groupId").equals(group);
          if (sameGroup) {
            socket.await(m -> "event".equals(m.getString("type"))
                && m.getJsonObject("event").getJsonObject("card") != null
                && cardId.equals(m.getJsonObject("event").getJsonObject("card").getString("cardId")));
          }
        }
      }
    }

    // The clock runs by itself: warning, presentation with one slot per group, then the end.
    for (TestSocket s : socketOf.values()) {
      s.awaitEvent("clock.warning");
      JsonObject presentation = s.await(m -> "event".equals(m.getString("type"))
          && "phase.changed".equals(m.getJsonObject("event").getString("type"))
          && "presentation".equals(m.getJsonObject("event").getJsonObject("clock").getString("kind")));
      assertThat(presentation.getJsonObject("event").getJsonObject("clock").getJsonObject("slot")
          .getInteger("count")).isEqualTo(2);
      JsonObject first = s.awaitEvent("spotlight.changed");
      assertThat(first.getJsonObject("event").getString("groupId")).isEqualTo("g1");
      assertThat(first.getJsonObject("event").getJsonObject("board").getJsonArray("p1")).hasSize(3);
      JsonObject second = s.awaitEvent("spotlight.changed");
      assertThat(second.getJsonObject("event").getString("groupId")).isEqualTo("g2");
      JsonObject ended = s.await(m -> "event".equals(m.getString("type"))
          && "phase.changed".equals(m.getJsonObject("event").getString("type"))
          && "ended".equals(m.getJsonObject("event").getJsonObject("clock").getString("kind")));
      assertThat(ended).isNotNull();
    }
    String late = socketOf.get(students.get(0).getString("studentId")).op("card.add",
        new JsonObject().put("cardId", "too-late").put("prompt", "p1").put("text", "늦은 답"));
    assertThat(socketOf.get(students.get(0).getString("studentId")).awaitReply(late).getString("code"))
        .isEqualTo("phase-closed");

    // Each socket saw only its own group's events, with contiguous sequence numbers.
    for (JsonObject s : students) {
      TestSocket socket = socketOf.get(s.getString("studentId"));
      List<Long> seqs = socket.seen().stream().filter(m -> "event".equals(m.getString("type")))
          .peek(m -> assertThat(m.getString("groupId")).isEqualTo(s.getString("groupId")))
          .map(m -> m.getLong("seq")).toList();
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).as("seqs of %s: %s", s.getString("name"), seqs).isEqualTo(seqs.get(i - 1) + 1);
      }
    }
    // The instructor follows both logs, each contiguous from 1.
    teacher.await(m -> "event".equals(m.getString("type")) && "phase.changed".equals(
        m.getJsonObject("event").getString("type")) && "ended".equals(
        m.getJsonObject("event").getJsonObject("clock").getString("kind")) && "g2".equals(m.getString("groupId")));
    for (String group : List.of("g1", "g2")) {
      List<Long> seqs = teacher.seen().stream().filter(m -> "event".equals(m.getString("type"))
          && group.equals(m.getString("groupId"))).map(m -> m.getLong("seq")).toList();
      assertThat(seqs.get(0)).isEqualTo(4L); // three joins were in the snapshot
      for (int i = 1; i < seqs.size(); i++) {
        assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
      }
    }
    JsonObject state = server.get("/api/workshops/" + workshopId, instructor).json();
    assertThat(state.getJsonObject("clock").getString("phase")).isEqualTo("ended");
    assertThat(state.getJsonArray("groups").getJsonObject(0).getJsonObject("cards").getJsonArray("p3")).hasSize(3);
  }
}
