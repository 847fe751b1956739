package dev.breakout.content;

import java.util.ArrayList;
import java.util.List;

/**
 * A point of the session's teaching content that a group's answer can speak to, derived from the document's
 * structure only (see docs/content-format.md, "Lesson points"): the failure cases, the success factors, the case
 * studies and their practices.
 *
 * @param id    stable within a document: {@code failure-N}, {@code success-N}, {@code case-N}, {@code case-N-M}
 * @param kind  {@code failure-case}, {@code success-factor}, {@code case-study} or {@code practice}
 * @param title the name to show: a failure case's title, a success factor's label, a case study's heading, a
 *              practice's whole item
 * @param text  the document's own words for this point, which answers are matched against
 */
public record LessonPoint(String id, String kind, String title, String text) {

  public static final String FAILURE_CASE = "failure-case";
  public static final String SUCCESS_FACTOR = "success-factor";
  public static final String CASE_STUDY = "case-study";
  public static final String PRACTICE = "practice";

  /** Subsections whose title holds one of these are not practices: the results and the background of a case. */
  private static final List<String> NOT_PRACTICES = List.of("성과", "배경");

  /** The lesson points of a session in document order: failure cases, success factors, case studies and practices. */
  public static List<LessonPoint> of(Session session) {
    List<LessonPoint> points = new ArrayList<>();
    int n = 0;
    for (Session.FailureCase failure : session.failureCases()) {
      n++;
      points.add(new LessonPoint("failure-" + n, FAILURE_CASE, failure.title(),
          String.join("\n", failure.title(), failure.problem(), failure.cause(), failure.lesson())));
    }
    n = 0;
    for (String factor : session.successFactors()) {
      n++;
      points.add(new LessonPoint("success-" + n, SUCCESS_FACTOR, labelOf(factor), factor));
    }
    n = 0;
    for (Session.CaseStudy study : session.caseStudies()) {
      n++;
      String title = study.subtitle() == null ? study.company() : study.company() + ": " + study.subtitle();
      points.add(new LessonPoint("case-" + n, CASE_STUDY, title, title));
      int m = 0;
      for (Session.Subsection subsection : study.subsections()) {
        if (subsection.title() != null && NOT_PRACTICES.stream().anyMatch(subsection.title()::contains)) {
          continue;
        }
        for (String item : subsection.items()) {
          m++;
          // The whole item: a practice's label alone ("정의", "초기") often says nothing without its text.
          points.add(new LessonPoint("case-" + n + "-" + m, PRACTICE, item, item));
        }
      }
    }
    return List.copyOf(points);
  }

  /** "경영진 지원: 충분한 리소스" is named by its label "경영진 지원"; an item without a label by itself. */
  private static String labelOf(String item) {
    int colon = item.indexOf(": ");
    return colon > 0 ? item.substring(0, colon).strip() : item.strip();
  }
}
