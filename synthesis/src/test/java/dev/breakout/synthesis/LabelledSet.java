package dev.breakout.synthesis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The labelled answers of {@code labelled/session7-answers.tsv} and the pairwise scoring of a synthesis against them. */
final class LabelledSet {

  record Answer(String set, String workshop, CardInput card, String idea) {}

  /** Pairwise counts: every pair of cards of one prompt is together or apart, in the truth and in the synthesis. */
  record Score(int truePairs, int predictedPairs, int correctPairs, int crossPromptClusters) {
    double precision() {
      return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    double recall() {
      return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Score plus(Score o) {
      return new Score(truePairs + o.truePairs, predictedPairs + o.predictedPairs, correctPairs + o.correctPairs,
          crossPromptClusters + o.crossPromptClusters);
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "P %.3f R %.3f F1 %.3f (pairs: true %d, predicted %d, correct %d)",
          precision(), recall(), f1(), truePairs, predictedPairs, correctPairs);
    }
  }

  private LabelledSet() {}

  static List<Answer> load() {
    try (InputStream in = LabelledSet.class.getResourceAsStream("/labelled/session7-answers.tsv")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Answer> answers = new ArrayList<>();
      int n = 0;
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 6) {
          throw new IllegalStateException("expected 6 tab-separated fields: " + line);
        }
        n++;
        answers.add(new Answer(f[0], f[1], new CardInput(f[3], f[1] + "-" + n, f[2], f[5]), f[4]));
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Answer> of(List<Answer> answers, String set) {
    return answers.stream().filter(a -> a.set().equals(set)).toList();
  }

  /** Scores the synthesis of one workshop's answers. */
  static Score score(List<Answer> answers, Synthesis synthesis) {
    Map<String, String> idea = new HashMap<>();
    Map<String, String> prompt = new HashMap<>();
    answers.forEach(a -> {
      idea.put(a.card().cardId(), a.card().promptId() + "/" + a.idea());
      prompt.put(a.card().cardId(), a.card().promptId());
    });
    Map<String, String> cluster = new HashMap<>();
    int cross = 0;
    for (PromptSynthesis p : synthesis.prompts()) {
      for (Cluster c : p.clusters()) {
        if (c.cards().stream().anyMatch(card -> !card.promptId().equals(p.promptId()))) {
          cross++;
        }
        c.cards().forEach(card -> cluster.put(card.cardId(), p.promptId() + "/" + c.id()));
      }
    }
    int truePairs = 0;
    int predicted = 0;
    int correct = 0;
    for (int i = 0; i < answers.size(); i++) {
      for (int j = i + 1; j < answers.size(); j++) {
        String a = answers.get(i).card().cardId();
        String b = answers.get(j).card().cardId();
        if (!prompt.get(a).equals(prompt.get(b))) {
          continue;
        }
        boolean same = idea.get(a).equals(idea.get(b));
        boolean together = cluster.get(a).equals(cluster.get(b));
        truePairs += same ? 1 : 0;
        predicted += together ? 1 : 0;
        correct += same && together ? 1 : 0;
      }
    }
    return new Score(truePairs, predicted, correct, cross);
  }
}
