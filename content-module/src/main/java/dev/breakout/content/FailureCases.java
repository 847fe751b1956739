package dev.breakout.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;

/**
 * Reads the numbered {@code ## N. ...실패...} section: each {@code ####} is a failure case made of labelled lines,
 * the {@code ###} holding 성공 and 요소 lists the success factors, other {@code ###} headings only group.
 */
final class FailureCases {

  private static final List<String> LABELS = List.of("사례", "문제", "원인", "교훈");

  private final Outline outline;
  private final Report report;
  private final List<Session.FailureCase> cases = new ArrayList<>();
  private final List<String> successFactors = new ArrayList<>();

  FailureCases(Outline outline, Report report) {
    this.outline = outline;
    this.report = report;
  }

  List<Session.FailureCase> cases() {
    return cases;
  }

  List<String> successFactors() {
    return successFactors;
  }

  void read(Outline.Part section) {
    boolean inSuccessFactors = false;
    CaseBuilder current = null;
    for (Node block : section.body()) {
      HeadingInfo heading = outline.heading(block);
      if (heading != null && heading.level() <= 4) {
        finish(current);
        current = heading.level() == 4 ? new CaseBuilder(heading) : null;
        inSuccessFactors = heading.level() == 3 && heading.title().contains("성공") && heading.title().contains("요소");
      } else if (current != null) {
        current.add(block);
      } else if (inSuccessFactors && block instanceof ListBlock list) {
        successFactors.addAll(Markdown.items(list));
      } else {
        report.unread(block, inSuccessFactors
            ? "the success factors are the items of a numbered list"
            : "in the failure section, text belongs under a #### failure-case heading");
      }
    }
    finish(current);
  }

  private void finish(CaseBuilder builder) {
    if (builder != null) {
      Session.FailureCase failureCase = builder.build();
      if (failureCase != null) {
        cases.add(failureCase);
      }
    }
  }

  /** Collects the labelled lines of one case; a line without a label continues the line before it. */
  private final class CaseBuilder {
    private final HeadingInfo heading;
    private final Map<String, StringBuilder> values = new LinkedHashMap<>();

    CaseBuilder(HeadingInfo heading) {
      this.heading = heading;
    }

    void add(Node block) {
      if (block instanceof Paragraph paragraph) {
        addLines(Markdown.lines(paragraph), List.of(), Markdown.line(block));
      } else if (block instanceof ListBlock list) {
        for (ListItem item : Markdown.listItems(list)) {
          addItem(item);
        }
      } else {
        report.unread(block, "a failure case is read from lines **사례**: ..., - **문제**: ..., - **원인**: ...,"
            + " - **교훈**: ...");
      }
    }

    private void addItem(ListItem item) {
      List<Node> blocks = Markdown.children(item);
      if (blocks.isEmpty()) {
        return;
      }
      if (blocks.get(0) instanceof Paragraph first) {
        addLines(Markdown.lines(first), blocks.subList(1, blocks.size()), Markdown.line(item));
      } else {
        report.unread(item, "expected - **label**: text");
      }
    }

    private void addLines(List<List<Node>> lines, List<Node> more, int line) {
      StringBuilder value = null;
      for (List<Node> inline : lines) {
        Markdown.Labelled labelled = Markdown.labelled(inline);
        int lineNumber = inline.isEmpty() ? line : Markdown.line(inline.get(0));
        if (labelled != null) {
          value = label(labelled, lineNumber);
        } else if (value != null) {
          value.append('\n').append(Markdown.text(inline));
        } else if (!Markdown.text(inline).isEmpty()) {
          report.warn(lineNumber, "this line is not read: a failure case line starts with one of the labels "
              + String.join(", ", LABELS.stream().map(l -> "**" + l + "**:").toList()));
        }
      }
      for (Node block : more) {
        String text = Markdown.text(block);
        if (value != null && !text.isEmpty()) {
          value.append('\n').append(text);
        } else {
          report.unread(block, "expected - **label**: text");
        }
      }
    }

    // The value a following unlabelled line continues, or null when this label is not one of the four.
    private StringBuilder label(Markdown.Labelled labelled, int line) {
      if (!LABELS.contains(labelled.label())) {
        report.warn(line, "the label **" + labelled.label() + "** is not read: a failure case has the labels "
            + String.join(", ", LABELS));
        return null;
      }
      if (values.containsKey(labelled.label())) {
        report.error(line, "failure case '" + title() + "' has **" + labelled.label() + "** twice");
        return null;
      }
      if (labelled.value().isEmpty()) {
        report.error(line, "**" + labelled.label() + "** is empty: expected **" + labelled.label() + "**: text");
      }
      StringBuilder value = new StringBuilder(labelled.value());
      values.put(labelled.label(), value);
      return value;
    }

    private String title() {
      return heading.title().replaceFirst("^\\d+[.)]\\s*", "");
    }

    Session.FailureCase build() {
      boolean complete = true;
      for (String label : LABELS) {
        if (!values.containsKey(label)) {
          complete = false;
          report.error(heading.line(), "failure case '" + title() + "' has no **" + label + "**: expected a line "
              + (label.equals("사례") ? "" : "- ") + "**" + label + "**: ...");
        }
      }
      if (title().isEmpty()) {
        report.error(heading.line(), "a failure case needs a title: expected #### 1. title");
        return null;
      }
      if (!complete) {
        return null;
      }
      return new Session.FailureCase(title(), value("사례"), value("문제"), value("원인"), value("교훈"));
    }

    private String value(String label) {
      return values.get(label).toString().strip();
    }
  }
}
