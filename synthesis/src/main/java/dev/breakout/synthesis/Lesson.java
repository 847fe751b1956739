package dev.breakout.synthesis;

import dev.breakout.content.LessonPoint;
import dev.breakout.content.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lesson points of one session, analysed once, and the matching of a card's words against them in the
 * document's own words. A word that many points share (DevOps, 도입) says little; a word of one point says much.
 */
final class Lesson {

  static final Lesson NONE = new Lesson();

  private final Session session;
  private final List<LessonPoint> points;
  private final List<Map<String, Double>> pointWeights = new ArrayList<>();
  private final double lessonMatch;

  private Lesson() {
    this.session = null;
    this.points = List.of();
    this.lessonMatch = 1;
  }

  Lesson(Session session, List<LessonPoint> points, Synthesizer synthesizer) {
    this.session = session;
    this.points = List.copyOf(points);
    this.lessonMatch = synthesizer.tuning().lessonMatch();
    List<Set<String>> keys = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    for (LessonPoint point : points) {
      Set<String> k = new HashSet<>();
      synthesizer.words(point.text()).forEach(w -> k.add(w.key()));
      keys.add(k);
      k.forEach(key -> df.merge(key, 1, Integer::sum));
    }
    int n = points.size();
    for (Set<String> k : keys) {
      Map<String, Double> weights = new HashMap<>();
      for (String key : k) {
        weights.put(key, Math.log((n + 1.0) / (df.get(key) + 1.0)) + 1.0);
      }
      pointWeights.add(weights);
    }
  }

  Session session() {
    return session;
  }

  List<LessonPoint> points() {
    return points;
  }

  /**
   * The ids of the points a card's words speak to: the words it shares with a point carry at least
   * {@code lessonMatch} of the card's weight, the weight of a word being its rarity among the lesson points.
   */
  List<String> refs(Set<String> cardKeys) {
    if (cardKeys.isEmpty() || points.isEmpty()) {
      return List.of();
    }
    List<String> refs = new ArrayList<>();
    double best = 0;
    for (int i = 0; i < points.size(); i++) {
      Map<String, Double> weights = pointWeights.get(i);
      double shared = 0;
      double total = 0;
      for (String key : cardKeys) {
        double w = weights.getOrDefault(key, 0.0);
        shared += w;
        total += w > 0 ? w : 1.0;
      }
      double score = shared / total;
      if (score >= lessonMatch && score > 0) {
        refs.add(points.get(i).id());
        best = Math.max(best, score);
      }
    }
    return refs;
  }

  List<LessonCoverage> coverage(List<PromptSynthesis> prompts) {
    List<LessonCoverage> coverage = new ArrayList<>();
    for (LessonPoint point : points) {
      Set<String> groups = new LinkedHashSet<>();
      List<String> clusters = new ArrayList<>();
      for (PromptSynthesis prompt : prompts) {
        for (Cluster cluster : prompt.clusters()) {
          if (cluster.lessonRefs().contains(point.id())) {
            clusters.add(cluster.id());
            groups.addAll(cluster.groupIds());
          }
        }
      }
      coverage.add(new LessonCoverage(point.id(), point.kind(), point.title(), List.copyOf(groups), clusters));
    }
    return coverage;
  }
}
