package dev.breakout.synthesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The thesaurus as sequences of analysed words: a card's words that spell one of a group's terms are replaced by the
 * group, so that 예산, 비용 and 투자 count as one word. The longest term wins; a term in two groups belongs to the first.
 */
final class Concepts {

  static final String PREFIX = "#";

  private record Term(List<String> keys, String concept) {}

  private final Map<String, List<Term>> byFirstKey = new HashMap<>();
  private final Map<String, String> labels = new HashMap<>();

  Concepts(Thesaurus thesaurus, KoreanAnalysis analysis) {
    Map<List<String>, String> seen = new HashMap<>();
    for (Thesaurus.Group group : thesaurus.groups()) {
      String concept = PREFIX + group.name();
      labels.put(concept, group.name());
      for (String term : group.terms()) {
        List<String> keys = analysis.words(term).stream().map(KoreanAnalysis.Word::key).toList();
        if (keys.isEmpty() || seen.putIfAbsent(keys, concept) != null) {
          continue;
        }
        byFirstKey.computeIfAbsent(keys.get(0), k -> new ArrayList<>()).add(new Term(keys, concept));
      }
    }
    // Longest first, so that "변화 두려워하" wins over "변화".
    byFirstKey.values().forEach(terms -> terms.sort((a, b) -> b.keys().size() - a.keys().size()));
  }

  /** The label of a concept key, or null when {@code key} is a plain word. */
  String label(String key) {
    return labels.get(key);
  }

  List<KoreanAnalysis.Word> apply(List<KoreanAnalysis.Word> words) {
    if (byFirstKey.isEmpty()) {
      return words;
    }
    List<KoreanAnalysis.Word> out = new ArrayList<>(words.size());
    int i = 0;
    while (i < words.size()) {
      Term match = null;
      for (Term term : byFirstKey.getOrDefault(words.get(i).key(), List.of())) {
        if (matches(words, i, term.keys())) {
          match = term;
          break;
        }
      }
      if (match == null) {
        out.add(words.get(i));
        i++;
      } else {
        StringBuilder surface = new StringBuilder();
        for (int j = i; j < i + match.keys().size(); j++) {
          surface.append(j > i ? " " : "").append(words.get(j).surface());
        }
        out.add(new KoreanAnalysis.Word(match.concept(), surface.toString(), true));
        i += match.keys().size();
      }
    }
    return out;
  }

  private static boolean matches(List<KoreanAnalysis.Word> words, int start, List<String> keys) {
    if (start + keys.size() > words.size()) {
      return false;
    }
    for (int k = 0; k < keys.size(); k++) {
      if (!words.get(start + k).key().equals(keys.get(k))) {
        return false;
      }
    }
    return true;
  }
}
