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

  /**
   * A content word: {@code key} compares, {@code surface} is what the student wrote, for labels; {@code noun} for
   * nouns, foreign words and concept groups, which name an idea better in a label than a verb stem does.
   */
  record Word(String key, String surface, boolean noun) {}

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
   * @param extraWords  reviewed terms (the thesaurus): one that Nori cuts into a single syllable or a non-noun is kept
   *                    whole
   */
  KoreanAnalysis(Collection<String> sourceTexts, Collection<String> extraWords) {
    Analyzer plain = analyzer(null);
    Set<String> words = new TreeSet<>();
    for (String text : sourceTexts) {
      for (String word : normalize(text).split("[^\\p{IsHangul}]+")) {
        if (word.length() >= 3) {
          String whole = cutWord(plain, word, true);
          if (whole != null) {
            words.add(whole);
          }
        }
      }
    }
    for (String word : extraWords) {
      String w = normalize(word).strip();
      if (w.matches("\\p{IsHangul}{3,}")) {
        String whole = cutWord(plain, w, false);
        if (whole != null && whole.equals(w)) {
          words.add(w);
        }
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
      // A run of Latin letters and digits written together (k8s, s3, ec2) is one word: Nori cuts it at each digit.
      StringBuilder run = null;
      boolean runHasLetters = false;
      int runStart = 0;
      int runEnd = -1;
      int previousNounEnd = -1;
      while (stream.incrementToken()) {
        POS.Tag tag = pos.getLeftPOS();
        int start = Math.max(0, Math.min(offset.startOffset(), joined.length()));
        int end = Math.max(start, Math.min(offset.endOffset(), joined.length()));
        boolean latin = tag == POS.Tag.SL || tag == POS.Tag.SN;
        if (run != null && !(latin && start == runEnd)) {
          if (runHasLetters) {
            words.add(new Word(run.toString(), joined.substring(runStart, runEnd), true));
          }
          run = null;
        }
        if (latin) {
          if (run == null) {
            run = new StringBuilder();
            runHasLetters = false;
            runStart = start;
          }
          run.append(term);
          runHasLetters |= tag == POS.Tag.SL;
          runEnd = end;
          previousNounEnd = -1;
          continue;
        }
        // A one-syllable noun written onto the noun before it is a suffix (자동+화, 인력+난, 개발+팀): Nori tags the
        // same syllable XSN in one sentence and NNG in another, so 배포자동화 and 배포 자동화 would differ.
        boolean suffix = tag == POS.Tag.NNG && end - start == 1 && start == previousNounEnd;
        if (tag != null && KEPT.contains(tag) && !suffix) {
          words.add(new Word(term.toString(), joined.substring(start, end),
              tag != POS.Tag.VV && tag != POS.Tag.VA));
        }
        previousNounEnd = tag == POS.Tag.NNG || tag == POS.Tag.NNP || tag == POS.Tag.XSN ? end : -1;
      }
      if (run != null && runHasLetters) {
        words.add(new Word(run.toString(), joined.substring(runStart, runEnd), true));
      }
      stream.end();
    } catch (IOException | RuntimeException e) {
      // Nori reading a StringReader does not fail on text; if it ever does, the card simply has no words.
      return List.of();
    }
    return words;
  }

  /**
   * The word's stem when Nori cuts it into pieces that are not all nouns (마이크로서비스 into 마이크 + 로 + 서비스, a
   * loanword it does not know), else null; unless {@code strict}, also when a piece is a single syllable (쿠 + 버네
   * + 티스), which for a reviewed term means a cut loanword rather than a compound of two words.
   */
  private static String cutWord(Analyzer plain, String word, boolean strict) {
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
      allNouns &= NOUNS.contains(m.posTag) && (strict || m.surfaceForm.length() > 1);
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
