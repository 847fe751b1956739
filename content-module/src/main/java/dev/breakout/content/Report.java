package dev.breakout.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.commonmark.node.Node;

/** Collects errors and warnings while a document is read, so an author sees all of them at once. */
final class Report {

  private final List<Problem> errors = new ArrayList<>();
  private final List<Session.Warning> warnings = new ArrayList<>();

  void error(int line, String message) {
    errors.add(new Problem(line, message));
  }

  void warn(int line, String message) {
    warnings.add(new Session.Warning(line, message));
  }

  /** Content the model has no place for: a warning, so that nothing disappears silently. */
  void unread(Node block, String hint) {
    if (!Markdown.isIgnorable(block)) {
      warn(Markdown.line(block), "this " + Markdown.kind(block) + " is not read: " + hint);
    }
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  List<Problem> errors() {
    List<Problem> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(Problem::line));
    return sorted;
  }

  List<Session.Warning> warnings() {
    List<Session.Warning> sorted = new ArrayList<>(warnings);
    sorted.sort(Comparator.comparingInt(Session.Warning::line));
    return sorted;
  }
}
