package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SampleDocumentsTest {

  @Nested
  @DisplayName("The sample with three case-study groups, four prompts and three phases")
  class ThreeGroups {

    private final Session session = Documents.parse(Documents.resource("/samples/week2-day3-session4.md"));

    @Test
    @DisplayName("takes its id and position from Week 2 > Day 3 > Session 4")
    void position() {
      assertThat(session.id()).isEqualTo("week2-day3-session4");
      assertThat(session.position()).isEqualTo(new Session.Position(2, 3, 4));
      assertThat(session.title()).isEqualTo("컨테이너 오케스트레이션 도입 사례");
    }

    @Test
    @DisplayName("keeps both paragraphs of the position section as the introduction")
    void introduction() {
      assertThat(session.introduction()).isEqualTo("이 세션은 Week 2 > Day 3 > Session 4입니다.\n\n세 분야의 도입 방식을 비교합니다.");
    }

    @Test
    @DisplayName("puts each case study in the group of its own numbered section")
    void groups() {
      assertThat(session.caseStudies()).extracting(Session.CaseStudy::company, Session.CaseStudy::group)
          .containsExactly(tuple("토스", "스타트업 사례"), tuple("정부24", "공공기관 사례"), tuple("가상은행 K", "금융권 사례"));
    }

    @Test
    @DisplayName("treats a case-study heading without a colon as the company alone, with no subtitle")
    void noSubtitle() {
      assertThat(session.caseStudies()).extracting(Session.CaseStudy::subtitle).containsExactly(null, "클라우드 전환", null);
    }

    @Test
    @DisplayName("keeps text before the first #### of a case study as an untitled subsection")
    void leadingText() {
      assertThat(session.caseStudies().get(0).subsections().get(0))
          .isEqualTo(new Session.Subsection(null, List.of("토스는 빠른 배포로 알려져 있습니다.")));
    }

    @Test
    @DisplayName("reads metrics with the colon inside or outside the bold label and keeps unlabelled items as items only")
    void metrics() {
      Session.CaseStudy toss = session.caseStudies().get(0);
      assertThat(toss.metrics()).containsExactly(
          new Session.Metric("배포 횟수", "하루 수십 번"), new Session.Metric("롤백 시간", "1분 이내"));
      assertThat(toss.subsections().get(2).items()).containsExactly("배포 횟수: 하루 수십 번", "롤백 시간: 1분 이내", "팀 만족도 향상");
    }

    @Test
    @DisplayName("flattens a nested list into items after its parent item")
    void nestedItems() {
      assertThat(session.caseStudies().get(2).subsections().get(0).items()).containsExactly("망 분리 규제", "내부망과 외부망의 분리");
    }

    @Test
    @DisplayName("has four prompts, the ones holding 단계 or 로드맵 of kind steps")
    void prompts() {
      assertThat(session.exercise().prompts()).extracting(Exercise.Prompt::id, Exercise.Prompt::kind).containsExactly(
          tuple("p1", Exercise.PromptKind.LIST), tuple("p2", Exercise.PromptKind.LIST),
          tuple("p3", Exercise.PromptKind.STEPS), tuple("p4", Exercise.PromptKind.STEPS));
    }

    @Test
    @DisplayName("has three phases in order, the one holding neither 토론 nor 발표 of kind other")
    void phases() {
      assertThat(session.exercise().phases()).containsExactly(
          new Exercise.Phase("phase1", "준비", 2, Exercise.PhaseKind.OTHER),
          new Exercise.Phase("phase2", "그룹 토론", 10, Exercise.PhaseKind.DISCUSSION),
          new Exercise.Phase("phase3", "발표", 3, Exercise.PhaseKind.PRESENTATION));
      assertThat(session.exercise().minutes()).isEqualTo(15);
    }

    @Test
    @DisplayName("reads a scenario written as a block quote with curly quotes, without the quotes")
    void scenario() {
      assertThat(session.exercise().scenario()).isEqualTo("지방 공공기관이 민원 시스템을 컨테이너로 옮기려고 합니다.");
      assertThat(session.exercise().conditions()).containsExactly("운영 인력 3명", "온프레미스 서버 10대");
    }

    @Test
    @DisplayName("has no failure cases, no diagram, no next-session preview and no warnings")
    void absentParts() {
      assertThat(session.failureCases()).isEmpty();
      assertThat(session.successFactors()).isEmpty();
      assertThat(session.diagrams()).isEmpty();
      assertThat(session.nextSession()).isNull();
      assertThat(session.warnings()).isEmpty();
      assertThat(session.sectionMinutesTotal()).isEqualTo(40);
      assertThat(session.references()).hasSize(2);
    }
  }

  @Nested
  @DisplayName("The sample with failure cases directly under the section and a hostile SVG")
  class HostileSvg {

    private final Session session = Documents.parse(Documents.resource("/samples/week3-day5-session2.md"));

    @Test
    @DisplayName("takes its id from Week 3 > Day 5 > Session 2 and reads a numbered objectives list")
    void position() {
      assertThat(session.id()).isEqualTo("week3-day5-session2");
      assertThat(session.objectives()).containsExactly("장애 대응 실패의 공통 원인 찾기");
      assertThat(session.sectionMinutesTotal()).isEqualTo(30);
    }

    @Test
    @DisplayName("reads failure cases whose labels are lines of one paragraph as well as bullets")
    void failureCases() {
      assertThat(session.failureCases()).containsExactly(
          new Session.FailureCase("알림 피로", "온라인 쇼핑몰 D사", "하루 수백 건의 알림", "임계값 없이 모든 지표에 알림",
              "알림은 행동할 수 있을 때만"),
          new Session.FailureCase("대시보드 과잉", "게임사 E사", "아무도 보지 않는 대시보드 200개", "목적 없는 수집",
              "질문에서 출발하는 지표"));
      assertThat(session.successFactors()).containsExactly("SLO 합의: 사용자 관점의 목표", "런북: 알림마다 대응 절차");
    }

    @Test
    @DisplayName("strips script, event handlers, external links, images and uses from the diagram")
    void hostileSvgStripped() {
      String svg = session.diagrams().get(0).svg();
      assertThat(svg).doesNotContain("<script", "alert", "onload", "onclick", "steal", "evil.example", "<image",
          "foreignObject", "<div");
    }

    @Test
    @DisplayName("keeps the local gradient fill, the local link, the local use and the text of the diagram")
    void localReferencesKept() {
      Session.Diagram diagram = session.diagrams().get(0);
      assertThat(diagram.title()).isEqualTo("아키텍처");
      assertThat(diagram.svg()).contains("fill=\"url(#g)\"", "<a href=\"#g\">", "<use href=\"#g\"/>",
          "<text x=\"10\" y=\"20\">외부 링크</text>", "모니터링 &amp; 알림", "<circle cx=\"50\" cy=\"50\" r=\"10\"/>");
    }

    @Test
    @DisplayName("has an exercise without given conditions and with two phases that add up")
    void exercise() {
      assertThat(session.exercise().conditions()).isEmpty();
      assertThat(session.exercise().phases()).extracting(Exercise.Phase::kind)
          .containsExactly(Exercise.PhaseKind.DISCUSSION, Exercise.PhaseKind.PRESENTATION);
      assertThat(session.exercise().prompts()).hasSize(2);
      assertThat(session.warnings()).isEmpty();
    }
  }
}
