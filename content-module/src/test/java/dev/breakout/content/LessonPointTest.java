package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LessonPointTest {

  @Test
  @DisplayName("Session 7's lesson points: failure cases, success factors, case studies and their practices, by position")
  void session7LessonPoints() {
    List<LessonPoint> points = LessonPoint.of(Documents.parse(Documents.session7()));

    assertThat(points).filteredOn(p -> p.kind().equals(LessonPoint.FAILURE_CASE))
        .extracting(LessonPoint::id, LessonPoint::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("failure-1", "문화적 저항"),
            org.assertj.core.groups.Tuple.tuple("failure-2", "과도한 자동화"),
            org.assertj.core.groups.Tuple.tuple("failure-3", "모니터링 부족"));
    assertThat(points.get(0).text()).isEqualTo("문화적 저항\n개발팀과 운영팀의 갈등\n기존 프로세스 고수, 책임 회피\n"
        + "문화 변화가 기술보다 중요");
    assertThat(points).filteredOn(p -> p.kind().equals(LessonPoint.SUCCESS_FACTOR))
        .extracting(LessonPoint::id, LessonPoint::title, LessonPoint::text)
        .startsWith(org.assertj.core.groups.Tuple.tuple("success-1", "경영진 지원", "경영진 지원: 충분한 리소스와 시간 투자"))
        .hasSize(4);
    assertThat(points).filteredOn(p -> p.kind().equals(LessonPoint.CASE_STUDY))
        .extracting(LessonPoint::id)
        .containsExactly("case-1", "case-2", "case-3", "case-4", "case-5", "case-6");
    // Netflix: 배경 and 주요 성과 are not practices; 핵심 원칙's three items are.
    assertThat(points).filteredOn(p -> p.id().startsWith("case-1-"))
        .extracting(LessonPoint::id, LessonPoint::kind, LessonPoint::title)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("case-1-1", "practice", "You Build It, You Run It: 개발팀이 운영까지 책임"),
            org.assertj.core.groups.Tuple.tuple("case-1-2", "practice", "Freedom & Responsibility: 자율성과 책임감"),
            org.assertj.core.groups.Tuple.tuple("case-1-3", "practice", "Chaos Engineering: 장애를 통한 시스템 강화"));
    assertThat(points).extracting(LessonPoint::id).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("A document without failure cases or success factors has only its case studies as lesson points")
  void documentWithoutFailureCases() {
    Session session = Documents.parse(Documents.resource("/samples/week2-day3-session4.md"));
    List<LessonPoint> points = LessonPoint.of(session);

    assertThat(session.failureCases()).isEmpty();
    assertThat(points).extracting(LessonPoint::kind).containsOnly(LessonPoint.CASE_STUDY, LessonPoint.PRACTICE);
    assertThat(points).filteredOn(p -> p.kind().equals(LessonPoint.CASE_STUDY)).extracting(LessonPoint::id)
        .containsExactly("case-1", "case-2", "case-3");
  }

  @Test
  @DisplayName("The minimal document has no lesson points")
  void minimalDocumentHasNone() {
    assertThat(LessonPoint.of(Documents.parse(Documents.MINIMAL))).isEmpty();
  }
}
