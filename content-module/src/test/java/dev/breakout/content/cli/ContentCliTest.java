package dev.breakout.content.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.SessionJson;
import dev.breakout.content.SessionParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The content CLI")
class ContentCliTest {

  private static final Path SESSION7 = Path.of("src/main/resources/content/week1-day1-session7.md");

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ContentCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("prints a summary of a good document and exits 0")
  void summary() {
    assertThat(run(SESSION7.toString())).isZero();
    assertThat(out()).startsWith("DevOps 성공 사례 분석\nid: week1-day1-session7 (week 1, day 1, session 7)\n")
        .contains("    25  1. 글로벌 기업 성공 사례\n", "     -  다음 세션 예고\n", "    55  total\n",
            "Case studies: 6 (Netflix, Amazon, Google, 카카오, 네이버, 우아한형제들)",
            "Failure cases: 3, success factors: 4", "Exercise: 사례 분석 (7 minutes)",
            "phase1    5  discussion    그룹 토론", "p3      steps  단계별 로드맵 수립", "Warnings: none");
    assertThat(err()).isEmpty();
  }

  @Test
  @DisplayName("prints exactly the SessionJson of the document with --json")
  void json() throws Exception {
    assertThat(run("--json", SESSION7.toString())).isZero();
    String expected = SessionJson.toJson(SessionParser.parse(Files.readString(SESSION7), "x"));
    assertThat(out()).isEqualTo(expected);
  }

  @Test
  @DisplayName("prints every problem of a broken document as FILE:LINE: message on stderr and exits 1")
  void errors() throws IOException {
    Path file = dir.resolve("broken.md");
    Files.writeString(file, "# Session 1: x\n\n## 학습 목표 (분)\n- a\n");
    assertThat(run(file.toString())).isEqualTo(1);
    assertThat(out()).isEmpty();
    assertThat(err().lines()).containsExactly(
        file + ":1: no position: expected a section ## 📍 교과과정에서의 위치 containing **Week W > Day D > Session S**",
        file + ":1: no exercise: expected a section ## 실습: title (N분)",
        file + ":3: cannot read the minute budget '(분)': expected (N분) with N a whole number of minutes from 1 to"
            + " 1440, e.g. (25분)");
  }

  @Test
  @DisplayName("lists warnings with their line in the summary")
  void warnings() throws IOException {
    Path file = dir.resolve("warn.md");
    Files.writeString(file, Files.readString(SESSION7).replace("### 발표 및 피드백 (2분)", "### 발표 및 피드백 (3분)"));
    assertThat(run(file.toString())).isZero();
    assertThat(out()).contains("Warnings: 1\n  " + file + ":163: the phases add up to 8 minutes but the exercise is"
        + " given 7 minutes\n");
  }

  @Test
  @DisplayName("exits 2 with the usage when no file is given")
  void noFile() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("no FILE given", "usage: java -jar content-module.jar [--json] FILE");
  }

  @Test
  @DisplayName("exits 2 when the file cannot be read")
  void unreadable() {
    assertThat(run(dir.resolve("missing.md").toString())).isEqualTo(2);
    assertThat(err()).contains("cannot read", "no such file");
  }

  @Test
  @DisplayName("exits 2 on an unknown option")
  void unknownOption() {
    assertThat(run("--yaml", SESSION7.toString())).isEqualTo(2);
    assertThat(err()).contains("unknown option --yaml");
  }
}
