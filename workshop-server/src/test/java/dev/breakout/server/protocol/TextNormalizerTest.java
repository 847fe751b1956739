package dev.breakout.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Text is normalised once, the same way for every field")
class TextNormalizerTest {

  @Test
  @DisplayName("Controls go, except line breaks in a block; CR LF and CR become LF; a tab becomes a space")
  void controls() {
    assertThat(TextNormalizer.block("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg")).isEqualTo("abcdefg");
    assertThat(TextNormalizer.block("첫 줄\r\n둘째\r셋째\n넷째\u2028다섯")).isEqualTo("첫 줄\n둘째\n셋째\n넷째\n다섯");
    assertThat(TextNormalizer.line("첫 줄\r\n둘째\t셋째")).isEqualTo("첫 줄 둘째 셋째");
  }

  @Test
  @DisplayName("Bidirectional overrides, isolates and marks are removed")
  void bidi() {
    assertThat(TextNormalizer.line("abc\u202Etxt.exe")).isEqualTo("abctxt.exe");
    assertThat(TextNormalizer.line("\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C김")).isEqualTo("김");
    assertThat(TextNormalizer.line("שלום עולם")).isEqualTo("שלום עולם");
  }

  @Test
  @DisplayName("Zero-width and other invisible characters are removed; emoji sequences and Persian stay whole")
  void invisibles() {
    assertThat(TextNormalizer.line("민\u200B수\u2060\uFEFF\u00AD")).isEqualTo("민수");
    assertThat(TextNormalizer.line("\u3164\uFFA0민수")).isEqualTo("민수");
    String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";
    String rainbowFlag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08";
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
    String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
    String thumbsMedium = "\uD83D\uDC4D\uD83C\uDFFD";
    String all = technologist + rainbowFlag + family + scotland + thumbsMedium + "❤️";
    assertThat(TextNormalizer.block("좋아요 " + all)).isEqualTo("좋아요 " + all);
    // A joiner between letters, or at an edge, is not part of an emoji: it goes.
    assertThat(TextNormalizer.line("a\u200Db\u200D")).isEqualTo("ab");
    assertThat(TextNormalizer.line("می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
    assertThat(TextNormalizer.line("\u200C민수")).isEqualTo("민수");
    // Tag characters only after a black flag.
    assertThat(TextNormalizer.line("a\uDB40\uDC67b")).isEqualTo("ab");
  }

  @Test
  @DisplayName("NFC: Hangul typed as separate jamo is stored as syllables; what the IME sends is unchanged")
  void nfc() {
    String jamo = "\u1100\u1161\u11A8\u1112\u1161\u11AB";
    assertThat(TextNormalizer.line(jamo)).isEqualTo("각한");
    String typed = "예상되는 장애물: 레거시 시스템, 보수적 문화 (30%)! ~ 3~5명?";
    assertThat(TextNormalizer.block(typed)).isEqualTo(typed);
    assertThat(TextNormalizer.line("e\u0301")).isEqualTo("é");
  }

  @Test
  @DisplayName("A name needs a visible character: spaces, fillers, marks and format characters are not")
  void visible() {
    assertThat(TextNormalizer.hasVisible("민수")).isTrue();
    assertThat(TextNormalizer.hasVisible("\uD83D\uDE00")).isTrue();
    assertThat(TextNormalizer.hasVisible(".")).isTrue();
    assertThat(TextNormalizer.hasVisible(" \u3000\u00A0")).isFalse();
    assertThat(TextNormalizer.hasVisible("\u115F\u1160\u3164")).isFalse();
    assertThat(TextNormalizer.hasVisible("\u0301\uFE0F")).isFalse();
    assertThat(TextNormalizer.hasVisible("\uE000")).isFalse();
    assertThat(TextNormalizer.hasVisible("")).isFalse();
    assertThat(TextNormalizer.block(null)).isNull();
    assertThat(TextNormalizer.line(null)).isNull();
  }
}
