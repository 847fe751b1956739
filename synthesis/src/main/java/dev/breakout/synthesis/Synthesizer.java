package dev.breakout.synthesis;

import dev.breakout.content.Exercise;
import dev.breakout.content.LessonPoint;
import dev.breakout.content.Session;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class synthesis: every group's cards of a prompt grouped into ideas, each linked to the lesson points it speaks
 * to. See docs/synthesis.md for the method and its measured quality.
 *
 * <p>Heavy to build (Nori's dictionaries, the user dictionary from the course documents): build one per server and
 * share it. Immutable after construction and thread-safe: {@link #synthesize} may run on several threads at once.
 * It is CPU work of milliseconds to a few hundred milliseconds: run it on a worker thread, never an event loop.
 */
public final class Synthesizer {

  private final KoreanAnalysis analysis;
  private final Concepts concepts;
  private final Map<String, Lesson> lessons = new ConcurrentHashMap<>();
  private final Tuning tuning;

  /** Verb and adjective stems that carry no idea of their own in any answer. */
  private static final Set<String> STOP = Set.of("하", "되", "있", "없", "같", "받", "보", "주", "않", "싶", "이", "지");

  private final Set<String> ignored = new java.util.HashSet<>(STOP);

  /**
   * The analysed words of card texts already seen: a live workshop recomputes its synthesis on every change, and all
   * but the changed card are then read from here (analysis is most of the cost; docs/synthesis.md).
   */
  private final Map<String, List<KoreanAnalysis.Word>> analysed = new ConcurrentHashMap<>();

  /** At most this many texts (a few MB); longer texts than {@link #CACHED_LENGTH} are analysed every time. */
  private static final int CACHE_LIMIT = 20_000;

  private static final int CACHED_LENGTH = 1_000;

  private Synthesizer(KoreanAnalysis analysis, Thesaurus thesaurus, Tuning tuning) {
    this.analysis = analysis;
    this.concepts = new Concepts(thesaurus, analysis);
    this.tuning = tuning;
    for (String word : thesaurus.ignored()) {
      analysis.words(word).forEach(w -> ignored.add(w.key()));
    }
  }

  /** A synthesizer for these course documents with the thesaurus bundled beside them. */
  public static Synthesizer forSessions(Collection<Session> sessions) {
    return forSessions(sessions, Thesaurus.bundled());
  }

  /** A synthesizer for these course documents and a course's own thesaurus. */
  public static Synthesizer forSessions(Collection<Session> sessions, Thesaurus thesaurus) {
    return build(sessions, thesaurus, Tuning.DEFAULT);
  }

  static Synthesizer build(Collection<Session> sessions, Thesaurus thesaurus, Tuning tuning) {
    List<String> texts = new ArrayList<>();
    for (Session session : sessions) {
      texts.addAll(SessionTexts.of(session));
    }
    List<String> terms = new ArrayList<>();
    if (tuning.thesaurus()) {
      thesaurus.groups().forEach(g -> terms.addAll(g.terms()));
    }
    KoreanAnalysis analysis = tuning.userDictionary()
        ? new KoreanAnalysis(texts, terms)
        : new KoreanAnalysis(List.of(), List.of());
    Synthesizer synthesizer = new Synthesizer(analysis, tuning.thesaurus() ? thesaurus : Thesaurus.empty(), tuning);
    for (Session session : sessions) {
      synthesizer.lesson(session);
    }
    // Warm Nori's code paths on the course's own text, so that the first workshop does not pay for the JIT.
    texts.forEach(analysis::words);
    return synthesizer;
  }

  /**
   * The synthesis of one workshop's cards. Pure: the same cards and corrections give the same synthesis.
   * Never throws on any card text; a card with no content words (emoji, punctuation) is an idea of its own.
   *
   * @param session     the session the workshop runs, for its prompts and lesson points; may be null
   * @param cards       every card of the workshop, in log order; a card without an id or a prompt is left out, a
   *                    card id given twice counts once
   * @param corrections the instructor's corrections, in the order they were made
   */
  public Synthesis synthesize(Session session, List<CardInput> cards, List<Correction> corrections) {
    Lesson lesson = session == null ? Lesson.NONE : lesson(session);
    Map<String, List<CardInput>> byPrompt = new LinkedHashMap<>();
    if (session != null && session.exercise() != null) {
      for (Exercise.Prompt prompt : session.exercise().prompts()) {
        byPrompt.put(prompt.id(), new ArrayList<>());
      }
    }
    Set<String> seen = new java.util.HashSet<>();
    for (CardInput card : cards == null ? List.<CardInput>of() : cards) {
      if (card == null || card.cardId() == null || card.promptId() == null || !seen.add(card.cardId())) {
        continue;
      }
      byPrompt.computeIfAbsent(card.promptId(), p -> new ArrayList<>()).add(card);
    }
    List<PromptSynthesis> prompts = new ArrayList<>();
    for (Map.Entry<String, List<CardInput>> entry : byPrompt.entrySet()) {
      List<Correction> mine = corrections == null ? List.of()
          : corrections.stream().filter(c -> c != null && entry.getKey().equals(c.promptId())).toList();
      prompts.add(new PromptClustering(this, lesson, entry.getKey(), entry.getValue(), mine).run());
    }
    return new Synthesis(prompts, lesson.coverage(prompts));
  }

  KoreanAnalysis analysis() {
    return analysis;
  }

  Concepts concepts() {
    return concepts;
  }

  Tuning tuning() {
    return tuning;
  }

  /** The analysed words of a text, with the thesaurus applied. */
  List<KoreanAnalysis.Word> words(String text) {
    if (text == null) {
      return List.of();
    }
    List<KoreanAnalysis.Word> cached = analysed.get(text);
    if (cached != null) {
      return cached;
    }
    List<KoreanAnalysis.Word> words = new ArrayList<>(concepts.apply(analysis.words(text)));
    words.removeIf(w -> ignored.contains(w.key()));
    List<KoreanAnalysis.Word> result = List.copyOf(words);
    if (text.length() > CACHED_LENGTH) {
      return result;
    }
    if (analysed.size() >= CACHE_LIMIT) {
      // Crude but bounded: a server that has seen this many different cards starts the cache again.
      analysed.clear();
    }
    analysed.put(text, result);
    return result;
  }

  private Lesson lesson(Session session) {
    String key = session.id() == null ? "" : session.id();
    Lesson cached = lessons.get(key);
    if (cached != null && cached.session() == session) {
      return cached;
    }
    Lesson built = new Lesson(session, LessonPoint.of(session), this);
    lessons.put(key, built);
    return built;
  }

  /** The session texts the user dictionary is built from. */
  static final class SessionTexts {
    private SessionTexts() {}

    static List<String> of(Session s) {
      List<String> texts = new ArrayList<>();
      add(texts, s.title());
      add(texts, s.introduction());
      s.objectives().forEach(t -> add(texts, t));
      s.successFactors().forEach(t -> add(texts, t));
      for (Session.FailureCase f : s.failureCases()) {
        add(texts, f.title());
        add(texts, f.problem());
        add(texts, f.cause());
        add(texts, f.lesson());
      }
      for (Session.CaseStudy c : s.caseStudies()) {
        add(texts, c.company());
        add(texts, c.subtitle());
        for (Session.Subsection sub : c.subsections()) {
          add(texts, sub.title());
          sub.items().forEach(t -> add(texts, t));
        }
      }
      if (s.exercise() != null) {
        add(texts, s.exercise().scenario());
        s.exercise().conditions().forEach(t -> add(texts, t));
        s.exercise().prompts().forEach(p -> add(texts, p.text()));
      }
      s.diagrams().forEach(d -> add(texts, d.svg() == null ? null : d.svg().replaceAll("<[^>]*>", " ")));
      return texts;
    }

    private static void add(List<String> texts, String text) {
      if (text != null && !text.isBlank()) {
        texts.add(text);
      }
    }
  }
}
