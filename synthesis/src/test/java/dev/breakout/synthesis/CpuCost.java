package dev.breakout.synthesis;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** CPU time (not wall time: the machine is shared) of the synthesis steps for 1,000 new cards. */
final class CpuCost {
  public static void main(String[] args) {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    List<Session> sessions = ContentLibrary.bundled();
    long c0 = bean.getCurrentThreadCpuTime();
    Synthesizer synthesizer = Synthesizer.forSessions(sessions);
    long c1 = bean.getCurrentThreadCpuTime();
    System.out.printf("build: cpu %d ms%n", (c1 - c0) / 1_000_000);
    for (int round = 1; round <= 4; round++) {
      List<CardInput> cards = BadInputTest.manyCards(1000, 100 + round);
      long a0 = bean.getCurrentThreadCpuTime();
      cards.forEach(c -> synthesizer.words(c.text()));
      long a1 = bean.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      synthesizer.synthesize(sessions.get(0), cards, List.of());
      long a2 = bean.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      List<CardInput> more = new java.util.ArrayList<>(cards);
      more.add(new CardInput("g1", "x", "p1", "새 카드 " + round));
      long a3 = bean.getCurrentThreadCpuTime();
      synthesizer.synthesize(sessions.get(0), more, List.of());
      long a4 = bean.getCurrentThreadCpuTime();
      System.out.printf("round %d: analysis of 1,000 new cards cpu %d ms; the rest of the synthesis cpu %d ms (wall %d ms);"
          + " again with one new card cpu %d ms%n", round, (a1 - a0) / 1_000_000, (a2 - a1) / 1_000_000,
          (w1 - w0) / 1_000_000, (a4 - a3) / 1_000_000);
    }
  }
}
