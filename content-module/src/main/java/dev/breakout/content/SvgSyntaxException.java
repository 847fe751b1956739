package dev.breakout.content;

/** An SVG that is not a well-formed SVG document; {@link #line()} is 1-based within the SVG text, 0 if unknown. */
final class SvgSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final String reason;

  SvgSyntaxException(int line, String reason) {
    super(line > 0 ? "line " + line + " of the svg: " + reason : reason);
    this.line = line;
    this.reason = reason;
  }

  int line() {
    return line;
  }

  String reason() {
    return reason;
  }
}
