package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Control and invisible characters never reach the store, in any text field")
class TextNormalizationTest {
  private static final String RLO = "\u202E";
  private static final String ZWSP = "\u200B";
  private HostileFixture room;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    room.close();
  }

  @Test
  @DisplayName("A card's NUL, right-to-left override and zero-width space are removed; its lines and emoji stay")
  void cardText() throws Exception {
    JsonObject joined = room.server.join(room.joinCode, "가영");
    try (TestSocket s = room.hello(joined.getString("token"))) {
      String op = s.op("card.add", new JsonObject().put("cardId", "c1").put("prompt", "p3")
          .put("text", "레거시\u0000 " + RLO + "txt.exe" + ZWSP + "\r\n둘째 줄 \uD83D\uDC69\u200D\uD83D\uDCBB")
          .put("label", "1단계\n" + RLO + "(0-3개월)"));
      assertThat(s.awaitReply(op).getString("type")).isEqualTo("ack");
      String edit = s.op("card.edit", new JsonObject().put("cardId", "c1")
          .put("text", "고친\u0007 답" + RLO + "\u1100\u1161").put("label", "\u2066라벨\u2069"));
      assertThat(s.awaitReply(edit).getString("type")).isEqualTo("ack");
      String blank = s.op("card.add", new JsonObject().put("cardId", "c2").put("prompt", "p1")
          .put("text", ZWSP + "\u0000" + RLO));
      assertThat(s.awaitReply(blank).getString("code")).isEqualTo("bad-request");
    }
    JsonObject card = room.group().getJsonObject("cards").getJsonArray("p3").getJsonObject(0);
    assertThat(card.getString("text")).isEqualTo("고친 답가");
    assertThat(card.getString("label")).isEqualTo("라벨");
    room.assertBystanderUnaffected(List.of("고친 답가"));
  }

  @Test
  @DisplayName("The first version of a card keeps its line break and its emoji sequence")
  void cardLinesAndEmoji() throws Exception {
    JsonObject joined = room.server.join(room.joinCode, "나래");
    try (TestSocket s = room.hello(joined.getString("token"))) {
      String op = s.op("card.add", new JsonObject().put("cardId", "c1").put("prompt", "p1")
          .put("text", "레거시\u0000 " + RLO + "txt.exe" + ZWSP + "\r\n둘째 줄 \uD83D\uDC69\u200D\uD83D\uDCBB"));
      assertThat(s.awaitReply(op).getString("type")).isEqualTo("ack");
    }
    assertThat(room.boardTexts()).contains("레거시 txt.exe\n둘째 줄 \uD83D\uDC69\u200D\uD83D\uDCBB");
  }

  @Test
  @DisplayName("A name of zero-width spaces or Hangul fillers is refused; a name with an override is stored without it")
  void names() throws Exception {
    for (String invisible : new String[] {ZWSP + ZWSP, "\u3164", "\u3164\u200B\u115F", RLO + "\u00AD"}) {
      TestServer.Response r = room.server.post("/api/join",
          new JsonObject().put("code", room.joinCode).put("name", invisible), null);
      assertThat(r.status()).as("name %s", invisible.codePoints().mapToObj(Integer::toHexString).toList())
          .isEqualTo(400);
      assertThat(r.json().getJsonObject("error").getString("code")).isEqualTo("bad-request");
    }
    JsonObject joined = room.server.join(room.joinCode, " 김" + RLO + "민\u0000수" + ZWSP + " ");
    assertThat(joined.getString("name")).isEqualTo("김민수");
    JsonArray students = room.server.get("/api/workshops/" + room.workshopId, room.instructor).json()
        .getJsonArray("students");
    assertThat(students.stream().map(o -> ((JsonObject) o).getString("name"))).contains("김민수");
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("Broadcasts, feedback and group names are normalised the same way")
  void instructorText() throws Exception {
    try (TestSocket teacher = room.server.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", room.instructor).put("workshopId", room.workshopId));
      teacher.awaitType("welcome");
      String broadcast = teacher.op("broadcast", new JsonObject().put("text", "공지" + RLO + "\u0000\r\n둘째"));
      assertThat(teacher.awaitReply(broadcast).getString("type")).isEqualTo("ack");
      String feedback = teacher.op("feedback", new JsonObject().put("groupId", "g1").put("text", "좋아요" + ZWSP + "!"));
      assertThat(teacher.awaitReply(feedback).getString("type")).isEqualTo("ack");
    }
    JsonObject group = room.group();
    assertThat(group.getJsonArray("broadcasts").getJsonObject(0).getString("text")).isEqualTo("공지\n둘째");
    assertThat(group.getJsonArray("feedback").getJsonObject(0).getString("text")).isEqualTo("좋아요!");
    JsonObject created = room.server.createWorkshop(room.instructor, new JsonObject().put("groups", 2)
        .put("groupNames", new JsonArray().add("가" + RLO + "조").add("나\u0000조")));
    JsonObject plan = room.server.get("/api/workshops/" + created.getString("id"), room.instructor).json()
        .getJsonObject("workshop");
    assertThat(plan.getJsonArray("groups").stream().map(g -> ((JsonObject) g).getString("name")))
        .containsExactly("가조", "나조");
    TestServer.Response invisible = room.server.post("/api/workshops", new JsonObject()
        .put("sessionId", "week1-day1-session7").put("groups", 1).put("groupNames", new JsonArray().add(ZWSP)),
        room.instructor);
    assertThat(invisible.status()).isEqualTo(400);
    room.assertBystanderUnaffected();
  }
}
