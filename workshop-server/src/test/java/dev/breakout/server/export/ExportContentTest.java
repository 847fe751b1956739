package dev.breakout.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.content.Exercise.Prompt;
import dev.breakout.content.Exercise.PromptKind;
import dev.breakout.server.room.Actor;
import dev.breakout.server.room.Command;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Limits;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Outcome;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the exports say about a workshop run with the presenter-paced handover, from its logs. */
class ExportContentTest {
  /** 2026-11-27 09:00:00.123 in Seoul (00:00:00.123 UTC). */
  private static final long T0 = 1_795_737_600_123L;
  private static final Actor INSTRUCTOR = new Actor.Instructor("instructor");

  private final List<Logged> written = new ArrayList<>();
  private Workshop workshop;
  private int ops;

  private void accept(Actor actor, Command command, long now) {
    Outcome outcome = workshop.handle(actor, "op-" + ++ops, command, now);
    assertThat(outcome).as("%s", command).isInstanceOf(Outcome.Accepted.class);
    written.addAll(((Outcome.Accepted) outcome).events());
  }

  @BeforeEach
  void runAWorkshop() {
    WorkshopPlan plan = new WorkshopPlan("w1", "s7", "DevOps 성공 사례 분석", "사례 분석", "시나리오", List.of(), "123456",
        List.of(new WorkshopPlan.GroupInfo("g1", "가조"), new WorkshopPlan.GroupInfo("g2", "나조")), false,
        List.of(new Prompt("p1", "예상되는 장애물은?", PromptKind.LIST)),
        List.of(new WorkshopPlan.PhasePlan("phase1", "그룹 토론", PhaseKind.DISCUSSION, 300_000),
            new WorkshopPlan.PhasePlan("phase2", "발표 및 피드백", PhaseKind.PRESENTATION, 120_000)),
        60_000, 10_000, T0 - 60_000, "3반 11월 27일", "Asia/Seoul", WorkshopPlan.Handover.PRESENTER_PACED);
    workshop = new Workshop(plan, new Limits(500, 60, 500, 2000, 40, 400), Ids.secure());
    List<Seat> seats = new ArrayList<>();
    for (String name : List.of("김하나", "이둘", "박셋")) {
      Workshop.Joined joined = workshop.join(name, null, T0 - 30_000).value();
      seats.add(joined.seat());
      written.addAll(joined.events());
    }
    Actor hana = new Actor.Student(seats.get(0).studentId());
    Actor set = new Actor.Student(seats.get(2).studentId());
    Actor dul = new Actor.Student(seats.get(1).studentId());
    accept(INSTRUCTOR, new Command.StartExercise(), T0);
    accept(hana, new Command.AddCard("c1", "p1", "레거시 통합", null), T0 + 10_000);
    accept(set, new Command.EditCard("c1", "레거시 시스템 통합", null, false, null), T0 + 20_000);
    accept(hana, new Command.EditCard("c1", "레거시 시스템 통합의 어려움", null, false, null), T0 + 25_000);
    accept(dul, new Command.RequestHelp(), T0 + 30_000);
    accept(INSTRUCTOR, new Command.ClearHelp("g2"), T0 + 40_000);
    accept(INSTRUCTOR, new Command.Broadcast("1분 남았습니다"), T0 + 50_000);
    accept(INSTRUCTOR, new Command.WithdrawBroadcast(T0 + 50_000), T0 + 55_000);
    accept(INSTRUCTOR, new Command.AdjustClock(60, "g2"), T0 + 60_000);
    accept(INSTRUCTOR, new Command.NextPhase(), T0 + 70_000);
    accept(INSTRUCTOR, new Command.StartPresentations(), T0 + 80_000);
    accept(INSTRUCTOR, new Command.NextPresenter(null), T0 + 90_000);
  }

  private WorkshopRecord record() {
    Map<String, List<Logged>> logs = new LinkedHashMap<>();
    for (Logged l : written) {
      logs.computeIfAbsent(l.groupId(), g -> new ArrayList<>()).add(l);
    }
    return new WorkshopRecord(workshop.plan(), workshop.clock(), workshop.groups(), List.copyOf(workshop.seats()),
        logs, T0 + 100_000);
  }

  private String render(Exports.Format format) {
    return new Exports(ZoneId.of("UTC")).render(record(), format);
  }

  @Test
  @DisplayName("An edited card is credited to its author and every editor, in every format")
  void editedCardCreditsEveryone() {
    assertThat(render(Exports.Format.MD)).contains("- 레거시 시스템 통합의 어려움 — 김하나, 박셋");
    List<List<String>> rows = ExportTest.parseCsv(render(Exports.Format.CSV).substring(1));
    List<String> header = rows.get(0);
    assertThat(rows.get(1).get(header.indexOf("author"))).isEqualTo("김하나");
    assertThat(rows.get(1).get(header.indexOf("contributors"))).isEqualTo("김하나, 박셋");
    JsonObject card = new JsonObject(render(Exports.Format.JSON)).getJsonArray("groups").getJsonObject(0)
        .getJsonObject("cards").getJsonArray("p1").getJsonObject(0);
    assertThat(card.getJsonArray("contributors")).isEqualTo(new JsonArray().add("김하나").add("박셋"));
  }

  @Test
  @DisplayName("Times are in the workshop's own zone, to the second, and the workshop's name is shown")
  void timesAndName() {
    String md = render(Exports.Format.MD);
    assertThat(md).contains("- 이름 / Name: 3반 11월 27일");
    assertThat(md).contains("| 2026-11-27T09:00:00+09:00 | 단계 시작 / phase started: 그룹 토론 |");
    assertThat(md).doesNotContainPattern("T\\d\\d:\\d\\d:\\d\\d\\.\\d");
    JsonObject json = new JsonObject(render(Exports.Format.JSON));
    assertThat(json.getString("timeZone")).isEqualTo("Asia/Seoul");
    assertThat(json.getString("exportedAt")).isEqualTo("2026-11-27T09:01:40+09:00");
    List<List<String>> rows = ExportTest.parseCsv(render(Exports.Format.CSV).substring(1));
    assertThat(rows.get(1).get(rows.get(0).indexOf("workshop_name"))).isEqualTo("3반 11월 27일");
  }

  @Test
  @DisplayName("The timeline holds help, broadcasts and their withdrawal, a group's extra time, the handover and the presenters, and a proper end")
  void timeline() {
    written.addAll(workshop.tick(T0 + 140_000));
    accept(INSTRUCTOR, new Command.NextPresenter(null), T0 + 150_000);
    String md = render(Exports.Format.MD);
    assertThat(md).contains(
        "| 2026-11-27T09:00:30+09:00 | 도움 요청 / help requested: 나조 |",
        "| 2026-11-27T09:00:40+09:00 | 도움 해결 / help given: 나조 |",
        "| 2026-11-27T09:00:50+09:00 | 공지 / broadcast: 1분 남았습니다 |",
        "| 2026-11-27T09:00:55+09:00 | 공지 회수 / broadcast withdrawn: 2026-11-27T09:00:50+09:00 |",
        "| 2026-11-27T09:01:00+09:00 | 조별 시간 조정 / time adjusted for 나조: +60 s |",
        "| 2026-11-27T09:01:10+09:00 | 단계 시작 / phase started: 발표 및 피드백 (발표 대기 / waiting for the start) |",
        "| 2026-11-27T09:01:20+09:00 | 발표 시작 / presentations started |",
        "| 2026-11-27T09:01:20+09:00 | 발표 / presenting: 가조 |",
        // 나조 writes until 09:02:10 + 10 s grace; it presents when it is done, not before.
        "| 2026-11-27T09:01:30+09:00 | 발표 대기: 작성 중인 조 / presentations wait for groups still writing: 나조 |",
        "| 2026-11-27T09:02:20+09:00 | 발표 / presenting: 나조 |",
        "| 2026-11-27T09:02:30+09:00 | 종료 / ended |");
    assertThat(md).doesNotContain("phase started: 종료");
    JsonArray timeline = new JsonObject(render(Exports.Format.JSON)).getJsonArray("timeline");
    assertThat(timeline.stream().map(o -> (JsonObject) o)
        .filter(o -> "help.requested".equals(o.getJsonObject("event").getString("type"))))
        .singleElement().satisfies(o -> assertThat(((JsonObject) o).getString("groupId")).isEqualTo("g2"));
  }
}
