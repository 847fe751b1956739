package dev.breakout.synthesis;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import java.util.List;
import java.util.Locale;

/**
 * Prints the figures of docs/synthesis.md: each step of the method on the tuning and the held-out workshop, every
 * configuration at the threshold that is best for it on the tuning workshop, and the clusters of the held-out
 * workshop with the cards that are still wrong. Run: {@code mvn -pl synthesis -am test-compile exec...} or through
 * {@link SynthesisQualityTest}, which writes the same report to {@code target/synthesis-quality.txt}.
 */
final class QualityReport {

  record Step(String name, Tuning tuning) {}

  /** The steps, each with the threshold that is best for it on the tuning workshop (see {@link #report()}). */
  static final List<Step> STEPS = List.of(
      new Step("analyzer-only TF-IDF (Nori + POS filter)",
          Tuning.DEFAULT.withSteps(false, false, false).withThreshold(0.15)),
      new Step("+ user dictionary from the course's words",
          Tuning.DEFAULT.withSteps(true, false, false).withThreshold(0.15)),
      new Step("+ thesaurus (concept groups)", Tuning.DEFAULT.withSteps(true, true, false).withThreshold(0.10)),
      new Step("+ lesson points as anchors (the product)", Tuning.DEFAULT.withSteps(true, true, true)),
      new Step("(thesaurus and anchors, no user dictionary)", Tuning.DEFAULT.withSteps(false, true, true)),
      new Step("(user dictionary and anchors, no thesaurus)", Tuning.DEFAULT.withSteps(true, false, true)));

  private QualityReport() {}

  static Session session() {
    return ContentLibrary.bundled().stream().filter(s -> s.id().equals("week1-day1-session7")).findFirst()
        .orElseThrow();
  }

  static LabelledSet.Score run(Synthesizer synthesizer, Session session, List<LabelledSet.Answer> answers) {
    List<CardInput> cards = answers.stream().map(LabelledSet.Answer::card).toList();
    return LabelledSet.score(answers, synthesizer.synthesize(session, cards, List.of()));
  }

  static String report() {
    Session session = session();
    List<LabelledSet.Answer> all = LabelledSet.load();
    List<LabelledSet.Answer> tune = LabelledSet.of(all, "tune");
    List<LabelledSet.Answer> heldout = LabelledSet.of(all, "heldout");
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "cards: tune %d, held-out %d%n", tune.size(), heldout.size()));
    for (Step step : STEPS) {
      double bestThreshold = 0;
      LabelledSet.Score best = null;
      for (int t = 5; t <= 80; t += 5) {
        Synthesizer s = Synthesizer.build(List.of(session), Thesaurus.bundled(), step.tuning().withThreshold(t / 100.0));
        LabelledSet.Score score = run(s, session, tune);
        if (best == null || score.f1() > best.f1() + 1e-9) {
          best = score;
          bestThreshold = t / 100.0;
        }
      }
      Synthesizer s = Synthesizer.build(List.of(session), Thesaurus.bundled(), step.tuning().withThreshold(bestThreshold));
      LabelledSet.Score held = run(s, session, heldout);
      out.append(String.format(Locale.ROOT, "%-45s threshold %.2f | tune %s | held-out %s%n",
          step.name(), bestThreshold, best, held));
    }
    return out.toString();
  }

  /** The clusters of one set, each card with its intended idea, and the analysed words of every card. */
  static String clusters(String set, Tuning tuning) {
    Session session = session();
    List<LabelledSet.Answer> answers = LabelledSet.of(LabelledSet.load(), set);
    Synthesizer synthesizer = Synthesizer.build(List.of(session), Thesaurus.bundled(), tuning);
    java.util.Map<String, String> idea = new java.util.HashMap<>();
    answers.forEach(a -> idea.put(a.card().cardId(), a.idea()));
    Synthesis synthesis = synthesizer.synthesize(session, answers.stream().map(LabelledSet.Answer::card).toList(),
        List.of());
    StringBuilder out = new StringBuilder();
    for (PromptSynthesis p : synthesis.prompts()) {
      out.append("== ").append(p.promptId()).append('\n');
      for (Cluster c : p.clusters()) {
        out.append("  [").append(c.label()).append("] ").append(c.lessonRefs()).append('\n');
        for (CardInput card : c.cards()) {
          out.append("     ").append(idea.get(card.cardId())).append(" | ").append(card.text()).append(" | ")
              .append(synthesizer.words(card.text()).stream().map(KoreanAnalysis.Word::key).toList()).append('\n');
        }
      }
    }
    return out.toString();
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.out.print(clusters(args[0], Tuning.DEFAULT.withThreshold(args.length > 1 ? Double.parseDouble(args[1])
          : Tuning.DEFAULT.threshold())));
    } else {
      System.out.print(report());
    }
  }
}
