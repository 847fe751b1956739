package dev.breakout.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;

/** Finds the {@code ```svg} blocks of a document, wherever they stand, and sanitises them. */
final class Diagrams {

  private Diagrams() {}

  static List<Session.Diagram> read(Outline outline, Report report) {
    List<Session.Diagram> diagrams = new ArrayList<>();
    String title = null;
    for (Node block : outline.blocks()) {
      HeadingInfo heading = outline.heading(block);
      if (heading != null) {
        title = heading.title();
        continue;
      }
      for (FencedCodeBlock svg : svgBlocks(block)) {
        Session.Diagram diagram = diagram(svg, title, report);
        if (diagram != null) {
          diagrams.add(diagram);
        }
      }
    }
    return diagrams;
  }

  private static Session.Diagram diagram(FencedCodeBlock block, String title, Report report) {
    int fenceLine = Markdown.line(block);
    try {
      return new Session.Diagram(title, SvgSanitizer.sanitize(block.getLiteral()));
    } catch (SvgSyntaxException e) {
      // The SVG's first line is the one after the opening fence.
      int line = e.line() > 0 ? fenceLine + e.line() : fenceLine;
      report.error(line, "the svg diagram does not parse: " + e.reason());
      return null;
    }
  }

  // Depth-first in document order, so diagrams keep the order they have in the text.
  private static List<FencedCodeBlock> svgBlocks(Node root) {
    List<FencedCodeBlock> found = new ArrayList<>();
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (Markdown.isSvg(node)) {
        found.add((FencedCodeBlock) node);
      }
      for (Node child = node.getLastChild(); child != null; child = child.getPrevious()) {
        pending.push(child);
      }
    }
    return found;
  }
}
