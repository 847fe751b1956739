package dev.breakout.synthesis;

import dev.breakout.content.Session;
import java.util.List;
import java.util.Locale;

/** A parameter sweep on the tuning workshop only (never the held-out one): how docs/synthesis.md chose its values. */
final class Grid {
  public static void main(String[] args) {
    Session session = QualityReport.session();
    List<LabelledSet.Answer> tune = LabelledSet.of(LabelledSet.load(), "tune");
    StringBuilder plain = new StringBuilder("no anchors:");
    for (int t = 10; t <= 50; t += 5) {
      Tuning tuning = Tuning.DEFAULT.withSteps(true, true, false).withThreshold(t / 100.0);
      plain.append(String.format(Locale.ROOT, " %.2f", QualityReport.run(
          Synthesizer.build(List.of(session), Thesaurus.bundled(), tuning), session, tune).f1()));
    }
    System.out.println("cuts 0.10 to 0.50 by 0.05");
    System.out.println(plain);
    for (double match : new double[] {0.5, 0.7, 1.0}) {
      for (double weight : new double[] {0.2, 0.35, 0.5, 0.8}) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "match %.2f weight %.2f:", match, weight));
        for (int t = 10; t <= 50; t += 5) {
          Tuning tuning = new Tuning(true, true, true, t / 100.0, weight, match);
          LabelledSet.Score s = QualityReport.run(Synthesizer.build(List.of(session), Thesaurus.bundled(), tuning),
              session, tune);
          line.append(String.format(Locale.ROOT, " %.2f", s.f1()));
        }
        System.out.println(line);
      }
    }
  }
}
