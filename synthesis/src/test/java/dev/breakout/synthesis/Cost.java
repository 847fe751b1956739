package dev.breakout.synthesis;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import java.util.List;

/** Cost figures of docs/synthesis.md: construction, and synthesis of 100 to 1,000 cards in one prompt, cold and warm. */
final class Cost {
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    List<Session> sessions = ContentLibrary.bundled();
    long t1 = System.nanoTime();
    Synthesizer synthesizer = Synthesizer.forSessions(sessions);
    long t2 = System.nanoTime();
    System.out.printf("load documents %d ms, build synthesizer %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    List<CardInput> live = new java.util.ArrayList<>(BadInputTest.manyCards(1000, 99));
    for (int i = 0; i < 3; i++) {
      live.add(new CardInput("g1", "new-" + i, "p1", "새로 들어온 카드 " + i + " 모니터링 부족"));
      long s = System.nanoTime();
      synthesizer.synthesize(sessions.get(0), live, List.of());
      System.out.printf("live: %d cards, one new %5d ms%n", live.size(), (System.nanoTime() - s) / 1_000_000);
    }
    for (int round = 1; round <= 3; round++) {
      for (int n : new int[] {100, 300, 1000}) {
        List<CardInput> cards = BadInputTest.manyCards(n, round);
        long s = System.nanoTime();
        Synthesis synthesis = synthesizer.synthesize(sessions.get(0), cards, List.of());
        long e = System.nanoTime();
        System.out.printf("round %d: %4d cards %5d ms, %d clusters%n", round, n, (e - s) / 1_000_000,
            synthesis.prompts().get(0).clusters().size());
      }
    }
  }
}
