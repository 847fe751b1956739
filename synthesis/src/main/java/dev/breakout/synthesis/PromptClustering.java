package dev.breakout.synthesis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One prompt's cards to clusters: analysis, TF-IDF vectors with lesson anchors, average linkage, corrections. */
final class PromptClustering {

  private static final int LABEL_WORDS = 3;
  private static final int LABEL_CHARS = 40;
  private static final String ANCHOR = "@";

  private final Synthesizer synthesizer;
  private final Lesson lesson;
  private final String promptId;
  private final List<CardInput> cards;
  private final List<Correction> corrections;

  private final List<List<KoreanAnalysis.Word>> words = new ArrayList<>();
  private final List<List<String>> refs = new ArrayList<>();
  private final List<Map<String, Double>> vectors = new ArrayList<>();
  private final Map<String, Double> idf = new HashMap<>();

  PromptClustering(Synthesizer synthesizer, Lesson lesson, String promptId, List<CardInput> cards,
      List<Correction> corrections) {
    this.synthesizer = synthesizer;
    this.lesson = lesson;
    this.promptId = promptId;
    this.cards = cards;
    this.corrections = corrections;
  }

  PromptSynthesis run() {
    if (cards.isEmpty()) {
      return new PromptSynthesis(promptId, List.of());
    }
    analyse();
    List<List<Integer>> automatic = Linkage.cluster(similarities(), synthesizer.tuning().threshold());
    List<Group> groups = new ArrayList<>();
    automatic.forEach(members -> groups.add(new Group(members)));
    applyCorrections(groups);
    List<Cluster> clusters = new ArrayList<>();
    for (Group group : groups) {
      if (!group.members.isEmpty()) {
        group.members.sort(null);
        clusters.add(cluster(group));
      }
    }
    clusters.sort(Comparator.comparingInt((Cluster c) -> -c.groupIds().size())
        .thenComparingInt(c -> -c.cards().size())
        .thenComparingInt(c -> cards.indexOf(c.cards().get(0))));
    return new PromptSynthesis(promptId, clusters);
  }

  private void analyse() {
    Map<String, Integer> df = new HashMap<>();
    for (CardInput card : cards) {
      List<KoreanAnalysis.Word> w = synthesizer.words(card.text());
      words.add(w);
      Set<String> keys = new LinkedHashSet<>();
      w.forEach(word -> keys.add(word.key()));
      keys.forEach(k -> df.merge(k, 1, Integer::sum));
      refs.add(lesson.refs(keys));
    }
    int n = cards.size();
    df.forEach((key, count) -> idf.put(key, Math.log((n + 1.0) / (count + 1.0)) + 1.0));
    boolean anchors = synthesizer.tuning().lessonAnchors();
    double lessonWeight = synthesizer.tuning().lessonWeight();
    for (int i = 0; i < n; i++) {
      Map<String, Integer> tf = new HashMap<>();
      words.get(i).forEach(word -> tf.merge(word.key(), 1, Integer::sum));
      Map<String, Double> vector = new HashMap<>();
      tf.forEach((key, count) -> vector.put(key, (1 + Math.log(count)) * idf.get(key)));
      normalise(vector);
      if (anchors && !vector.isEmpty()) {
        for (String ref : refs.get(i)) {
          vector.put(ANCHOR + ref, lessonWeight);
        }
        normalise(vector);
      }
      vectors.add(vector);
    }
  }

  private static void normalise(Map<String, Double> vector) {
    double norm = Math.sqrt(vector.values().stream().mapToDouble(v -> v * v).sum());
    if (norm > 0) {
      vector.replaceAll((k, v) -> v / norm);
    }
  }

  /** Cosine similarities through an inverted index: only pairs that share a feature cost anything. */
  private double[][] similarities() {
    int n = cards.size();
    double[][] similarity = new double[n][n];
    Map<String, Integer> featureIds = new HashMap<>();
    List<int[]> postingCards = new ArrayList<>();
    List<double[]> postingWeights = new ArrayList<>();
    List<Integer> postingSizes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (Map.Entry<String, Double> e : vectors.get(i).entrySet()) {
        int f = featureIds.computeIfAbsent(e.getKey(), k -> {
          postingCards.add(new int[4]);
          postingWeights.add(new double[4]);
          postingSizes.add(0);
          return postingCards.size() - 1;
        });
        int size = postingSizes.get(f);
        if (size == postingCards.get(f).length) {
          postingCards.set(f, java.util.Arrays.copyOf(postingCards.get(f), size * 2));
          postingWeights.set(f, java.util.Arrays.copyOf(postingWeights.get(f), size * 2));
        }
        postingCards.get(f)[size] = i;
        postingWeights.get(f)[size] = e.getValue();
        postingSizes.set(f, size + 1);
      }
    }
    for (int f = 0; f < postingCards.size(); f++) {
      int[] docs = postingCards.get(f);
      double[] w = postingWeights.get(f);
      int size = postingSizes.get(f);
      for (int a = 0; a < size; a++) {
        double[] row = similarity[docs[a]];
        double wa = w[a];
        for (int b = a + 1; b < size; b++) {
          double s = wa * w[b];
          row[docs[b]] += s;
          similarity[docs[b]][docs[a]] += s;
        }
      }
    }
    return similarity;
  }

  /** A cluster while corrections are applied: its cards' indices and the instructor's label, if any. */
  private static final class Group {
    final List<Integer> members;
    String label;

    Group(List<Integer> members) {
      this.members = new ArrayList<>(members);
    }
  }

  private void applyCorrections(List<Group> groups) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < cards.size(); i++) {
      index.put(cards.get(i).cardId(), i);
    }
    for (Correction correction : corrections) {
      if (correction instanceof Correction.Merge merge) {
        merge(groups, index.get(merge.cardId()), index.get(merge.otherCardId()));
      } else if (correction instanceof Correction.Move move) {
        move(groups, index.get(move.cardId()), move.toCardId() == null ? null : index.get(move.toCardId()),
            move.toCardId() == null);
      } else if (correction instanceof Correction.Rename rename) {
        Group group = holding(groups, index.get(rename.cardId()));
        if (group != null && rename.label() != null && !rename.label().isBlank()) {
          group.label = rename.label().strip();
        }
      }
    }
  }

  private static void merge(List<Group> groups, Integer card, Integer other) {
    Group a = holding(groups, card);
    Group b = holding(groups, other);
    if (a != null && b != null && a != b) {
      a.members.addAll(b.members);
      b.members.clear();
      if (a.label == null) {
        a.label = b.label;
      }
    }
  }

  private static void move(List<Group> groups, Integer card, Integer toCard, boolean alone) {
    Group from = holding(groups, card);
    if (from == null) {
      return;
    }
    Group to;
    if (alone) {
      to = new Group(List.of());
      groups.add(to);
    } else {
      to = holding(groups, toCard);
      if (to == null || to == from) {
        return;
      }
    }
    from.members.remove(card);
    to.members.add(card);
  }

  private static Group holding(List<Group> groups, Integer card) {
    if (card == null) {
      return null;
    }
    for (Group group : groups) {
      if (group.members.contains(card)) {
        return group;
      }
    }
    return null;
  }

  private Cluster cluster(Group group) {
    List<CardInput> members = new ArrayList<>();
    Set<String> groupIds = new LinkedHashSet<>();
    Map<String, Integer> refCounts = new LinkedHashMap<>();
    for (int i : group.members) {
      CardInput card = cards.get(i);
      members.add(card);
      if (card.groupId() != null) {
        groupIds.add(card.groupId());
      }
      refs.get(i).forEach(ref -> refCounts.merge(ref, 1, Integer::sum));
    }
    List<String> lessonRefs = refCounts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .map(Map.Entry::getKey).toList();
    boolean renamed = group.label != null;
    String label = renamed ? group.label : label(group.members);
    return new Cluster("c-" + members.get(0).cardId(), label, renamed, List.copyOf(groupIds), members, lessonRefs);
  }

  /** The words most of the cluster's cards share, rarest first among equals; a card's own text when it has none. */
  private String label(List<Integer> members) {
    Map<String, Integer> cardsWith = new HashMap<>();
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    for (int i : members) {
      Set<String> seen = new LinkedHashSet<>();
      for (KoreanAnalysis.Word word : words.get(i)) {
        if (seen.add(word.key())) {
          cardsWith.merge(word.key(), 1, Integer::sum);
        }
        surfaces.computeIfAbsent(word.key(), k -> new HashMap<>()).merge(word.surface(), 1, Integer::sum);
      }
    }
    if (cardsWith.isEmpty()) {
      String text = cards.get(members.get(0)).text();
      text = text == null ? "" : text.strip().replaceAll("\\s+", " ");
      return text.length() > LABEL_CHARS ? text.substring(0, LABEL_CHARS) + "…" : text;
    }
    // In a cluster of several cards, a word of one card only does not represent it; verb stems name an idea worse
    // than nouns. Fall back step by step so that every cluster with words has a label.
    Set<String> nouns = new java.util.HashSet<>();
    for (int i : members) {
      words.get(i).stream().filter(KoreanAnalysis.Word::noun).forEach(w -> nouns.add(w.key()));
    }
    int shared = members.size() > 1 ? 2 : 1;
    List<String> candidates = cardsWith.keySet().stream()
        .filter(k -> cardsWith.get(k) >= shared && nouns.contains(k)).toList();
    if (candidates.isEmpty()) {
      candidates = cardsWith.keySet().stream().filter(k -> cardsWith.get(k) >= shared).toList();
    }
    if (candidates.isEmpty()) {
      candidates = List.copyOf(cardsWith.keySet());
    }
    List<String> top = candidates.stream()
        .sorted(Comparator.comparingInt((String k) -> -cardsWith.get(k))
            .thenComparingDouble(k -> -idf.getOrDefault(k, 0.0))
            .thenComparing(k -> k))
        .limit(LABEL_WORDS).toList();
    List<String> shown = new ArrayList<>();
    for (String key : top) {
      String concept = synthesizer.concepts().label(key);
      String display = concept != null ? concept : surfaces.get(key).entrySet().stream()
          .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey,
              Comparator.reverseOrder()))
          .map(Map.Entry::getKey).orElse(key);
      if (!shown.contains(display)) {
        shown.add(display);
      }
    }
    return String.join(" · ", shown);
  }
}
