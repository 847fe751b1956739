package dev.breakout.synthesis;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.Dictionary;
import org.apache.lucene.analysis.ko.dict.UserDictionary;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Korean text to the content words an idea is made of: NFC, lower case, the course's own terms joined whatever the
 * spacing, then Nori with a user dictionary and a part-of-speech filter (particles, endings, suffixes, numbers and
 * symbols go). Thread-safe: Lucene's {@link Analyzer} keeps one tokenizer per thread.
 */
final class KoreanAnalysis {

  /** A content word: {@code key} compares, {@code surface} is what the student wrote, for labels. */
  record Word(String key, String surface) {}

  /** Parts of speech that carry an idea: nouns, foreign words, verb and adjective stems, roots, hanja. */
  private static final Set<POS.Tag> KEPT = EnumSet.of(
      POS.Tag.NNG, POS.Tag.NNP, POS.Tag.SL, POS.Tag.SH, POS.Tag.VV, POS.Tag.VA, POS.Tag.XR, POS.Tag.NA);

  /** Tags that end a word without changing the idea: particles, endings, suffixes, the copula. */
  private static final Set<POS.Tag> TRAILING = EnumSet.of(
      POS.Tag.J, POS.Tag.E, POS.Tag.XSV, POS.Tag.XSA, POS.Tag.XSN, POS.Tag.VCP, POS.Tag.VCN);

  private static final Set<POS.Tag> NOUNS = EnumSet.of(
      POS.Tag.NNG, POS.Tag.NNP, POS.Tag.NNB, POS.Tag.NR, POS.Tag.SL, POS.Tag.SN, POS.Tag.SH);

  private final Set<String> userWords;
  private final Spacing spacing;
  private final Analyzer analyzer;

  /**
   * @param sourceTexts the course's own words (documents, thesaurus): every Hangul word that Nori's dictionary cuts
   *                    into pieces that are not all nouns (마이크로서비스 into 마이크 + 로 + 서비스) becomes a word of
   *                    the user dictionary
   * @param extraWords  words to keep whole whatever Nori's dictionary says
   */
  KoreanAnalysis(Collection<String> sourceTexts, Collection<String> extraWords) {
    Analyzer plain = analyzer(null);
    Set<String> words = new TreeSet<>();
    for (String text : sourceTexts) {
      for (String word : normalize(text).split("[^\\p{IsHangul}]+")) {
        if (word.length() >= 3) {
          String whole = cutWord(plain, word);
          if (whole != null) {
            words.add(whole);
          }
        }
      }
    }
    for (String word : extraWords) {
      String w = normalize(word).strip();
      if (!w.isEmpty() && w.matches("\\p{IsHangul}+")) {
        words.add(w);
      }
    }
    plain.close();
    this.userWords = Set.copyOf(words);
    this.spacing = new Spacing(words);
    this.analyzer = analyzer(userDictionary(words));
  }

  Set<String> userWords() {
    return userWords;
  }

  static String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The content words of a text, in order. Never throws: a text Nori cannot read gives no words. */
  List<Word> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String joined = spacing.join(normalize(text));
    List<Word> words = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", joined)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PartOfSpeechAttribute pos = stream.addAttribute(PartOfSpeechAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        POS.Tag tag = pos.getLeftPOS();
        if (tag == null || !KEPT.contains(tag)) {
          continue;
        }
        String key = term.toString();
        int start = Math.max(0, Math.min(offset.startOffset(), joined.length()));
        int end = Math.max(start, Math.min(offset.endOffset(), joined.length()));
        words.add(new Word(key, joined.substring(start, end)));
      }
      stream.end();
    } catch (IOException | RuntimeException e) {
      // Nori reading a StringReader does not fail on text; if it ever does, the card simply has no words.
      return List.of();
    }
    return words;
  }

  /** The word itself when Nori cuts it into pieces that are not all nouns (a loanword it does not know), else null. */
  private static String cutWord(Analyzer plain, String word) {
    List<Dictionary.Morpheme> morphemes = new ArrayList<>();
    try (TokenStream stream = plain.tokenStream("text", word)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PartOfSpeechAttribute pos = stream.addAttribute(PartOfSpeechAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        Dictionary.Morpheme[] parts = pos.getMorphemes();
        if (parts == null) {
          morphemes.add(new Dictionary.Morpheme(pos.getLeftPOS(), term.toString()));
        } else {
          morphemes.addAll(List.of(parts));
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int end = morphemes.size();
    while (end > 0 && TRAILING.contains(morphemes.get(end - 1).posTag)) {
      end--;
    }
    if (end < 2) {
      return null;
    }
    StringBuilder stem = new StringBuilder();
    boolean allNouns = true;
    for (Dictionary.Morpheme m : morphemes.subList(0, end)) {
      stem.append(m.surfaceForm);
      allNouns &= NOUNS.contains(m.posTag);
    }
    // The stem must be the word's own prefix: an inflected form (하 + 여 = 해) cannot be a dictionary word.
    return !allNouns && word.startsWith(stem.toString()) && stem.length() >= 3 ? stem.toString() : null;
  }

  private static UserDictionary userDictionary(Set<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    try {
      return UserDictionary.open(new StringReader(String.join("\n", new LinkedHashSet<>(words))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Analyzer analyzer(UserDictionary dictionary) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        // DISCARD: a compound noun gives its parts only, so 모니터링체계 and 모니터링 체계 give the same words.
        KoreanTokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary,
            KoreanTokenizer.DecompoundMode.DISCARD, false, true);
        return new TokenStreamComponents(tokenizer);
      }
    };
  }
}
