package dev.breakout.server.config;

import java.util.List;

/** The configuration cannot be used; the message lists every problem, one a line. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  ConfigException(List<String> problems) {
    super("Invalid configuration / 설정 오류:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
