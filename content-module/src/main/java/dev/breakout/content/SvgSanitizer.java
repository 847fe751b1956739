package dev.breakout.content;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Makes an author's SVG safe to inline into a page: nothing in it can run code or make the browser fetch
 * anything, while everything that draws stays exactly as written (attribute order, whitespace, text).
 *
 * <p>Dropped: {@code <script>}, {@code <foreignObject>} and every element that is not an SVG element (an HTML
 * element inside an inline SVG can break out of it when the page is parsed); every {@code on*} attribute; every
 * {@code href}/{@code xlink:href} that does not point to a {@code #id} in the document; {@code <image>},
 * {@code <feImage>} and {@code <use>} that point outside; animations that would set an {@code href} or handler;
 * attribute values and style sheets with {@code url(...)} to anything but a {@code #id}; comments and processing
 * instructions (an XML comment such as {@code <!-->...} ends early in HTML).
 */
public final class SvgSanitizer {

  private SvgSanitizer() {}

  /**
   * Returns the sanitised SVG markup (no XML declaration, starting at the {@code <svg>} element).
   *
   * @throws IllegalArgumentException when the text is not a well-formed SVG document (a DOCTYPE is refused);
   *     the message names the line within the SVG text
   */
  public static String sanitize(String svg) {
    if (svg.isBlank()) {
      throw new SvgSyntaxException(0, "the block is empty: expected an <svg> element");
    }
    SvgWriter writer = new SvgWriter();
    try {
      XMLReader reader = newReader();
      reader.setContentHandler(writer);
      reader.setErrorHandler(writer);
      reader.parse(new InputSource(new StringReader(svg)));
    } catch (SAXParseException e) {
      throw new SvgSyntaxException(e.getLineNumber(), reason(e));
    } catch (SAXException | IOException e) {
      throw new SvgSyntaxException(0, String.valueOf(e.getMessage()));
    }
    return writer.result();
  }

  private static String reason(SAXParseException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("DOCTYPE") ? "a DOCTYPE is not allowed in a diagram" : message;
  }

  /**
   * The JDK's own parser, locked down: no DOCTYPE at all (so no entity can be defined, expanded or fetched), no
   * external DTD or schema access. Namespace processing is off because hand-written inline SVG often uses
   * {@code xlink:href} without declaring the prefix, which browsers accept; names are judged by their local part.
   */
  private static XMLReader newReader() throws SAXException {
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(false);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      SAXParser parser = factory.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return parser.getXMLReader();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be configured safely", e);
    }
  }
}
