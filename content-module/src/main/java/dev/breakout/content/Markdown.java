package dev.breakout.content;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/** The few views of a commonmark tree the readers need: lines, plain text, labelled lines. */
final class Markdown {

  // Inline spans too, so a problem inside a paragraph (a bad label) can name its own line.
  private static final Parser PARSER =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

  private Markdown() {}

  static Document parse(String markdown) {
    return (Document) PARSER.parse(markdown);
  }

  static List<Node> children(Node parent) {
    List<Node> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
      children.add(child);
    }
    return children;
  }

  /** 1-based source line where the node starts; nodes without a span borrow their parent's. */
  static int line(Node node) {
    for (Node n = node; n != null; n = n.getParent()) {
      List<SourceSpan> spans = n.getSourceSpans();
      if (!spans.isEmpty()) {
        return spans.get(0).getLineIndex() + 1;
      }
    }
    return 1;
  }

  static boolean isSvg(Node node) {
    if (!(node instanceof FencedCodeBlock block) || block.getInfo() == null) {
      return false;
    }
    String info = block.getInfo().strip();
    int space = info.indexOf(' ');
    return (space < 0 ? info : info.substring(0, space)).equalsIgnoreCase("svg");
  }

  /**
   * Whether the node holds any text or a diagram. Stops at the first one found, so that checking every item
   * of deeply nested lists stays linear.
   */
  static boolean hasContent(Node node) {
    if (isSvg(node)) {
      return true;
    }
    if (node instanceof Text || node instanceof Code || node instanceof HtmlInline || node instanceof Link
        || node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock || node instanceof HtmlBlock) {
      return !text(node).isEmpty();
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (hasContent(child)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Blocks that carry nothing for the model and are skipped without a warning: diagrams (collected
   * separately), rules, link definitions (already applied to the links) and HTML comments (author notes).
   */
  static boolean isIgnorable(Node node) {
    return isSvg(node)
        || node instanceof ThematicBreak
        || node instanceof LinkReferenceDefinition
        || (node instanceof HtmlBlock html && html.getLiteral().strip().startsWith("<!--"));
  }

  /** A short name for a block, for warnings. */
  static String kind(Node node) {
    if (node instanceof Paragraph) {
      return "paragraph";
    }
    if (node instanceof ListBlock) {
      return "list";
    }
    if (node instanceof Heading heading) {
      return "#".repeat(heading.getLevel()) + " heading";
    }
    if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
      return "code block";
    }
    if (node instanceof HtmlBlock) {
      return "HTML block";
    }
    if (node instanceof BlockQuote) {
      return "block quote";
    }
    return "block";
  }

  /**
   * Plain text as the author wrote it without Markdown markers: {@code **2008년**: 장애} becomes
   * {@code 2008년: 장애}; a link keeps its address in parentheses so nothing is lost; diagrams and author
   * comments are left out.
   */
  static String text(Node node) {
    StringBuilder out = new StringBuilder();
    append(node, out);
    return out.toString().strip();
  }

  /** Plain text of a run of inline nodes, such as one line of a paragraph. */
  static String text(List<Node> inline) {
    StringBuilder out = new StringBuilder();
    inline.forEach(node -> append(node, out));
    return out.toString().strip();
  }

  /** The visible text of a link, without its address. */
  static String linkLabel(Link link) {
    StringBuilder out = new StringBuilder();
    appendChildren(link, out);
    return out.toString().strip();
  }

  private static void append(Node node, StringBuilder out) {
    if (isIgnorable(node)) {
      return;
    }
    if (node instanceof Text text) {
      out.append(text.getLiteral());
    } else if (node instanceof Code code) {
      out.append(code.getLiteral());
    } else if (node instanceof HtmlInline html) {
      out.append(html.getLiteral());
    } else if (node instanceof SoftLineBreak || node instanceof HardLineBreak) {
      out.append('\n');
    } else if (node instanceof Link link) {
      String label = linkLabel(link);
      String url = link.getDestination() == null ? "" : link.getDestination();
      out.append(label);
      if (!url.isEmpty() && !url.equals(label)) {
        out.append(label.isEmpty() ? url : " (" + url + ")");
      }
    } else if (node instanceof FencedCodeBlock code) {
      out.append(code.getLiteral().stripTrailing());
    } else if (node instanceof IndentedCodeBlock code) {
      out.append(code.getLiteral().stripTrailing());
    } else if (node instanceof HtmlBlock html) {
      out.append(html.getLiteral().strip());
    } else if (node instanceof Paragraph || node instanceof Heading || !(node instanceof Block)) {
      appendChildren(node, out);
    } else {
      appendBlocks(node, out);
    }
  }

  private static void appendChildren(Node node, StringBuilder out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      append(child, out);
    }
  }

  // Container blocks (lists, quotes, items): one line per child block.
  private static void appendBlocks(Node node, StringBuilder out) {
    String separator = "";
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      String text = text(child);
      if (!text.isEmpty()) {
        out.append(separator).append(text);
        separator = "\n";
      }
    }
  }

  /**
   * The items of a list as text, nested lists flattened after their parent item so that nothing is
   * lost; blank items are skipped (they are reported once, by the document-wide check).
   */
  static List<String> items(ListBlock list) {
    List<String> items = new ArrayList<>();
    for (Node item : children(list)) {
      StringBuilder own = new StringBuilder();
      List<ListBlock> nested = new ArrayList<>();
      for (Node child : children(item)) {
        if (child instanceof ListBlock inner) {
          nested.add(inner);
        } else {
          String text = text(child);
          if (!text.isEmpty()) {
            own.append(own.length() > 0 ? "\n" : "").append(text);
          }
        }
      }
      if (own.length() > 0) {
        items.add(own.toString());
      }
      nested.forEach(inner -> items.addAll(items(inner)));
    }
    return items;
  }

  static List<ListItem> listItems(ListBlock list) {
    List<ListItem> items = new ArrayList<>();
    for (Node child : children(list)) {
      items.add((ListItem) child);
    }
    return items;
  }

  /** The inline content of a paragraph cut at its line breaks. */
  static List<List<Node>> lines(Paragraph paragraph) {
    List<List<Node>> lines = new ArrayList<>();
    List<Node> current = new ArrayList<>();
    for (Node child : children(paragraph)) {
      if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
        lines.add(current);
        current = new ArrayList<>();
      } else {
        current.add(child);
      }
    }
    lines.add(current);
    return lines;
  }

  /** A line of the form {@code **label**: value} (or {@code **label:** value}). */
  record Labelled(String label, String value) {}

  /** The label and value of a line, or null when the line does not start with a bold label and a colon. */
  static Labelled labelled(List<Node> line) {
    if (line.isEmpty() || !(line.get(0) instanceof StrongEmphasis strong)) {
      return null;
    }
    String label = text(strong);
    String value = text(line.subList(1, line.size()));
    if (endsWithColon(label)) {
      return new Labelled(label.substring(0, label.length() - 1).strip(), value);
    }
    if (value.startsWith(":") || value.startsWith("：")) {
      return new Labelled(label, value.substring(1).strip());
    }
    return null;
  }

  private static boolean endsWithColon(String s) {
    return s.endsWith(":") || s.endsWith("：");
  }
}
