package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The outbox alone, with a hand-run event loop: what leaves for an edge node, and in which order. */
@DisplayName("The owner's outbox to one edge node")
class EdgeOutboxTest {
  /** Tasks handed to the "next turn", run when the test says the turn is over. */
  private final Queue<Runnable> loop = new ArrayDeque<>();
  private final List<JsonObject> sent = new ArrayList<>();
  private final EdgeOutbox outbox = new EdgeOutbox(loop::add, sent::add);

  private void endTurn() {
    while (!loop.isEmpty()) {
      loop.poll().run();
    }
  }

  /** What each client receives when the edge handles the sent messages in order, as the edge does. */
  private Map<String, List<String>> delivered() {
    Map<String, List<String>> byClient = new HashMap<>();
    for (JsonObject m : sent) {
      String what = m.containsKey("close") ? "close " + m.getInteger("close") + " " + m.getString("reason")
          : m.getString("text");
      m.getJsonArray("ids").forEach(id -> byClient.computeIfAbsent((String) id, k -> new ArrayList<>()).add(what));
    }
    return byClient;
  }

  @Test
  @DisplayName("A fan-out of one text to five recipients on the edge leaves as one message with their five ids")
  void fanOutIsOneMessage() {
    String event = "{\"type\":\"event\",\"seq\":7}";
    for (String id : List.of("a", "b", "c", "d", "e")) {
      outbox.text(id, event);
    }
    assertThat(sent).as("nothing leaves before the turn ends").isEmpty();
    assertThat(loop).as("one flush per turn").hasSize(1);

    endTurn();

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getJsonArray("ids").getList()).containsExactly("a", "b", "c", "d", "e");
    assertThat(sent.get(0).getString("text")).isSameAs(event);
  }

  @Test
  @DisplayName("A message encoded once and fanned out to four recipients on the edge leaves as one message, decoded once")
  void encodedFanOutIsOneMessage() {
    dev.breakout.server.live.Frame frame = dev.breakout.server.live.Frame.of("{\"type\":\"event\",\"text\":\"생각\"}");
    outbox.text("x", "before");
    for (String id : List.of("a", "b", "c", "d")) {
      outbox.frame(id, frame);
    }
    outbox.frame("a", dev.breakout.server.live.Frame.of("{\"type\":\"event\",\"text\":\"생각\"}"));
    endTurn();

    assertThat(sent).hasSize(3);
    assertThat(sent.get(1).getJsonArray("ids").getList()).containsExactly("a", "b", "c", "d");
    assertThat(sent.get(1).getString("text")).isEqualTo("{\"type\":\"event\",\"text\":\"생각\"}");
    assertThat(delivered().get("a")).hasSize(2);
  }

  @Test
  @DisplayName("Equal texts from distinct String instances share a message too")
  void equalTextsShare() {
    outbox.text("a", new String("{\"x\":1}"));
    outbox.text("b", new String("{\"x\":1}"));
    endTurn();

    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getJsonArray("ids").getList()).containsExactly("a", "b");
  }

  @Test
  @DisplayName("A later turn's sends are a new flush, scheduled again")
  void eachTurnFlushesOnce() {
    outbox.text("a", "one");
    endTurn();
    outbox.text("a", "two");
    assertThat(loop).hasSize(1);
    endTurn();

    assertThat(sent).extracting(m -> m.getString("text")).containsExactly("one", "two");
  }

  @Test
  @DisplayName("A text only joins the last group: a repeat after another text is a new message, so no client's texts swap")
  void onlyTheLastGroupIsJoined() {
    String a = "A";
    outbox.text("x", a);
    outbox.text("y", a);
    outbox.text("x", "B");
    outbox.text("y", a);
    outbox.text("z", a);
    endTurn();

    assertThat(sent).extracting(m -> m.getString("text")).containsExactly("A", "B", "A");
    assertThat(delivered()).containsEntry("x", List.of("A", "B")).containsEntry("y", List.of("A", "A"))
        .containsEntry("z", List.of("A"));
  }

  @Test
  @DisplayName("A close leaves after the texts sent before it and before those sent after it; equal closes share a message")
  void closesKeepTheirPlace() {
    outbox.text("x", "T1");
    outbox.text("y", "T1");
    outbox.close("x", (short) 1012, "restarting");
    outbox.close("y", (short) 1012, "restarting");
    outbox.text("z", "T1");
    outbox.close("z", (short) 1013, "too slow");
    endTurn();

    assertThat(sent).hasSize(4);
    assertThat(sent.get(1).getJsonArray("ids").getList()).containsExactly("x", "y");
    assertThat(sent.get(1).getInteger("close")).isEqualTo(1012);
    assertThat(sent.get(1).containsKey("text")).isFalse();
    assertThat(delivered()).containsEntry("x", List.of("T1", "close 1012 restarting"))
        .containsEntry("z", List.of("T1", "close 1013 too slow"));
  }

  @Test
  @DisplayName("Over many interleaved texts and closes, every client receives exactly its own sequence, in order")
  void perClientOrderHolds() {
    Random random = new Random(20_240_611);
    List<String> clients = List.of("c1", "c2", "c3", "c4", "c5", "c6");
    // Few distinct texts, so that neighbouring sends often share one and groups form.
    List<String> texts = List.of("e1", "e2", "e3");
    Map<String, List<String>> expected = new LinkedHashMap<>();
    int enqueued = 0;
    for (int turn = 0; turn < 50; turn++) {
      int sends = 1 + random.nextInt(30);
      for (int i = 0; i < sends; i++) {
        String client = clients.get(random.nextInt(clients.size()));
        if (random.nextInt(10) == 0) {
          outbox.close(client, (short) 1012, "r");
          expected.computeIfAbsent(client, k -> new ArrayList<>()).add("close 1012 r");
        } else {
          String text = texts.get(random.nextInt(texts.size()));
          outbox.text(client, text);
          expected.computeIfAbsent(client, k -> new ArrayList<>()).add(text);
        }
        enqueued++;
      }
      endTurn();
    }

    assertThat(delivered()).isEqualTo(expected);
    assertThat(sent.size()).as("coalesced messages").isLessThan(enqueued);
  }
}
