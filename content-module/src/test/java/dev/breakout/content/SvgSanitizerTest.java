package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The SVG sanitiser")
class SvgSanitizerTest {

  private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\">";

  private static String clean(String inner) {
    return SvgSanitizer.sanitize(OPEN + inner + "</svg>");
  }

  @Test
  @DisplayName("gives back a harmless SVG unchanged: attribute order, whitespace, self-closing tags and entities")
  void harmlessUnchanged() {
    String svg = OPEN + "\n  <g id=\"a\"><rect y=\"2\" x=\"1\" fill=\"url(#grad)\"/>\n  <text>A &amp; B &lt; C 한글</text></g>\n</svg>";
    assertThat(SvgSanitizer.sanitize(svg)).isEqualTo(svg);
  }

  @Test
  @DisplayName("removes script elements with their content, in any letter case")
  void script() {
    assertThat(clean("<script>alert(1)</script><SCRIPT>alert(2)</SCRIPT><rect/>")).isEqualTo(OPEN + "<rect/></svg>");
  }

  @Test
  @DisplayName("removes foreignObject and every element that is not SVG, such as HTML that could escape the svg")
  void foreignContent() {
    assertThat(clean("<foreignObject><div>x</div></foreignObject><p>y</p><iframe src=\"http://e\"/><rect/>"))
        .isEqualTo(OPEN + "<rect/></svg>");
  }

  @Test
  @DisplayName("removes every on* event attribute and keeps the others")
  void eventHandlers() {
    assertThat(clean("<rect onclick=\"a()\" x=\"1\" ONLOAD=\"b()\" onmouseover=\"c()\"/>"))
        .isEqualTo(OPEN + "<rect x=\"1\"/></svg>");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "<a href=\"http://evil.example/\"><text>t</text></a>|<a><text>t</text></a>",
      "<a xlink:href=\"javascript:alert(1)\"><text>t</text></a>|<a><text>t</text></a>",
      "<a href=\"#local\"><text>t</text></a>|<a href=\"#local\"><text>t</text></a>",
      "<image href=\"http://evil.example/x.png\"/><rect/>|<rect/>",
      "<image xlink:href=\"data:image/png;base64,AAAA\"/><rect/>|<rect/>",
      "<use xlink:href=\"http://evil.example/s.svg#i\"/><use href=\"#i\"/>|<use href=\"#i\"/>",
      "<feImage href=\"http://evil.example/\"/><rect/>|<rect/>",
      "<set attributeName=\"href\" to=\"javascript:alert(1)\"/><rect/>|<rect/>",
      "<animate attributeName=\"onclick\" values=\"x\"/><rect/>|<rect/>",
  })
  @DisplayName("removes links and references that point outside the document, keeps #id ones")
  void externalReferences(String inner, String expected) {
    assertThat(clean(inner)).isEqualTo(OPEN + expected + "</svg>");
  }

  @Test
  @DisplayName("removes attribute values and style attributes that load a url() from outside, keeps url(#id)")
  void cssUrls() {
    assertThat(clean("<rect fill=\"url(http://e/p)\" stroke=\"url( '#s' )\" style=\"fill: URL(//e/x)\"/>"
        + "<circle style=\"fill:url(#g)\" mask=\"url(https://e/m)\"/>"))
        .isEqualTo(OPEN + "<rect stroke=\"url( '#s' )\"/><circle style=\"fill:url(#g)\"/></svg>");
  }

  @Test
  @DisplayName("removes a style sheet that imports or loads from outside and keeps a self-contained one")
  void styleSheets() {
    assertThat(clean("<style>@import 'http://e/a.css';</style><style>.a{fill:url(http://e/p)}</style>"
        + "<style>.b { fill: red } a &gt; b {}</style>"))
        .isEqualTo(OPEN + "<style>.b { fill: red } a &gt; b {}</style></svg>");
  }

  @Test
  @DisplayName("drops comments, which could end early when the SVG is inlined into HTML")
  void comments() {
    assertThat(clean("<!--><img src=x onerror=alert(1)>--><rect/>")).isEqualTo(OPEN + "<rect/></svg>");
  }

  @Test
  @DisplayName("gives the same result when applied to its own output")
  void idempotent() {
    String hostile = Documents.parse(Documents.resource("/samples/week3-day5-session2.md")).diagrams().get(0).svg();
    assertThat(SvgSanitizer.sanitize(hostile)).isEqualTo(hostile);
    String session7 = Documents.parse(Documents.session7()).diagrams().get(0).svg();
    assertThat(SvgSanitizer.sanitize(session7)).isEqualTo(session7);
  }

  @Test
  @DisplayName("refuses a DOCTYPE, so no external entity is ever resolved")
  void doctypeRefused() {
    assertThatThrownBy(() -> SvgSanitizer.sanitize(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" + OPEN + "&x;</svg>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 2 of the svg: a DOCTYPE is not allowed in a diagram");
  }

  @Test
  @DisplayName("refuses text that is not well-formed XML, naming the line")
  void malformed() {
    assertThatThrownBy(() -> SvgSanitizer.sanitize(OPEN + "\n<rect>\n</svg>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("line 3 of the svg: ");
  }

  @Test
  @DisplayName("refuses a document whose outermost element is not svg")
  void notSvg() {
    assertThatThrownBy(() -> SvgSanitizer.sanitize("<html><script/></html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line 1 of the svg: expected <svg> as the outermost element, found <html>");
  }
}
