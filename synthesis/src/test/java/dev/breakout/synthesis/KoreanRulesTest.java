package dev.breakout.synthesis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.ContentLibrary;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Korean rules of the synthesis, each with the exact words it gives. */
class KoreanRulesTest {

  static Synthesizer synthesizer;
  static KoreanAnalysis analysis;
  static KoreanAnalysis withoutDictionary;

  @BeforeAll
  static void build() {
    synthesizer = Synthesizer.forSessions(ContentLibrary.bundled());
    analysis = synthesizer.analysis();
    withoutDictionary = new KoreanAnalysis(List.of(), List.of());
  }

  /** The analysis alone: Nori, the user dictionary, the part-of-speech filter, no thesaurus. */
  static List<String> analysed(String text) {
    return analysis.words(text).stream().map(KoreanAnalysis.Word::key).toList();
  }

  /** What the synthesis compares: the analysis, then the thesaurus' concept groups, then the ignore list. */
  static List<String> compared(String text) {
    return synthesizer.words(text).stream().map(KoreanAnalysis.Word::key).toList();
  }

  @Test
  @DisplayName("particles and endings never split an idea: 배포가, 배포를, 배포하는 are all 배포")
  void particlesAndEndings() {
    assertThat(analysed("배포가")).containsExactly("배포");
    assertThat(analysed("배포를")).containsExactly("배포");
    assertThat(analysed("배포하는")).containsExactly("배포");
    assertThat(analysed("변화를 두려워하는 직원들")).containsExactly("변화", "두려워하", "직원");
    assertThat(analysed("변화를 두려워함")).containsExactly("변화", "두려워하");
  }

  @Test
  @DisplayName("spacing variants give the same words: 모니터링체계 and 모니터링 체계")
  void spacingVariants() {
    assertThat(analysed("모니터링체계")).containsExactly("모니터링", "체계");
    assertThat(analysed("모니터링 체계")).containsExactly("모니터링", "체계");
    assertThat(analysed("예산부족")).containsExactly("예산", "부족");
  }

  @Test
  @DisplayName("a one-syllable noun written onto a noun is a suffix: 배포자동화 and 배포 자동화 are the same")
  void oneSyllableSuffix() {
    assertThat(analysed("배포자동화 도구")).containsExactly("배포", "자동", "도구");
    assertThat(analysed("배포 자동화")).containsExactly("배포", "자동");
    assertThat(analysed("인력난")).containsExactly("인력");
  }

  @Test
  @DisplayName("loanwords of the course are not cut: 마이크로서비스, however it is spaced, and 쿠버네티스")
  void loanwordsStayWhole() {
    assertThat(withoutDictionary.words("마이크로서비스").stream().map(KoreanAnalysis.Word::key))
        .containsExactly("마이크", "서비스");
    assertThat(analysed("마이크로서비스")).containsExactly("마이크로서비스");
    assertThat(analysed("마이크로 서비스로 전환")).containsExactly("마이크로서비스", "전환");
    assertThat(withoutDictionary.words("쿠버네티스").stream().map(KoreanAnalysis.Word::key))
        .containsExactly("쿠", "버네", "티스");
    assertThat(analysed("쿠버네티스로")).containsExactly("쿠버네티스");
    assertThat(analysis.userWords()).contains("마이크로서비스", "쿠버네티스", "커스터마이징");
  }

  @Test
  @DisplayName("English and Korean spellings the course uses meet: Jenkins/젠킨스, Kubernetes/쿠버네티스/k8s, CI/CD")
  void englishAndKoreanSpellings() {
    assertThat(compared("Jenkins")).containsExactly("#CI/CD");
    assertThat(compared("젠킨스로")).containsExactly("#CI/CD");
    assertThat(compared("CI/CD 파이프라인")).containsExactly("#CI/CD", "#CI/CD");
    assertThat(compared("cicd")).containsExactly("#CI/CD");
    assertThat(compared("Kubernetes")).containsExactly("#Kubernetes");
    assertThat(compared("쿠버네티스로 전환")).containsExactly("#Kubernetes", "전환");
    assertThat(compared("k8s로")).containsExactly("#Kubernetes");
    assertThat(compared("데브옵스")).isEqualTo(compared("DevOps"));
  }

  @Test
  @DisplayName("the thesaurus joins one idea in different words: 예산/비용/투자, 저항/갈등/변화를 두려워함, 인력/사람/경험자")
  void conceptGroups() {
    assertThat(compared("예산")).containsExactly("#예산");
    assertThat(compared("비용이")).containsExactly("#예산");
    assertThat(compared("투자를")).containsExactly("#예산");
    assertThat(compared("저항")).containsExactly("#문화적 저항");
    assertThat(compared("갈등이 심함")).containsExactly("#문화적 저항", "심하");
    assertThat(compared("변화를 두려워함")).containsExactly("#문화적 저항");
    assertThat(compared("인력")).containsExactly("#인력");
    assertThat(compared("사람이")).containsExactly("#인력");
    assertThat(compared("경험자 없음")).containsExactly("#인력");
  }

  @Test
  @DisplayName("words every idea uses are ignored: 부족, 도입, and the stems 하/되/없")
  void ignoredWords() {
    assertThat(compared("예산 부족")).containsExactly("#예산");
    assertThat(compared("모니터링 도입이 안됨")).containsExactly("#모니터링");
  }

  @Test
  @DisplayName("text is NFC-normalised and lower-cased first: decomposed Hangul and DEVOPS read as written")
  void normalisation() {
    String decomposed = Normalizer.normalize("배포를 자동화", Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo("배포를 자동화");
    assertThat(analysed(decomposed)).containsExactly("배포", "자동");
    assertThat(analysed("DEVOPS")).containsExactly("devops");
  }

  @Test
  @DisplayName("Latin letters and digits written together are one word: k8s, ec2; numbers alone are not words")
  void latinDigitRuns() {
    assertThat(analysed("k8s ec2")).containsExactly("k8s", "ec2");
    assertThat(analysed("1단계 500명")).containsExactly("단계");
  }

  @Test
  @DisplayName("a card of only emoji, punctuation or Korean laughter has no words")
  void noWords() {
    assertThat(compared("😀😀!!")).isEmpty();
    assertThat(compared("...?!")).isEmpty();
    assertThat(compared("ㅋㅋㅋ")).isEmpty();
    assertThat(compared("")).isEmpty();
    assertThat(compared(null)).isEmpty();
  }
}
