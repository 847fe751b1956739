package dev.breakout.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Outcome.Ack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The retry window: each actor's newest acks, exact, and a filter for the dropped ones")
class RetryWindowTest {

  private static Ack oneGroup(String opId, long seq) {
    return new Ack(opId, Map.of("g1", seq), List.of());
  }

  @Test
  @DisplayName("Each of the newest perActor acks is answered as it was given, across the window's growth")
  void keepsTheNewestAcksExactly() {
    RetryWindow window = new RetryWindow(64);
    for (int i = 1; i <= 64; i++) {
      window.put("s1", "op-" + i, oneGroup("op-" + i, i));
    }
    for (int i = 1; i <= 64; i++) {
      assertThat(window.get("s1", "op-" + i)).isEqualTo(oneGroup("op-" + i, i));
    }
    assertThat(window.get("s1", "op-65")).isNull();
    assertThat(window.droppedMayContain("s1", "op-1")).isFalse();
  }

  @Test
  @DisplayName("Past perActor acks the oldest leaves the window for the filter; the newer stay")
  void dropsTheOldestIntoTheFilter() {
    RetryWindow window = new RetryWindow(5);
    for (int i = 1; i <= 12; i++) {
      window.put("s1", "op-" + i, oneGroup("op-" + i, i));
    }
    for (int i = 1; i <= 7; i++) {
      assertThat(window.get("s1", "op-" + i)).as("op-%d left the window", i).isNull();
      assertThat(window.droppedMayContain("s1", "op-" + i)).as("op-%d is in the filter", i).isTrue();
    }
    for (int i = 8; i <= 12; i++) {
      assertThat(window.get("s1", "op-" + i)).isEqualTo(oneGroup("op-" + i, i));
    }
  }

  @Test
  @DisplayName("Acks of several groups or with warnings are kept whole, beside the compact ones")
  void keepsOtherShapesWhole() {
    RetryWindow window = new RetryWindow(3);
    Map<String, Long> twoGroups = new LinkedHashMap<>();
    twoGroups.put("g2", 7L);
    twoGroups.put("g1", 9L);
    Ack moved = new Ack("op-move", twoGroups, List.of());
    Ack warned = new Ack("op-long", Map.of("g1", 10L), List.of("text-trimmed"));
    window.put("i1", "op-move", moved);
    window.put("i1", "op-plain", oneGroup("op-plain", 8));
    window.put("i1", "op-long", warned);
    assertThat(window.get("i1", "op-move")).isEqualTo(moved);
    assertThat(window.get("i1", "op-long")).isEqualTo(warned);
    // The slot of a whole ack is reused by a compact one, which must then be found as compact.
    window.put("i1", "op-next", oneGroup("op-next", 11));
    assertThat(window.get("i1", "op-move")).isNull();
    assertThat(window.get("i1", "op-next")).isEqualTo(oneGroup("op-next", 11));
    assertThat(window.get("i1", "op-long")).isEqualTo(warned);
  }

  @Test
  @DisplayName("Actors have their own windows: one actor's opId is not another's retry")
  void actorsAreSeparate() {
    RetryWindow window = new RetryWindow(2);
    window.put("s1", "op-1", oneGroup("op-1", 1));
    window.put("s2", "op-x", oneGroup("op-x", 2));
    window.put("s2", "op-y", oneGroup("op-y", 3));
    window.put("s2", "op-z", oneGroup("op-z", 4));
    assertThat(window.get("s2", "op-1")).isNull();
    assertThat(window.get("s1", "op-1")).isEqualTo(oneGroup("op-1", 1));
    assertThat(window.droppedMayContain("s1", "op-x")).isFalse();
    assertThat(window.droppedMayContain("s2", "op-x")).isTrue();
  }

  @Test
  @DisplayName("An opId remembered again from the store is answered with the newer ack")
  void rememberedAgainAnswersTheNewest() {
    RetryWindow window = new RetryWindow(4);
    window.put("s1", "op-1", oneGroup("op-1", 1));
    window.put("s1", "op-1", new Ack("op-1", Map.of("g2", 5L), List.of()));
    assertThat(window.get("s1", "op-1")).isEqualTo(new Ack("op-1", Map.of("g2", 5L), List.of()));
  }
}
