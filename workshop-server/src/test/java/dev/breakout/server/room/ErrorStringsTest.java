package dev.breakout.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web client words every error the server can send from js/lib/strings.js (whose tables are
 * strings-ko-*.js and strings-en-*.js): each code as {@code error.<code>} and each reason as
 * {@code reason.<reason>}, in Korean and in English, with no placeholder the server does not fill
 * (docs/protocol.md, "Errors").
 */
class ErrorStringsTest {
  private static final Pattern ENTRY = Pattern.compile("^\\s*'([^']+)':\\s*(['\"])(.*)\\2,\\s*$", Pattern.MULTILINE);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private static java.util.Map<String, String> korean;
  private static java.util.Map<String, String> english;

  @BeforeAll
  static void readStrings() throws IOException {
    korean = entries(table("ko"));
    english = entries(table("en"));
  }

  /** One language's strings: strings.js puts them together from js/lib/strings-{lang}-*.js. */
  private static String table(String lang) throws IOException {
    StringBuilder js = new StringBuilder();
    for (String part : List.of("pages", "exercise", "errors")) {
      String file = "webroot/js/lib/strings-" + lang + "-" + part + ".js";
      try (InputStream in = ErrorStringsTest.class.getClassLoader().getResourceAsStream(file)) {
        assertThat(in).as(file + " on the classpath").isNotNull();
        js.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    return js.toString();
  }

  private static java.util.Map<String, String> entries(String table) {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    Matcher m = ENTRY.matcher(table);
    while (m.find()) {
      map.put(m.group(1), m.group(3));
    }
    return map;
  }

  @Test
  @DisplayName("every error code the server sends has a Korean and an English string")
  void everyCodeIsWorded() {
    List<String> missing = new ArrayList<>();
    for (ErrorCode code : ErrorCode.values()) {
      String key = "error." + code.wire();
      if (!korean.containsKey(key)) {
        missing.add("ko " + key);
      }
      if (!english.containsKey(key)) {
        missing.add("en " + key);
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("every reason has a Korean and an English string that uses only the reason's parameters")
  void everyReasonIsWorded() {
    List<String> problems = new ArrayList<>();
    for (Reason reason : Reason.values()) {
      String key = "reason." + reason.wire();
      Set<String> params = placeholders(reason.template());
      for (var table : List.of(java.util.Map.entry("ko", korean), java.util.Map.entry("en", english))) {
        String text = table.getValue().get(key);
        if (text == null) {
          problems.add(table.getKey() + " " + key + " is missing");
        } else if (!params.containsAll(placeholders(text))) {
          problems.add(table.getKey() + " " + key + " uses " + placeholders(text) + ", the server fills " + params);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  @DisplayName("the short-slots warning of an ack has a Korean and an English string")
  void warningsAreWorded() {
    assertThat(korean).containsKey("warning.short-slots");
    assertThat(english).containsKey("warning.short-slots");
  }

  @Test
  @DisplayName("reasons' wire names are distinct and a message fills its parameters")
  void wireNamesAndMessages() {
    Set<String> names = new TreeSet<>();
    for (Reason reason : Reason.values()) {
      assertThat(names.add(reason.wire())).as(reason.wire()).isTrue();
    }
    Rejection r = Rejection.of(Reason.TEXT_TOO_LONG, "field", "card", "max", 500);
    assertThat(r.code()).isEqualTo(ErrorCode.TOO_LONG);
    assertThat(r.reason().wire()).isEqualTo("text-too-long");
    assertThat(r.message()).isEqualTo("The card is too long: at most 500 characters.");
  }

  private static Set<String> placeholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
