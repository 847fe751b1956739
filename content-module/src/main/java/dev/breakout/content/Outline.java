package dev.breakout.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;

/**
 * The top-level headings of a document, read once (so each heading's problems are reported once), and the
 * cutting of a block sequence into heading-led parts.
 */
final class Outline {

  /** A heading and the blocks under it up to the next heading of the same or a higher level. */
  record Part(HeadingInfo heading, List<Node> body) {}

  /** The blocks before the first heading of the level asked for, and the parts from there on. */
  record Parts(List<Node> preamble, List<Part> parts) {}

  private final Map<Node, HeadingInfo> headings = new IdentityHashMap<>();
  private final Set<HeadingInfo> budgetsRead = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Node> blocks;

  Outline(Document document, Report report) {
    blocks = Markdown.children(document);
    for (Node block : blocks) {
      if (block instanceof Heading heading) {
        headings.put(heading, HeadingInfo.read(heading, report));
      }
    }
  }

  List<Node> blocks() {
    return blocks;
  }

  /** The heading info of a top-level heading, or null for any other block. */
  HeadingInfo heading(Node block) {
    return headings.get(block);
  }

  Parts split(List<Node> body, int level) {
    List<Node> preamble = new ArrayList<>();
    List<Part> parts = new ArrayList<>();
    List<Node> current = preamble;
    for (Node block : body) {
      HeadingInfo info = heading(block);
      if (info != null && info.level() <= level) {
        current = new ArrayList<>();
        parts.add(new Part(info, current));
      } else {
        current.add(block);
      }
    }
    return new Parts(preamble, parts);
  }

  /** Records that a heading's budget went into the model, so it is not reported as unused. */
  void budgetRead(HeadingInfo heading) {
    budgetsRead.add(heading);
  }

  void warnUnreadBudgets(Report report) {
    for (Node block : blocks) {
      HeadingInfo info = heading(block);
      if (info != null && info.minutes() != null && !budgetsRead.contains(info)) {
        report.warn(info.line(), "the minute budget (" + info.minutes() + "분) on '" + info.title()
            + "' is not read: only ## sections and the ### phases of the exercise carry budgets");
      }
    }
  }
}
