package dev.breakout.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The bundled Session 7 document")
class BundledSessionTest {

  private static Session session;

  @BeforeAll
  static void parse() {
    session = Documents.parse(Documents.session7());
  }

  @Test
  @DisplayName("gets the id week1-day1-session7 from its curriculum position Week 1 > Day 1 > Session 7")
  void idAndPosition() {
    assertThat(session.id()).isEqualTo("week1-day1-session7");
    assertThat(session.position()).isEqualTo(new Session.Position(1, 1, 7));
  }

  @Test
  @DisplayName("has the title after 'Session 7:' in the # heading")
  void title() {
    assertThat(session.title()).isEqualTo("DevOps 성공 사례 분석");
  }

  @Test
  @DisplayName("keeps the prose of the position section as its introduction, bold markers removed")
  void introduction() {
    assertThat(session.introduction())
        .startsWith("이 세션은 Week 1 > Day 1 > Session 7로, 실제 기업들의 DevOps 도입 사례를 분석하여")
        .endsWith("DevOps 도입 시 주의할 점과 성공 요인을 이해합니다.");
  }

  @Test
  @DisplayName("reads the three learning objectives")
  void objectives() {
    assertThat(session.objectives()).containsExactly(
        "글로벌 기업의 DevOps 성공 사례 분석", "국내 기업의 DevOps 도입 사례 학습", "실패 사례를 통한 교훈 도출");
  }

  @Test
  @DisplayName("lists every ## section in order with its minute budget, null where the heading gives none")
  void sections() {
    assertThat(session.sections()).extracting(Session.Section::title, Session.Section::minutes).containsExactly(
        tuple("📍 교과과정에서의 위치", null),
        tuple("학습 목표", 5),
        tuple("1. 글로벌 기업 성공 사례", 25),
        tuple("2. 국내 기업 사례", 10),
        tuple("3. 실패 사례와 교훈", 8),
        tuple("실습: 사례 분석", 7),
        tuple("다음 세션 예고", null),
        tuple("📚 참고 자료", null));
  }

  @Test
  @DisplayName("adds the section budgets up to 55 minutes")
  void sectionTotal() {
    assertThat(session.sectionMinutesTotal()).isEqualTo(55);
  }

  @Test
  @DisplayName("has six case studies with company, subtitle and the group of the section they stand in")
  void caseStudies() {
    assertThat(session.caseStudies())
        .extracting(Session.CaseStudy::company, Session.CaseStudy::subtitle, Session.CaseStudy::group)
        .containsExactly(
            tuple("Netflix", "클라우드 네이티브 DevOps의 선구자", "글로벌 기업 성공 사례"),
            tuple("Amazon", "대규모 DevOps의 표준", "글로벌 기업 성공 사례"),
            tuple("Google", "SRE(Site Reliability Engineering) 모델", "글로벌 기업 성공 사례"),
            tuple("카카오", "대규모 트래픽 처리", "국내 기업 사례"),
            tuple("네이버", "글로벌 서비스 DevOps", "국내 기업 사례"),
            tuple("우아한형제들", "스타트업 → 대기업 전환", "국내 기업 사례"));
  }

  @Test
  @DisplayName("reads the metrics of the 성과 subsections of Netflix, Amazon and 카카오 and none for the others")
  void metrics() {
    assertThat(session.caseStudies().get(0).metrics()).containsExactly(
        new Session.Metric("배포 빈도", "하루 수천 번"),
        new Session.Metric("복구 시간", "평균 몇 분 이내"),
        new Session.Metric("가용성", "99.99% 이상"),
        new Session.Metric("글로벌 확장", "190개국 서비스"));
    assertThat(session.caseStudies().get(1).metrics()).containsExactly(
        new Session.Metric("배포 주기", "11.7초마다 배포"),
        new Session.Metric("서비스 수", "수만 개의 마이크로서비스"),
        new Session.Metric("장애 복구", "평균 2.5분"));
    assertThat(session.caseStudies().get(3).metrics()).containsExactly(
        new Session.Metric("배포 시간", "1시간 → 10분"),
        new Session.Metric("장애 복구", "30분 → 5분"));
    assertThat(session.caseStudies()).extracting(c -> c.metrics().size()).containsExactly(4, 3, 0, 2, 0, 0);
  }

  @Test
  @DisplayName("keeps every #### subsection of a case study with its items as plain text, labels kept")
  void subsections() {
    Session.CaseStudy netflix = session.caseStudies().get(0);
    assertThat(netflix.subsections()).extracting(Session.Subsection::title)
        .containsExactly("배경", "DevOps 전략", "주요 성과", "핵심 원칙");
    assertThat(netflix.subsections().get(0).items())
        .containsExactly("2008년: 데이터센터 장애로 3일간 서비스 중단", "결정: 클라우드 전환 및 DevOps 도입");
    assertThat(netflix.subsections().get(3).items()).containsExactly(
        "You Build It, You Run It: 개발팀이 운영까지 책임", "Freedom & Responsibility: 자율성과 책임감",
        "Chaos Engineering: 장애를 통한 시스템 강화");
    assertThat(session.caseStudies().get(5).subsections().get(0).items())
        .containsExactly("초기: 단순한 배포 스크립트", "성장기: Jenkins 기반 CI/CD", "현재: Kubernetes + GitOps");
  }

  @Test
  @DisplayName("keeps the diagram out of the items of the subsection it stands in")
  void diagramNotAnItem() {
    assertThat(session.caseStudies().get(0).subsections().get(1).items()).isEmpty();
  }

  @Test
  @DisplayName("has the three failure cases with example, problem, cause and lesson")
  void failureCases() {
    assertThat(session.failureCases()).containsExactly(
        new Session.FailureCase("문화적 저항", "대기업 A사", "개발팀과 운영팀의 갈등", "기존 프로세스 고수, 책임 회피",
            "문화 변화가 기술보다 중요"),
        new Session.FailureCase("과도한 자동화", "스타트업 B사", "복잡한 파이프라인으로 오히려 생산성 저하",
            "점진적 도입 없이 한 번에 모든 것 자동화", "단계적 접근의 중요성"),
        new Session.FailureCase("모니터링 부족", "중견기업 C사", "빠른 배포 후 장애 발생 시 원인 파악 어려움",
            "배포 자동화만 하고 모니터링 소홀", "배포와 모니터링은 세트"));
  }

  @Test
  @DisplayName("has the four success factors")
  void successFactors() {
    assertThat(session.successFactors()).containsExactly(
        "경영진 지원: 충분한 리소스와 시간 투자", "점진적 도입: 작은 성공부터 시작", "교육 투자: 지속적인 역량 개발",
        "문화 변화: 기술보다 사람이 우선");
  }

  @Test
  @DisplayName("has the exercise 사례 분석 of 7 minutes with its unquoted scenario and four given conditions")
  void exercise() {
    Exercise exercise = session.exercise();
    assertThat(exercise.title()).isEqualTo("사례 분석");
    assertThat(exercise.minutes()).isEqualTo(7);
    assertThat(exercise.scenario()).isEqualTo("중견 제조업체에서 ERP 시스템에 DevOps를 도입하려고 합니다.");
    assertThat(exercise.conditions()).containsExactly("직원 500명, IT팀 20명", "레거시 시스템 다수", "보수적 조직 문화", "제한된 예산");
  }

  @Test
  @DisplayName("has three prompts p1..p3 where only the roadmap prompt p3 is of kind steps")
  void prompts() {
    assertThat(session.exercise().prompts()).containsExactly(
        new Exercise.Prompt("p1", "예상되는 장애물은?", Exercise.PromptKind.LIST),
        new Exercise.Prompt("p2", "성공을 위한 전략은?", Exercise.PromptKind.LIST),
        new Exercise.Prompt("p3", "단계별 로드맵 수립", Exercise.PromptKind.STEPS));
  }

  @Test
  @DisplayName("has a 5-minute discussion phase and a 2-minute presentation phase")
  void phases() {
    assertThat(session.exercise().phases()).containsExactly(
        new Exercise.Phase("phase1", "그룹 토론", 5, Exercise.PhaseKind.DISCUSSION),
        new Exercise.Phase("phase2", "발표 및 피드백", 2, Exercise.PhaseKind.PRESENTATION));
  }

  @Test
  @DisplayName("has one diagram titled after its heading whose SVG keeps its shapes and Korean text")
  void diagram() {
    assertThat(session.diagrams()).hasSize(1);
    Session.Diagram diagram = session.diagrams().get(0);
    assertThat(diagram.title()).isEqualTo("DevOps 전략");
    assertThat(diagram.svg())
        .startsWith("<svg width=\"700\" height=\"350\" xmlns=\"http://www.w3.org/2000/svg\">")
        .contains("<rect x=\"50\" y=\"60\" width=\"600\" height=\"80\" fill=\"#e8f5e8\"")
        .contains("마이크로서비스 아키텍처 (700+ 서비스)", "실시간 모니터링")
        .doesNotContain("<script")
        .endsWith("</svg>");
  }

  @Test
  @DisplayName("has the next-session preview and the five references with their addresses")
  void nextSessionAndReferences() {
    assertThat(session.nextSession())
        .isEqualTo("내일부터 본격적인 실습을 위해 Docker Desktop 설치와 기본 환경을 구성해보겠습니다.");
    assertThat(session.references()).hasSize(5).first()
        .isEqualTo(new Session.Reference("Netflix Tech Blog", "https://netflixtechblog.com/"));
    assertThat(session.references().get(4))
        .isEqualTo(new Session.Reference("DevOps Case Studies - DevOps Institute",
            "https://devopsinstitute.com/case-studies/"));
  }

  @Test
  @DisplayName("parses without warnings")
  void noWarnings() {
    assertThat(session.warnings()).isEmpty();
  }
}
