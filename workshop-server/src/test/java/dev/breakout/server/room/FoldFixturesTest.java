package dev.breakout.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.protocol.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the fold equivalence: GroupRoom folds the recorded logs into exactly the boards
 * recorded with them; web-client/src/test/js/group-state.test.mjs checks the JavaScript fold against
 * the same files.
 */
@DisplayName("Recorded group logs fold into their recorded boards")
class FoldFixturesTest {

  @BeforeAll
  static void recordWhenAsked() throws IOException {
    if (Boolean.getBoolean("fixtures.record")) {
      FoldFixtures.record("exercise", FoldFixtures.busyExercise());
      FoldFixtures.record("ended-early", FoldFixtures.endedEarly());
      FoldFixtures.record("gallery", FoldFixtures.gallery());
      FoldFixtures.record("handover", FoldFixtures.handover());
    }
  }

  static List<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FoldFixtures.DIR)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  static JsonObject read(Path p) throws IOException {
    return new JsonObject(Files.readString(p, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("GroupRoom's fold of every recorded log gives the recorded board at every checkpoint and at the end")
  void javaFoldMatchesRecordings() throws IOException {
    List<Path> files = fixtures();
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      JsonObject fx = read(file);
      GroupRoom room = new GroupRoom(fx.getString("groupId"), fx.getString("name"),
          fx.getJsonArray("prompts").stream().map(String.class::cast).toList());
      assertThat(comparable(Json.group(room.view(), 0))).as("%s initial", file)
          .isEqualTo(comparable(fx.getJsonObject("initial")));
      JsonArray log = fx.getJsonArray("log");
      JsonArray checkpoints = fx.getJsonArray("checkpoints");
      int next = 0;
      for (int i = 0; i < log.size(); i++) {
        JsonObject m = log.getJsonObject(i);
        room.apply(new Logged(m.getString("groupId"), m.getLong("seq"), m.getLong("at"), "recorded", null,
            Json.event(m.getJsonObject("event"))));
        if (next < checkpoints.size() && checkpoints.getJsonObject(next).getLong("seq") == room.seq()) {
          assertThat(comparable(Json.group(room.view(), 0))).as("%s at seq %d", file.getFileName(), room.seq())
              .isEqualTo(comparable(checkpoints.getJsonObject(next).getJsonObject("group")));
          next++;
        }
      }
      assertThat(next).as("every checkpoint reached").isEqualTo(checkpoints.size());
      assertThat(comparable(Json.group(room.view(), 0))).as("%s at the end", file.getFileName())
          .isEqualTo(comparable(fx.getJsonObject("expected")));
    }
  }

  @Test
  @DisplayName("The recordings hold every event type of the protocol")
  void recordingsCoverEveryEventType() throws IOException {
    Set<String> seen = new HashSet<>();
    for (Path file : fixtures()) {
      read(file).getJsonArray("log").forEach(m -> {
        JsonObject e = ((JsonObject) m).getJsonObject("event");
        seen.add(e.getString("type") + (e.containsKey("groupId") && "clock.adjusted".equals(e.getString("type"))
            ? "(group)" : ""));
      });
    }
    assertThat(seen).containsAll(List.of("student.joined", "student.left", "card.added", "card.edited",
        "card.deleted", "card.moved", "group.submitted", "help.requested", "help.cleared", "feedback.given",
        "clock.adjusted", "clock.adjusted(group)", "phase.changed", "clock.paused", "clock.resumed",
        "clock.warning", "broadcast.sent", "spotlight.changed", "presentation.ordered", "workshop.ended",
        "reaction.changed", "gallery.opened", "presentation.started", "presentation.waiting",
        "broadcast.withdrawn", "synthesis.merged", "synthesis.moved", "synthesis.renamed"));
  }

  /** A group as a fold gives it: {@code remainingMs} is computed at send time, not folded. */
  static Object comparable(Object value) {
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> {
        if (!e.getKey().equals("remainingMs")) {
          out.put(e.getKey(), comparable(e.getValue()));
        }
      });
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(comparable(v)));
      return out;
    }
    return value;
  }
}
