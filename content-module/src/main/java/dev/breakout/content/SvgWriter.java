package dev.breakout.content;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/** Writes back, as it is parsed, the part of an SVG that {@link SvgSanitizer} keeps. */
final class SvgWriter extends DefaultHandler {

  // SVG 1.1 and SVG 2 elements; anything else is not drawn by an SVG renderer, and HTML elements among it
  // could escape an inline <svg> when the page around it is parsed.
  private static final Set<String> SVG_ELEMENTS = Set.of(
      "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "a", "view", "style",
      "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textpath", "tref",
      "lineargradient", "radialgradient", "stop", "pattern", "clippath", "mask", "marker", "filter", "image",
      "animate", "animatemotion", "animatetransform", "set", "mpath",
      "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
      "fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca",
      "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode", "femorphology",
      "feoffset", "fepointlight", "fespecularlighting", "fespotlight", "fetile", "feturbulence");

  private static final Set<String> FETCHING_ELEMENTS = Set.of("image", "feimage", "use");
  private static final Set<String> ANIMATIONS = Set.of("animate", "animatemotion", "animatetransform", "set");

  /**
   * An open element. A style sheet is written to its own buffer so it can be dropped once it has been seen;
   * every frame knows where its content goes and which style sheet it is in, so nothing walks the stack.
   */
  private static final class Frame {
    final String name;
    final StringBuilder out;
    final StringBuilder styleText;
    final boolean isStyle;
    boolean empty = true;

    Frame(String name, Frame parent, StringBuilder result, boolean isStyle) {
      this.name = name;
      this.isStyle = isStyle;
      this.out = isStyle ? new StringBuilder() : parent == null ? result : parent.out;
      this.styleText = isStyle ? new StringBuilder() : parent == null ? null : parent.styleText;
    }
  }

  private final StringBuilder result = new StringBuilder();
  private final Deque<Frame> open = new ArrayDeque<>();
  private Locator locator;
  private boolean rootSeen;
  private int skipDepth;

  String result() {
    return result.toString();
  }

  @Override
  public void setDocumentLocator(Locator locator) {
    this.locator = locator;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes)
      throws SAXException {
    String name = localPart(qName);
    if (!rootSeen) {
      rootSeen = true;
      if (!name.equals("svg")) {
        throw new SAXParseException("expected <svg> as the outermost element, found <" + qName + ">", locator);
      }
    }
    if (skipDepth > 0 || !isKept(name, attributes)) {
      skipDepth++;
      return;
    }
    startContent();
    Frame frame = new Frame(qName, open.peek(), result, name.equals("style"));
    open.push(frame);
    StringBuilder out = frame.out;
    out.append('<').append(qName);
    for (int i = 0; i < attributes.getLength(); i++) {
      String attribute = attributes.getQName(i);
      String value = attributes.getValue(i);
      if (isKept(attribute, value)) {
        out.append(' ').append(attribute).append("=\"");
        escape(value, true, out);
        out.append('"');
      }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    Frame frame = open.pop();
    frame.out.append(frame.empty ? "/>" : "</" + frame.name + ">");
    if (frame.isStyle && Css.isSafeStyle(frame.styleText.toString())) {
      out().append(frame.out);
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) {
    if (skipDepth > 0 || open.isEmpty()) {
      return;
    }
    startContent();
    String text = new String(ch, start, length);
    escape(text, false, out());
    if (open.peek().styleText != null) {
      open.peek().styleText.append(text);
    }
  }

  @Override
  public void error(SAXParseException e) throws SAXException {
    throw e;
  }

  private static boolean isKept(String element, Attributes attributes) {
    if (!SVG_ELEMENTS.contains(element)) {
      return false;
    }
    for (int i = 0; i < attributes.getLength(); i++) {
      String attribute = localPart(attributes.getQName(i));
      String value = attributes.getValue(i);
      if (FETCHING_ELEMENTS.contains(element) && attribute.equals("href") && !isLocal(value)) {
        return false;
      }
      if (ANIMATIONS.contains(element) && attribute.equals("attributename")) {
        String target = localPart(value.strip());
        if (target.equals("href") || target.startsWith("on")) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isKept(String attribute, String value) {
    if (attribute.equals("xmlns") || attribute.startsWith("xmlns:")) {
      return true;
    }
    String name = localPart(attribute);
    if (name.startsWith("on") || (name.equals("href") && !isLocal(value)) || Css.hasExternalUrl(value)) {
      return false;
    }
    return !name.equals("style") || Css.isSafeStyle(value);
  }

  private static boolean isLocal(String href) {
    return href.strip().startsWith("#");
  }

  /** The lower-case name without its prefix: browsers match names case-insensitively inside HTML. */
  private static String localPart(String qName) {
    return qName.substring(qName.indexOf(':') + 1).toLowerCase(Locale.ROOT);
  }

  // An element turns from "<x .../>" into "<x ...>...</x>" once it gets content.
  private void startContent() {
    Frame parent = open.peek();
    if (parent != null && parent.empty) {
      out().append('>');
      parent.empty = false;
    }
  }

  private StringBuilder out() {
    return open.isEmpty() ? result : open.peek().out;
  }

  // Line ends and tabs are escaped so that parsing the output again gives back exactly the same values.
  private static void escape(String text, boolean attribute, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\r' -> out.append("&#13;");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> out.append(c);
      }
    }
  }
}
