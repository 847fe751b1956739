package dev.breakout.server.synthesis;

import dev.breakout.server.room.Event;
import dev.breakout.server.room.Logged;
import dev.breakout.synthesis.CardInput;
import dev.breakout.synthesis.Correction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the synthesis is computed from, folded from the committed log only (never from the room in
 * memory, which may hold events not yet durable): every card that stands, in the order it was
 * written, and the instructor's corrections in the order they were made.
 */
final class SynthesisInputs {

  /** A card as the fold keeps it; ids are unique within a group only. */
  private record Kept(String groupId, String cardId, String promptId, String text) {}

  /**
   * The inputs at one moment. Card ids two groups chose alike are given to the synthesis as
   * {@code cardId@groupId}, so that every card it sees has its own id; {@link #original} maps back.
   */
  record Snapshot(List<CardInput> cards, List<Correction> corrections, Map<String, String> original,
      List<Reacted> mostReacted) {
    Snapshot {
      cards = List.copyOf(cards);
      corrections = List.copyOf(corrections);
      original = Map.copyOf(original);
      mostReacted = List.copyOf(mostReacted);
    }

    /** The card id as its group knows it. */
    String cardIdOf(CardInput card) {
      return original.getOrDefault(card.cardId(), card.cardId());
    }
  }

  /** A standing card the class reacted to during the presentations or a gallery walk. */
  record Reacted(String groupId, String cardId, String promptId, String text, int agree, int newToMe) {
    int total() {
      return agree + newToMe;
    }
  }

  /** The most-reacted cards listed with the synthesis (issue 14: "listed in the synthesis of the exercise"). */
  static final int MOST_REACTED = 10;

  private final Map<String, Kept> cards = new LinkedHashMap<>();
  /** Per card (key), its counts as the last reaction event in the card's own group's log carried them. */
  private final Map<String, int[]> reactions = new HashMap<>();
  private final List<Correction> corrections = new ArrayList<>();

  /** Folds one committed event; true when it changes what the synthesis is computed from. */
  boolean apply(Logged logged) {
    Event e = logged.event();
    String group = logged.groupId();
    if (e instanceof Event.CardAdded added) {
      cards.put(key(group, added.card().cardId()), new Kept(group, added.card().cardId(), added.card().prompt(),
          added.card().text()));
      return true;
    }
    if (e instanceof Event.CardEdited edited) {
      Kept k = cards.get(key(group, edited.cardId()));
      if (k == null || k.text().equals(edited.text())) {
        return false;
      }
      cards.put(key(group, edited.cardId()), new Kept(group, k.cardId(), k.promptId(), edited.text()));
      return true;
    }
    if (e instanceof Event.CardDeleted deleted) {
      return cards.remove(key(group, deleted.cardId())) != null;
    }
    if (e instanceof Event.ReactionChanged r && r.cardGroupId().equals(group)) {
      // Written into the reacting student's log too: counted once, from the card's own group's log.
      reactions.put(key(group, r.cardId()), new int[] {r.agree(), r.newToMe()});
      return cards.containsKey(key(group, r.cardId()));
    }
    if (e instanceof Event.ClustersMerged m) {
      corrections.add(new Correction.Merge(m.prompt(), m.cardId(), m.otherCardId()));
      return true;
    }
    if (e instanceof Event.CardRegrouped m) {
      corrections.add(new Correction.Move(m.prompt(), m.cardId(), m.toCardId()));
      return true;
    }
    if (e instanceof Event.ClusterRenamed r) {
      corrections.add(new Correction.Rename(r.prompt(), r.cardId(), r.label()));
      return true;
    }
    return false;
  }

  Snapshot snapshot() {
    Map<String, Integer> uses = new HashMap<>();
    cards.values().forEach(k -> uses.merge(k.cardId(), 1, Integer::sum));
    Map<String, String> original = new HashMap<>();
    List<CardInput> inputs = new ArrayList<>(cards.size());
    for (Kept k : cards.values()) {
      String id = k.cardId();
      if (uses.get(id) > 1) {
        id = k.cardId() + "@" + k.groupId();
        original.put(id, k.cardId());
      }
      inputs.add(new CardInput(k.groupId(), id, k.promptId(), k.text()));
    }
    List<Reacted> reacted = new ArrayList<>();
    reactions.forEach((key, counts) -> {
      Kept k = cards.get(key);
      if (k != null && counts[0] + counts[1] > 0) {
        reacted.add(new Reacted(k.groupId(), k.cardId(), k.promptId(), k.text(), counts[0], counts[1]));
      }
    });
    reacted.sort(java.util.Comparator.comparingInt(Reacted::total).reversed().thenComparing(Reacted::agree,
        java.util.Comparator.reverseOrder()));
    return new Snapshot(inputs, corrections, original, reacted.subList(0, Math.min(MOST_REACTED, reacted.size())));
  }

  int cardCount() {
    return cards.size();
  }

  private static String key(String groupId, String cardId) {
    return groupId + '\n' + cardId;
  }
}
