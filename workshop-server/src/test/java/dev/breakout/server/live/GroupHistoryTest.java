package dev.breakout.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A group's history: the newest events' bytes, packed into blocks, replayed exactly")
class GroupHistoryTest {

  /** An event's message; its length varies with the seq, as real ones do. */
  private static String message(long seq) {
    return "{\"type\":\"event\",\"seq\":" + seq + ",\"text\":\"" + "카드".repeat((int) (seq % 7)) + "x".repeat((int) (seq % 300)) + "\"}";
  }

  private static List<String> after(GroupHistory h, long from) {
    List<Frame> frames = new ArrayList<>();
    h.framesAfter(from, frames);
    return frames.stream().map(Frame::text).toList();
  }

  private static List<String> messages(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(GroupHistoryTest::message).toList();
  }

  @Test
  @DisplayName("Every kept event comes back byte for byte, in order, after any seq")
  void replaysExactly() {
    GroupHistory h = new GroupHistory(500);
    for (long seq = 1; seq <= 300; seq++) {
      h.add(seq, message(seq).getBytes(StandardCharsets.UTF_8));
    }
    assertThat(h.firstSeq()).isEqualTo(1);
    assertThat(h.lastSeq()).isEqualTo(300);
    assertThat(after(h, 0)).containsExactlyElementsOf(messages(1, 300));
    assertThat(after(h, 250)).containsExactlyElementsOf(messages(251, 300));
    assertThat(after(h, 300)).isEmpty();
  }

  @Test
  @DisplayName("Past its capacity the oldest events go, and the blocks that held only them with them")
  void keepsTheNewestAndFreesOldBlocks() {
    GroupHistory h = new GroupHistory(100);
    for (long seq = 1; seq <= 5_000; seq++) {
      h.add(seq, message(seq).getBytes(StandardCharsets.UTF_8));
      assertThat(h.lastSeq()).isEqualTo(seq);
    }
    assertThat(h.firstSeq()).isEqualTo(4_901);
    assertThat(after(h, 4_900)).containsExactlyElementsOf(messages(4_901, 5_000));
    long kept = messages(4_901, 5_000).stream().mapToLong(m -> m.getBytes(StandardCharsets.UTF_8).length).sum();
    // What the kept events need, plus at most the block being written and the oldest, part-used one.
    assertThat(h.blockBytes()).isLessThanOrEqualTo(kept + 2 * 32 * 1024);
  }

  @Test
  @DisplayName("An event larger than a block gets a block of its own; a history of one keeps one")
  void largeEventsAndTinyCapacity() {
    GroupHistory h = new GroupHistory(1);
    assertThat(h.lastSeq()).isZero();
    String big = "가".repeat(40_000);
    h.add(1, big.getBytes(StandardCharsets.UTF_8));
    h.add(2, "small".getBytes(StandardCharsets.UTF_8));
    h.add(3, big.getBytes(StandardCharsets.UTF_8));
    assertThat(after(h, 0)).containsExactly(big);
    assertThat(h.firstSeq()).isEqualTo(3);
    assertThat(h.blockBytes()).isEqualTo(big.getBytes(StandardCharsets.UTF_8).length);
  }
}
