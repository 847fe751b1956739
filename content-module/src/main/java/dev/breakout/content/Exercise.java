package dev.breakout.content;

import java.util.List;

/** The timed group exercise of a session: what the breakout rooms run. */
public record Exercise(
    String title,
    Integer minutes,
    String scenario,
    List<String> conditions,
    List<Prompt> prompts,
    List<Phase> phases) {

  public Exercise {
    conditions = List.copyOf(conditions);
    prompts = List.copyOf(prompts);
    phases = List.copyOf(phases);
  }

  /**
   * A discussion prompt; ids are {@code p1}, {@code p2}, ... by position. {@code shortLabel} names it
   * on a tab: given by the document, else derived from the text ({@link PromptLabels#derive}).
   */
  public record Prompt(String id, String text, PromptKind kind, String shortLabel) {
    public Prompt {
      if (shortLabel == null || shortLabel.isBlank()) {
        shortLabel = PromptLabels.derive(text);
      }
    }

    /** A prompt whose short label is derived from its text. */
    public Prompt(String id, String text, PromptKind kind) {
      this(id, text, kind, null);
    }
  }

  /** A phase of the exercise; ids are {@code phase1}, {@code phase2}, ... by position. */
  public record Phase(String id, String title, int minutes, PhaseKind kind) {}

  public enum PromptKind {
    /** Free cards in any order. */
    LIST,
    /** Ordered, labelled steps (a roadmap). */
    STEPS;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public enum PhaseKind {
    DISCUSSION,
    PRESENTATION,
    OTHER,
    /** Every group's board open to all to read, and to react to (peer reactions). */
    GALLERY;

    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
