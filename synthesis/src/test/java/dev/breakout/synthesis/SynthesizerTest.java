package dev.breakout.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.ContentLibrary;
import dev.breakout.content.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SynthesizerTest {

  static Session session;
  static Synthesizer synthesizer;

  @BeforeAll
  static void build() {
    session = ContentLibrary.bundled().get(0);
    synthesizer = Synthesizer.forSessions(List.of(session));
  }

  static CardInput card(String group, String id, String prompt, String text) {
    return new CardInput(group, id, prompt, text);
  }

  static PromptSynthesis prompt(Synthesis synthesis, String id) {
    return synthesis.prompts().stream().filter(p -> p.promptId().equals(id)).findFirst().orElseThrow();
  }

  static Cluster holding(PromptSynthesis prompt, String cardId) {
    return prompt.clusters().stream()
        .filter(c -> c.cards().stream().anyMatch(card -> card.cardId().equals(cardId)))
        .findFirst().orElseThrow();
  }

  @Test
  void cardsWithTheSameWordsUnderDifferentParticlesAreOneIdeaNamedByItsFirstCard() {
    List<CardInput> cards = List.of(
        card("g1", "a", "p1", "배포가 너무 느림"),
        card("g2", "b", "p1", "레거시 시스템이 많음"),
        card("g3", "c", "p1", "배포를 느리게 함"));
    Synthesis synthesis = synthesizer.synthesize(session, cards, List.of());

    PromptSynthesis p1 = prompt(synthesis, "p1");
    assertThat(holding(p1, "c").id()).isEqualTo("c-a");
    assertThat(holding(p1, "a").groupIds()).containsExactly("g1", "g3");
    assertThat(holding(p1, "b").id()).isEqualTo("c-b");
    assertThat(holding(p1, "b").uniqueToOneGroup()).isTrue();
    assertThat(p1.clusters().get(0).id()).isEqualTo("c-a");
  }

  @Test
  void everyCardIsInExactlyOneClusterOfItsOwnPromptAndEveryPromptIsListed() {
    List<CardInput> cards = List.of(
        card("g1", "a", "p1", "예산 부족"),
        card("g1", "b", "p2", "예산 확보"),
        card("g2", "c", "p3", "1단계 교육"),
        card("g2", "d", "p1", "😀😀!!"),
        card("g3", "e", "p1", ""));
    Synthesis synthesis = synthesizer.synthesize(session, cards, List.of());

    assertThat(synthesis.prompts()).extracting(PromptSynthesis::promptId).containsExactly("p1", "p2", "p3");
    List<String> seen = new ArrayList<>();
    for (PromptSynthesis prompt : synthesis.prompts()) {
      for (Cluster cluster : prompt.clusters()) {
        assertThat(cluster.cards()).allSatisfy(c -> assertThat(c.promptId()).isEqualTo(prompt.promptId()));
        cluster.cards().forEach(c -> seen.add(c.cardId()));
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
  }

  @Test
  void correctionsMergeMoveAndRenameInOrderAndOnesNamingMissingCardsAreIgnored() {
    List<CardInput> cards = List.of(
        card("g1", "a", "p1", "예산 부족"),
        card("g2", "b", "p1", "레거시 시스템"),
        card("g3", "c", "p1", "보수적인 문화"),
        card("g4", "d", "p1", "레거시 시스템이 많다"));
    List<Correction> corrections = List.of(
        new Correction.Merge("p1", "a", "c"),
        new Correction.Rename("p1", "c", "돈과 문화"),
        new Correction.Move("p1", "d", null),
        new Correction.Merge("p1", "gone", "a"),
        new Correction.Move("p1", "gone", "a"),
        new Correction.Merge("p2", "a", "b"));
    PromptSynthesis p1 = prompt(synthesizer.synthesize(session, cards, corrections), "p1");

    Cluster merged = holding(p1, "c");
    assertThat(merged.id()).isEqualTo("c-a");
    assertThat(merged.label()).isEqualTo("돈과 문화");
    assertThat(merged.renamed()).isTrue();
    assertThat(merged.cards()).extracting(CardInput::cardId).containsExactly("a", "c");
    assertThat(holding(p1, "d").cards()).extracting(CardInput::cardId).containsExactly("d");
    assertThat(holding(p1, "d").id()).isEqualTo("c-d");
    assertThat(holding(p1, "b").cards()).extracting(CardInput::cardId).containsExactly("b");
  }

  @Test
  void clusterIdsStayTheSameWhenCardsArrive() {
    List<CardInput> first = List.of(
        card("g1", "a", "p1", "예산 부족"),
        card("g2", "b", "p1", "레거시 시스템"),
        card("g3", "c", "p1", "비용이 많이 듦"));
    List<CardInput> more = new ArrayList<>(first);
    more.add(card("g4", "d", "p1", "투자 여력 없음"));
    more.add(card("g5", "e", "p1", "보안 규정"));

    List<String> before = prompt(synthesizer.synthesize(session, first, List.of()), "p1").clusters().stream()
        .map(Cluster::id).toList();
    PromptSynthesis after = prompt(synthesizer.synthesize(session, more, List.of()), "p1");

    assertThat(before).containsExactly("c-a", "c-b");
    assertThat(after.clusters()).extracting(Cluster::id).containsExactly("c-a", "c-b", "c-e");
    assertThat(holding(after, "d").id()).isEqualTo("c-a");
  }

  @Test
  void concurrentSynthesesOfTheSameCardsAreEqualToOneAlone() throws Exception {
    List<CardInput> cards = new ArrayList<>();
    List<LabelledSet.Answer> answers = LabelledSet.load();
    for (LabelledSet.Answer a : answers) {
      cards.add(a.card());
    }
    List<Correction> corrections = List.of(new Correction.Merge("p1", cards.get(0).cardId(), cards.get(1).cardId()));
    Synthesis alone = synthesizer.synthesize(session, cards, corrections);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Synthesis>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> synthesizer.synthesize(session, cards, corrections)));
      }
      for (java.util.concurrent.Future<Synthesis> future : futures) {
        assertThat(future.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
