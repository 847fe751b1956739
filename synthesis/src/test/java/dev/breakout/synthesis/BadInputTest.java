package dev.breakout.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputTest {

  static Session session;
  static Synthesizer synthesizer;

  @BeforeAll
  static void build() {
    session = ContentLibrary.bundled().get(0);
    synthesizer = Synthesizer.forSessions(List.of(session));
  }

  static Set<String> clusteredCardIds(Synthesis synthesis) {
    return synthesis.prompts().stream().flatMap(p -> p.clusters().stream()).flatMap(c -> c.cards().stream())
        .map(CardInput::cardId).collect(Collectors.toSet());
  }

  @Test
  @DisplayName("cards of only emoji or punctuation, empty, null or 500 characters long are each in a cluster")
  void strangeCards() {
    String longCard = "레거시 시스템이 너무 많고 예산이 부족하며 ".repeat(25).substring(0, 500);
    List<CardInput> cards = List.of(
        new CardInput("g1", "emoji", "p1", "😀😀🔥🔥"),
        new CardInput("g1", "punct", "p1", "?!?!...!!!"),
        new CardInput("g2", "empty", "p1", ""),
        new CardInput("g2", "null", "p1", null),
        new CardInput("g3", "long", "p1", longCard),
        new CardInput("g3", "zwj", "p1", "👩‍💻\u200b\u0000\uFFFF"),
        new CardInput("g4", "lone-surrogate", "p1", "배포\uD800를"),
        new CardInput(null, "no-group", "p1", "예산"));
    Synthesis synthesis = synthesizer.synthesize(session, cards, List.of());

    assertThat(clusteredCardIds(synthesis)).containsExactlyInAnyOrder(
        "emoji", "punct", "empty", "null", "long", "zwj", "lone-surrogate", "no-group");
    Cluster emoji = SynthesizerTest.holding(SynthesizerTest.prompt(synthesis, "p1"), "emoji");
    assertThat(emoji.cards()).extracting(CardInput::cardId).containsExactly("emoji");
    assertThat(emoji.label()).isEqualTo("😀😀🔥🔥");
    assertThat(SynthesizerTest.holding(SynthesizerTest.prompt(synthesis, "p1"), "long").label().length())
        .isLessThanOrEqualTo(41);
  }

  @Test
  @DisplayName("a card of an unknown prompt, a repeated card id and no session still give an answer")
  void unknownPromptDuplicateIdsAndNoSession() {
    List<CardInput> cards = List.of(
        new CardInput("g1", "a", "p9", "예산 부족"),
        new CardInput("g2", "a", "p1", "예산 부족"),
        new CardInput("g2", "b", "p1", "비용 문제"));
    Synthesis synthesis = synthesizer.synthesize(null, cards, null);

    assertThat(synthesis.prompts()).extracting(PromptSynthesis::promptId).containsExactly("p9", "p1");
    assertThat(synthesis.lesson()).isEmpty();
    assertThat(clusteredCardIds(synthesis)).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  @DisplayName("a document without failure cases or success factors: the lesson lists its case studies only")
  void documentWithoutFailureCases(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("week2-day1-session1.md");
    Files.writeString(file, """
        # Session 1: 도입 계획

        ## 📍 교과과정에서의 위치
        이 세션은 **Week 2 > Day 1 > Session 1**입니다.

        ## 학습 목표 (5분)
        - 도입 계획 세우기

        ## 1. 국내 사례 (10분)

        ### 토스: 빠른 배포
        #### 전략
        - **모놀리스 분리**: 마이크로서비스 전환

        ## 실습: 계획 (10분)

        ### 시나리오 분석
        "작은 회사가 배포를 자동화하려고 합니다."

        ### 그룹 토론 (7분)
        1. 무엇부터 할까요?

        ### 발표 (3분)
        """);
    Session plain = ContentLibrary.loadFile(file);
    Synthesizer own = Synthesizer.forSessions(List.of(plain));
    Synthesis synthesis = own.synthesize(plain, List.of(
        new CardInput("g1", "a", "p1", "마이크로서비스로 쪼개기"),
        new CardInput("g2", "b", "p1", "마이크로 서비스 전환"),
        new CardInput("g3", "c", "p1", "🙂")), List.of());

    assertThat(plain.failureCases()).isEmpty();
    assertThat(synthesis.lesson()).extracting(LessonCoverage::id).containsExactly("case-1", "case-1-1");
    LessonCoverage practice = synthesis.lesson().get(1);
    assertThat(practice.kind()).isEqualTo("practice");
    assertThat(practice.groupIds()).containsExactly("g1", "g2");
    assertThat(SynthesizerTest.holding(SynthesizerTest.prompt(synthesis, "p1"), "b").id()).isEqualTo("c-a");
  }

  /** Cards like a large class writes: the labelled answers with each group's own extra words, in log order. */
  static List<CardInput> manyCards(int count, long seed) {
    List<LabelledSet.Answer> answers = LabelledSet.load();
    List<String> extra = List.of("너무", "정말", "우리 회사", "특히", "현실적으로", "ㅠㅠ", "!!", "같음", "예상됨", "중요",
        "시급", "장기적으로", "필수", "ERP", "현장", "공장", "IT팀");
    Random random = new Random(seed);
    List<CardInput> cards = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LabelledSet.Answer a = answers.get(random.nextInt(answers.size()));
      String text = a.card().text() + " " + extra.get(random.nextInt(extra.size()));
      cards.add(new CardInput("g" + (1 + random.nextInt(40)), "card-" + i, "p1", text));
    }
    return cards;
  }

  @Test
  @DisplayName("1,000 new cards in one prompt: every card clustered, in well under 2 s of CPU")
  void thousandCards() {
    List<CardInput> cards = manyCards(1000, 7);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long cpuStart = bean.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    Synthesis synthesis = synthesizer.synthesize(session, cards, List.of());
    long millis = (System.nanoTime() - start) / 1_000_000;
    long cpuMillis = (bean.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;

    assertThat(clusteredCardIds(synthesis)).hasSize(1000);
    // CPU time of this thread, not wall time: on a shared machine (eight builds on two cores) the wall time measures
    // the neighbours. Alone, wall and CPU time are the same here (docs/synthesis.md, "Cost").
    assertThat(cpuMillis).isLessThan(2000);
    System.out.println("1,000 cards in one prompt: cpu " + cpuMillis + " ms, wall " + millis + " ms, "
        + SynthesizerTest.prompt(synthesis, "p1").clusters().size() + " clusters");
  }
}
