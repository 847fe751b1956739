package dev.breakout.synthesis;

import java.util.List;

/** The class synthesis of one workshop: per prompt the ideas, and every lesson point of the session, raised or not. */
public record Synthesis(List<PromptSynthesis> prompts, List<LessonCoverage> lesson) {
  public Synthesis {
    prompts = List.copyOf(prompts);
    lesson = List.copyOf(lesson);
  }
}
