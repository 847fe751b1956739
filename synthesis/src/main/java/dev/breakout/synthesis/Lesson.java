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
  /** Per point, the weighted words of each of its names; a card speaks to the point through any one name. */
  private final List<List<Map<String, Double>>> pointWeights = new ArrayList<>();
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
    List<List<Set<String>>> keys = new ArrayList<>();
    Map<String, Integer> df = new HashMap<>();
    for (LessonPoint point : points) {
      List<Set<String>> names = new ArrayList<>();
      Set<String> all = new HashSet<>();
      List<String> texts = names(point);
      for (int t = 0; t < texts.size(); t++) {
        Set<String> k = new HashSet<>();
        synthesizer.words(texts.get(t)).forEach(w -> k.add(w.key()));
        // A practice's one-word Korean label (정의, 목표, 초기) is too common a word to name it; a tool's name
        // (GitOps, Pinpoint) or a label of two words (컨테이너 기반) is not.
        boolean weakLabel = texts.size() > 1 && t == 0 && k.size() < 2 && !texts.get(t).matches(".*[A-Za-z].*");
        if (!k.isEmpty() && !weakLabel) {
          names.add(k);
          all.addAll(k);
        }
      }
      keys.add(names);
      all.forEach(key -> df.merge(key, 1, Integer::sum));
    }
    int n = points.size();
    for (List<Set<String>> names : keys) {
      List<Map<String, Double>> weighted = new ArrayList<>();
      for (Set<String> k : names) {
        Map<String, Double> weights = new HashMap<>();
        for (String key : k) {
          weights.put(key, Math.log((n + 1.0) / (df.get(key) + 1.0)) + 1.0);
        }
        weighted.add(weights);
      }
      pointWeights.add(weighted);
    }
  }

  /**
   * The words that name a point: a failure case's title, a success factor's label, a case study's company, a
   * practice's label or its text (GitOps: ArgoCD 활용), the label only when it names something (see below). The rest of a point's text (a failure's cause, a factor's
   * explanation) mentions other ideas too: 문화 변화's "기술보다 사람이 우선" is not about staffing.
   */
  private static List<String> names(LessonPoint point) {
    if (point.kind().equals(LessonPoint.CASE_STUDY)) {
      return List.of(before(point.title()));
    }
    if (point.kind().equals(LessonPoint.PRACTICE)) {
      int colon = point.text().indexOf(": ");
      return colon > 0 ? List.of(point.text().substring(0, colon), point.text().substring(colon + 2))
          : List.of(point.text());
    }
    return List.of(point.title());
  }

  private static String before(String title) {
    int colon = title.indexOf(':');
    return colon > 0 ? title.substring(0, colon) : title;
  }

  Session session() {
    return session;
  }

  List<LessonPoint> points() {
    return points;
  }

  /**
   * The ids of the points a card speaks to: the card holds at least {@code lessonMatch} of the words of one of the
   * point's names, each word weighted by its rarity among the points' names.
   */
  List<String> refs(Set<String> cardKeys) {
    if (cardKeys.isEmpty() || points.isEmpty()) {
      return List.of();
    }
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      for (Map<String, Double> weights : pointWeights.get(i)) {
        double held = 0;
        double total = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
          total += e.getValue();
          if (cardKeys.contains(e.getKey())) {
            held += e.getValue();
          }
        }
        if (total > 0 && held / total >= lessonMatch) {
          refs.add(points.get(i).id());
          break;
        }
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
