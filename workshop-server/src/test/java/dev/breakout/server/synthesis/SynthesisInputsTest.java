package dev.breakout.server.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.room.Card;
import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What the synthesis is computed from")
class SynthesisInputsTest {
  private final SynthesisInputs inputs = new SynthesisInputs();
  private long seq;

  private void log(String groupId, Event event) {
    inputs.apply(new Logged(groupId, ++seq, 1_000 + seq, "s", "op" + seq, event));
  }

  private static Card card(String id, String prompt, String text) {
    return new Card(id, prompt, text, null, "a", "민수", 1, false, 0, 0);
  }

  @Test
  @DisplayName("The most-reacted standing cards are listed, most reactions first, each counted once though logged in two groups")
  void mostReactedCards() {
    log("g1", new Event.CardAdded(card("k1", "p1", "예산 부족")));
    log("g2", new Event.CardAdded(card("k2", "p2", "작은 파일럿부터")));
    log("g2", new Event.CardAdded(card("k3", "p2", "지워질 카드")));
    // A student of g2 reacts to g1's card: the event is in both logs, with the counts after it.
    log("g1", new Event.ReactionChanged("g1", "k1", "agree", "s2", true, 1, 0));
    log("g2", new Event.ReactionChanged("g1", "k1", "agree", "s2", true, 1, 0));
    log("g2", new Event.ReactionChanged("g2", "k2", "agree", "s1", true, 1, 0));
    log("g2", new Event.ReactionChanged("g2", "k2", "new", "s1", true, 1, 1));
    log("g2", new Event.ReactionChanged("g2", "k3", "new", "s1", true, 0, 1));
    log("g2", new Event.CardDeleted("k3", false));
    log("g1", new Event.CardAdded(card("k4", "p1", "반응 뒤 취소")));
    log("g1", new Event.ReactionChanged("g1", "k4", "agree", "s3", true, 1, 0));
    log("g1", new Event.ReactionChanged("g1", "k4", "agree", "s3", false, 0, 0));

    assertThat(inputs.snapshot().mostReacted()).containsExactly(
        new SynthesisInputs.Reacted("g2", "k2", "p2", "작은 파일럿부터", 1, 1),
        new SynthesisInputs.Reacted("g1", "k1", "p1", "예산 부족", 1, 0));
  }
}
