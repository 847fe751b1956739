package dev.breakout.content.cli;

import dev.breakout.content.Exercise;
import dev.breakout.content.Session;
import java.util.stream.Collectors;

/** The short human report the CLI prints for a good document. */
final class Summary {

  private Summary() {}

  static String of(Session s, String file) {
    StringBuilder out = new StringBuilder();
    out.append(s.title()).append('\n');
    out.append("id: ").append(s.id()).append(" (week ").append(s.position().week()).append(", day ")
        .append(s.position().day()).append(", session ").append(s.position().session()).append(")\n\n");
    out.append("Sections (minutes):\n");
    for (Session.Section section : s.sections()) {
      out.append(String.format("  %4s  %s%n", section.minutes() == null ? "-" : section.minutes(), section.title()));
    }
    out.append(String.format("  %4d  total%n%n", s.sectionMinutesTotal()));
    out.append("Objectives: ").append(s.objectives().size()).append('\n');
    out.append("Case studies: ").append(s.caseStudies().size());
    if (!s.caseStudies().isEmpty()) {
      out.append(" (").append(s.caseStudies().stream().map(Session.CaseStudy::company)
          .collect(Collectors.joining(", "))).append(')');
    }
    out.append('\n');
    out.append("Failure cases: ").append(s.failureCases().size())
        .append(", success factors: ").append(s.successFactors().size()).append('\n');
    out.append("Diagrams: ").append(s.diagrams().size())
        .append(", references: ").append(s.references().size()).append("\n\n");
    exercise(s.exercise(), out);
    out.append('\n');
    if (s.warnings().isEmpty()) {
      out.append("Warnings: none\n");
    } else {
      out.append("Warnings: ").append(s.warnings().size()).append('\n');
      s.warnings().forEach(w -> out.append("  ").append(file).append(':').append(w.line()).append(": ")
          .append(w.message()).append('\n'));
    }
    return out.toString();
  }

  private static void exercise(Exercise e, StringBuilder out) {
    out.append("Exercise: ").append(e.title());
    if (e.minutes() != null) {
      out.append(" (").append(e.minutes()).append(" minutes)");
    }
    out.append('\n');
    out.append("  Phases: ").append(e.phases().size()).append('\n');
    for (Exercise.Phase phase : e.phases()) {
      out.append(String.format("    %-7s %3d  %-12s  %s%n", phase.id(), phase.minutes(), phase.kind().json(),
          phase.title()));
    }
    out.append("  Prompts: ").append(e.prompts().size()).append('\n');
    for (Exercise.Prompt prompt : e.prompts()) {
      out.append(String.format("    %-7s %-5s  %s%n", prompt.id(), prompt.kind().json(),
          prompt.text().replace('\n', ' ')));
    }
    out.append("  Given conditions: ").append(e.conditions().size()).append('\n');
  }
}
