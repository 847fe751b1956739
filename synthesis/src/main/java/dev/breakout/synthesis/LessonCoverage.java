package dev.breakout.synthesis;

import java.util.List;

/**
 * One lesson point of the session and the groups and clusters that raised it; both lists are empty when no group did.
 *
 * @param id    the content model's lesson point id, e.g. {@code failure-1}
 * @param kind  the content model's kind, e.g. {@code failure-case}
 */
public record LessonCoverage(String id, String kind, String title, List<String> groupIds, List<String> clusterIds) {
  public LessonCoverage {
    groupIds = List.copyOf(groupIds);
    clusterIds = List.copyOf(clusterIds);
  }
}
