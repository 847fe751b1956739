package dev.breakout.content;

import java.util.List;

/**
 * One course session document, parsed: everything the document says, immutable.
 *
 * @param id                  stable id from the curriculum position, e.g. {@code week1-day1-session7}
 * @param sectionMinutesTotal the sum of the section budgets that were given
 */
public record Session(
    String id,
    String title,
    Position position,
    String introduction,
    List<Section> sections,
    int sectionMinutesTotal,
    List<String> objectives,
    List<CaseStudy> caseStudies,
    List<FailureCase> failureCases,
    List<String> successFactors,
    Exercise exercise,
    List<Diagram> diagrams,
    String nextSession,
    List<Reference> references,
    List<Warning> warnings) {

  public Session {
    sections = List.copyOf(sections);
    objectives = List.copyOf(objectives);
    caseStudies = List.copyOf(caseStudies);
    failureCases = List.copyOf(failureCases);
    successFactors = List.copyOf(successFactors);
    diagrams = List.copyOf(diagrams);
    references = List.copyOf(references);
    warnings = List.copyOf(warnings);
  }

  public record Position(int week, int day, int session) {}

  /** A {@code ##} section; {@code minutes} is null when the heading gives no budget. */
  public record Section(String title, Integer minutes) {}

  public record CaseStudy(
      String company, String subtitle, String group, List<Subsection> subsections, List<Metric> metrics) {
    public CaseStudy {
      subsections = List.copyOf(subsections);
      metrics = List.copyOf(metrics);
    }
  }

  public record Subsection(String title, List<String> items) {
    public Subsection {
      items = List.copyOf(items);
    }
  }

  public record Metric(String label, String value) {}

  public record FailureCase(String title, String example, String problem, String cause, String lesson) {}

  public record Diagram(String title, String svg) {}

  public record Reference(String title, String url) {}

  /** Something the author should look at that does not stop the document from being used. */
  public record Warning(int line, String message) {}
}
