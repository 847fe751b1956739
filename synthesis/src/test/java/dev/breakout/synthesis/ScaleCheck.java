package dev.breakout.synthesis;

import dev.breakout.content.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A 40-group class made from one set's answers (each card drawn from the set, with a word of its own group added),
 * scored like the labelled set: does the clustering hold when a prompt has hundreds of cards?
 */
final class ScaleCheck {
  public static void main(String[] args) {
    Session session = QualityReport.session();
    Synthesizer synthesizer = Synthesizer.forSessions(List.of(session));
    List<String> extra = List.of("너무", "정말", "우리 회사", "특히", "현실적으로", "ㅠㅠ", "!!", "같음", "예상됨", "중요",
        "시급", "장기적으로", "필수", "ERP", "현장", "공장", "IT팀");
    for (String set : List.of("tune", "heldout")) {
      List<LabelledSet.Answer> base = LabelledSet.of(LabelledSet.load(), set);
      Random random = new Random(1);
      List<LabelledSet.Answer> many = new ArrayList<>();
      for (int i = 0; i < 40 * 12; i++) {
        LabelledSet.Answer a = base.get(random.nextInt(base.size()));
        String text = a.card().text() + " " + extra.get(random.nextInt(extra.size()));
        many.add(new LabelledSet.Answer(set, "X", new CardInput("g" + (1 + i % 40), "x" + i, a.card().promptId(), text),
            a.idea()));
      }
      LabelledSet.Score score = QualityReport.run(synthesizer, session, many);
      System.out.println(set + " x 40 groups, " + many.size() + " cards: " + score);
    }
  }
}
