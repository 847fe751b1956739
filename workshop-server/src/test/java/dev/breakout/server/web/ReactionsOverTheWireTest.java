package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Reactions over the WebSocket")
class ReactionsOverTheWireTest {
  private TestServer server;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    server = TestServer.start(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private TestSocket hello(JsonObject hello) throws Exception {
    TestSocket s = server.socket();
    s.send(hello);
    s.awaitType("welcome");
    return s;
  }

  @Test
  @DisplayName("reaction.set is acked with both groups' seqs, reaches the card's group, is refused with clear codes, and shows in every export")
  void reactions() throws Exception {
    String token = server.instructorToken();
    JsonObject created = server.createWorkshop(token, new JsonObject().put("groups", 2));
    String id = created.getString("id");
    JsonObject a = server.join(created.getString("joinCode"), "가");
    JsonObject b = server.join(created.getString("joinCode"), "나");
    try (TestSocket teacher = hello(new JsonObject().put("type", "hello").put("token", token).put("workshopId", id));
        TestSocket sa = hello(new JsonObject().put("type", "hello").put("token", a.getString("token")));
        TestSocket sb = hello(new JsonObject().put("type", "hello").put("token", b.getString("token")))) {
      teacher.awaitReply(teacher.op("exercise.start", new JsonObject()));
      sb.awaitReply(sb.op("card.add", new JsonObject().put("cardId", "b1").put("prompt", "p1").put("text", "예산")));
      JsonObject early = sa.awaitReply(sa.op("reaction.set", new JsonObject().put("cardId", "b1").put("kind", "agree")
          .put("on", true)));
      assertThat(early.getString("code")).isEqualTo("phase-closed");
      teacher.awaitReply(teacher.op("phase.next", new JsonObject()));

      JsonObject ack = sa.awaitReply(sa.op("reaction.set", new JsonObject().put("cardId", "b1").put("kind", "agree")
          .put("on", true)));
      assertThat(ack.getString("type")).isEqualTo("ack");
      assertThat(ack.getJsonObject("seqs").fieldNames()).containsExactlyInAnyOrder("g1", "g2");
      JsonObject seen = sb.awaitEvent("reaction.changed");
      assertThat(seen.getJsonObject("event").getJsonObject("counts")).isEqualTo(new JsonObject().put("agree", 1).put("new", 0));

      assertThat(sa.awaitReply(sa.op("reaction.set", new JsonObject().put("cardId", "b1").put("kind", "agree")
          .put("on", true))).getString("code")).isEqualTo("conflict");
      assertThat(sb.awaitReply(sb.op("reaction.set", new JsonObject().put("cardId", "b1").put("kind", "new")
          .put("on", true))).getString("code")).isEqualTo("forbidden");
      assertThat(sa.awaitReply(sa.op("reaction.set", new JsonObject().put("cardId", "zz").put("kind", "new")
          .put("on", true))).getString("code")).isEqualTo("not-found");
      assertThat(sa.awaitReply(sa.op("reaction.set", new JsonObject().put("cardId", "b1").put("kind", "love")
          .put("on", true))).getString("code")).isEqualTo("bad-request");

      JsonObject g2 = server.get("/api/workshops/" + id, token).json().getJsonArray("groups").getJsonObject(1);
      assertThat(g2.getJsonObject("reactions").getJsonObject("b1").getInteger("agree")).isEqualTo(1);
      String md = server.get("/api/workshops/" + id + "/export?format=md", token).body();
      assertThat(md).contains("## 반응이 많은 카드 / Most-reacted cards", "1. 예산 — 나, 2조 (👍 1 · 💡 0)");
      String csv = server.get("/api/workshops/" + id + "/export?format=csv", token).body();
      assertThat(csv).contains("reactions_agree,reactions_new\r\n").contains(",1,0\r\n");
      JsonObject top = server.get("/api/workshops/" + id + "/export?format=json", token).json()
          .getJsonObject("analytics").getJsonArray("mostReacted").getJsonObject(0);
      assertThat(top.getString("cardId")).isEqualTo("b1");
      assertThat(top.getInteger("agree")).isEqualTo(1);
      JsonObject listed = server.get("/api/workshops/" + id + "/synthesis", token).json()
          .getJsonArray("mostReacted").getJsonObject(0);
      assertThat(listed).isEqualTo(new JsonObject().put("groupId", "g2").put("cardId", "b1").put("prompt", "p1")
          .put("text", "예산").put("agree", 1).put("new", 0));
    }
  }
}
