package dev.breakout.content;

import java.util.List;
import java.util.stream.Collectors;

/** A content document (or a set of them) that cannot be used; carries every problem found, not just the first. */
public final class ContentException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  ContentException(String source, List<Problem> problems) {
    super(describe(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems in source order. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(String source, List<Problem> problems) {
    return problems.stream()
        .map(p -> p.line() > 0 ? source + ":" + p.line() + ": " + p.message() : source + ": " + p.message())
        .collect(Collectors.joining("\n"));
  }
}
