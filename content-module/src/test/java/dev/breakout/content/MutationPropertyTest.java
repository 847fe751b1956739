package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MutationPropertyTest {

  private static final int CASES = 3000;
  // Characters that change Markdown or SVG structure, plus text the parser must carry: Korean, an emoji half.
  private static final String PALETTE = "#*-_()[]<>:\"`'>&;/\\1234567890 \n\t분실습토론발표성과사례\uD83D\uDCDA\uD83D\u0000";

  @Test
  @DisplayName("Parsing random truncations and line or character mutations of Session 7 only ever throws ContentException")
  void mutationsNeverCrashTheParser() {
    String original = Documents.session7();
    Random random = new Random(20240607L);
    int parsed = 0;
    for (int i = 0; i < CASES; i++) {
      String mutated = mutate(original, random);
      try {
        Session session = SessionParser.parse(mutated, "mutant.md");
        SessionJson.toJson(session);
        parsed++;
      } catch (ContentException expected) {
        // Plain checks: AssertJ per case would dominate the run time.
        if (expected.problems().isEmpty() || expected.problems().stream().anyMatch(p -> p.line() < 1)) {
          fail("case " + i + " was refused without line-numbered problems: " + expected.problems());
        }
      } catch (RuntimeException | StackOverflowError e) {
        fail("case " + i + " threw " + e + " for:\n" + mutated, e);
      }
    }
    // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
    assertThat(parsed).isBetween(1, CASES - 1);
  }

  private static String mutate(String text, Random random) {
    String result = text;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations; m++) {
      result = switch (random.nextInt(5)) {
        case 0 -> result.substring(0, random.nextInt(result.length() + 1));
        case 1 -> editLines(result, random, false);
        case 2 -> editLines(result, random, true);
        case 3 -> replaceChar(result, random);
        default -> insertChar(result, random);
      };
    }
    return result;
  }

  private static String editLines(String text, Random random, boolean duplicate) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int at = random.nextInt(lines.size());
    if (duplicate) {
      lines.add(at, lines.get(at));
    } else {
      lines.remove(at);
    }
    return String.join("\n", lines);
  }

  private static String replaceChar(String text, Random random) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    return text.substring(0, at) + PALETTE.charAt(random.nextInt(PALETTE.length())) + text.substring(at + 1);
  }

  private static String insertChar(String text, Random random) {
    int at = random.nextInt(text.length() + 1);
    return text.substring(0, at) + PALETTE.charAt(random.nextInt(PALETTE.length())) + text.substring(at);
  }
}
