package dev.breakout.content;

import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers and nulls as pretty-printed JSON (two-space indent), the
 * exact shape the golden files and the CLI show.
 */
final class Json {

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, out);
    return out.append('\n').toString();
  }

  private static void write(Object value, int depth, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(text, out);
    } else if (value instanceof Number number) {
      out.append(number);
    } else if (value instanceof Map<?, ?> map) {
      object(map, depth, out);
    } else if (value instanceof List<?> list) {
      array(list, depth, out);
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void object(Map<?, ?> map, int depth, StringBuilder out) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    String separator = "\n";
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.append(separator);
      indent(depth + 1, out);
      string((String) entry.getKey(), out);
      out.append(": ");
      write(entry.getValue(), depth + 1, out);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth, out);
    out.append('}');
  }

  private static void array(List<?> list, int depth, StringBuilder out) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    String separator = "\n";
    for (Object item : list) {
      out.append(separator);
      indent(depth + 1, out);
      write(item, depth + 1, out);
      separator = ",\n";
    }
    out.append('\n');
    indent(depth, out);
    out.append(']');
  }

  private static void indent(int depth, StringBuilder out) {
    out.append("  ".repeat(depth));
  }

  /**
   * Text outside the Basic Multilingual Plane is written as-is when its surrogate pair is whole (valid UTF-8);
   * control characters (C0, DEL, C1), the JavaScript line separators and unpaired surrogates are escaped, so the
   * output is valid JSON that survives any UTF-8 channel and can be pasted into a script.
   */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
              || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
