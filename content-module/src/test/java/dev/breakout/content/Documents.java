package dev.breakout.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test documents: the bundled Session 7, the samples, and a minimal document to break in one place at a time. */
final class Documents {

  /**
   * The smallest document the conventions accept. Lines: 1 title, 3 position heading, 4 position, 6 objectives
   * heading, 7 objective, 9 exercise heading, 11 scenario heading, 12 scenario, 14 discussion phase, 15 prompt,
   * 17 presentation phase.
   */
  static final String MINIMAL = """
      # Session 1: 최소 예시

      ## 📍 교과과정에서의 위치
      이 세션은 **Week 1 > Day 2 > Session 1**입니다.

      ## 학습 목표 (5분)
      - 형식 익히기

      ## 실습: 첫 토론 (10분)

      ### 시나리오 분석
      "팀이 처음 만났습니다."

      ### 그룹 토론 (7분)
      1. 서로에게 묻고 싶은 것은?

      ### 발표 (3분)
      """;

  private Documents() {}

  static String session7() {
    return resource("/content/week1-day1-session7.md");
  }

  static String resource(String path) {
    try (InputStream in = Documents.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Session parse(String markdown) {
    try {
      return SessionParser.parse(markdown, "test.md");
    } catch (ContentException e) {
      throw new AssertionError("expected the document to parse, got:\n" + e.getMessage(), e);
    }
  }

  /** The problems of a document that must not parse. */
  static List<Problem> problems(String markdown) {
    try {
      Session session = SessionParser.parse(markdown, "test.md");
      throw new AssertionError("expected the document to be refused, but it parsed to " + session.id());
    } catch (ContentException e) {
      return e.problems();
    }
  }
}
