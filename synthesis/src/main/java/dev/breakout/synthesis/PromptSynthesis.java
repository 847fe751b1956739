package dev.breakout.synthesis;

import java.util.List;

/** The ideas of one prompt, ordered by the number of groups that raised them, then by cards. */
public record PromptSynthesis(String promptId, List<Cluster> clusters) {
  public PromptSynthesis {
    clusters = List.copyOf(clusters);
  }
}
