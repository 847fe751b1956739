package dev.breakout.server.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.content.Exercise.Prompt;
import dev.breakout.content.Exercise.PromptKind;
import dev.breakout.server.analytics.ExerciseAnalytics.GroupFigures;
import dev.breakout.server.analytics.ExerciseAnalytics.HelpWait;
import dev.breakout.server.analytics.ExerciseAnalytics.PromptBalance;
import dev.breakout.server.analytics.ExerciseAnalytics.Spread;
import dev.breakout.server.room.Actor;
import dev.breakout.server.room.Command;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Limits;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Outcome;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.Workshop;
import dev.breakout.server.room.WorkshopPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Exercise analytics")
class AnalyticsFoldTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final Actor INSTRUCTOR = new Actor.Instructor("instructor");

  private Workshop workshop;
  private final List<Logged> written = new ArrayList<>();
  private final Map<String, Seat> seats = new LinkedHashMap<>();
  private int ops;

  /**
   * Three groups, five students (g1: s1 s4, g2: s2 s5, g3: s3), a 5 min discussion from T0, a 10 s
   * grace. Every time is given, so every figure is known exactly.
   */
  @BeforeEach
  void runAScriptedExercise() {
    WorkshopPlan plan = new WorkshopPlan("w1", "s7", "Session 7", "Case", null, List.of(), "123456",
        List.of(new WorkshopPlan.GroupInfo("g1", "1조"), new WorkshopPlan.GroupInfo("g2", "2조"),
            new WorkshopPlan.GroupInfo("g3", "3조")), false,
        List.of(new Prompt("p1", "Obstacles", PromptKind.LIST), new Prompt("p2", "Strategies", PromptKind.LIST),
            new Prompt("p3", "Roadmap", PromptKind.STEPS)),
        List.of(new WorkshopPlan.PhasePlan("phase1", "토론", PhaseKind.DISCUSSION, 300_000),
            new WorkshopPlan.PhasePlan("phase2", "발표", PhaseKind.PRESENTATION, 120_000)),
        60_000, 10_000, T0 - 3_600_000);
    workshop = new Workshop(plan, Limits.standard(500), Ids.secure());
    for (int i = 1; i <= 5; i++) {
      var joined = workshop.join("s" + i, null, T0 - 60_000 + i).value();
      seats.put("s" + i, joined.seat());
      written.addAll(joined.events());
    }
    as(INSTRUCTOR, new Command.StartExercise(), T0);
    as("s1", new Command.AddCard("a1", "p1", "Legacy ERP", null), T0 + 30_000);
    as("s4", new Command.EditCard("a1", "Legacy ERP and its vendor", null, false, null), T0 + 40_000);
    as("s1", new Command.AddCard("a2", "p3", "Pilot", "Q1"), T0 + 50_000);
    as("s1", new Command.DeleteCard("a2"), T0 + 55_000);
    as("s2", new Command.AddCard("b1", "p1", "Budget", null), T0 + 70_000);
    as("s2", new Command.AddCard("b2", "p2", "Small wins", null), T0 + 80_000);
    as("s5", new Command.RequestHelp(), T0 + 100_000);
    as(INSTRUCTOR, new Command.ClearHelp("g2"), T0 + 130_000);
    as("s5", new Command.RequestHelp(), T0 + 200_000);
    as("s1", new Command.Submit(true), T0 + 240_000);
    as("s2", new Command.Submit(true), T0 + 250_000);
    as("s2", new Command.Submit(false), T0 + 260_000);
    written.addAll(workshop.tick(T0 + 300_000));
    as("s4", new Command.EditCard("a1", "Legacy ERP, vendor lock-in", null, false, null), T0 + 305_000);
  }

  private void as(Object who, Command command, long now) {
    Actor actor = who instanceof Actor a ? a : new Actor.Student(seats.get((String) who).studentId());
    Outcome outcome = workshop.handle(actor, "op-" + ++ops, command, now);
    assertThat(outcome).as("%s at %d", command, now - T0).isInstanceOf(Outcome.Accepted.class);
    written.addAll(((Outcome.Accepted) outcome).events());
  }

  private ExerciseAnalytics analytics() {
    Map<String, List<Logged>> logs = new LinkedHashMap<>();
    workshop.plan().groups().forEach(g -> logs.put(g.id(),
        written.stream().filter(l -> l.groupId().equals(g.id())).toList()));
    return AnalyticsFold.of(workshop.plan(), logs, List.copyOf(workshop.seats()));
  }

  private String id(String name) {
    return seats.get(name).studentId();
  }

  @Test
  @DisplayName("Per group: first card, cards per prompt, contributors and the silent, edits, late edits, help waits, submission.")
  void groupFigures() {
    ExerciseAnalytics a = analytics();
    assertThat(a.startedAt()).isEqualTo(T0);
    GroupFigures g1 = a.groups().get(0);
    assertThat(g1.firstCardAt()).isEqualTo(T0 + 30_000);
    assertThat(g1.firstCardMs()).isEqualTo(30_000);
    assertThat(g1.cardsPerPrompt()).containsExactly(Map.entry("p1", 1), Map.entry("p2", 0), Map.entry("p3", 0));
    assertThat(g1.contributors()).containsExactly(id("s1"), id("s4"));
    assertThat(g1.silent()).isEmpty();
    assertThat(g1.edits()).isEqualTo(2);
    assertThat(g1.lateEdits()).isEqualTo(1);
    assertThat(g1.help()).isEmpty();
    assertThat(g1.submittedMs()).isEqualTo(240_000);

    GroupFigures g2 = a.groups().get(1);
    assertThat(g2.firstCardMs()).isEqualTo(70_000);
    assertThat(g2.cardsPerPrompt()).containsExactly(Map.entry("p1", 1), Map.entry("p2", 1), Map.entry("p3", 0));
    assertThat(g2.members()).extracting(ExerciseAnalytics.Member::name).containsExactly("s2", "s5");
    assertThat(g2.contributors()).containsExactly(id("s2"));
    assertThat(g2.silent()).containsExactly("s5");
    assertThat(g2.edits()).isZero();
    assertThat(g2.lateEdits()).isZero();
    assertThat(g2.help()).containsExactly(new HelpWait(T0 + 100_000, 30_000L), new HelpWait(T0 + 200_000, null));
    assertThat(g2.submittedAt()).as("withdrawn at 260 s").isNull();

    GroupFigures g3 = a.groups().get(2);
    assertThat(g3.firstCardMs()).isNull();
    assertThat(g3.cards()).isZero();
    assertThat(g3.silent()).containsExactly("s3");
  }

  @Test
  @DisplayName("Per class: balance across prompts, the silent students and the spread of first-card times.")
  void classFigures() {
    ExerciseAnalytics.ClassFigures c = analytics().whole();
    assertThat(c.groupsWithMembers()).isEqualTo(3);
    assertThat(c.prompts()).containsExactly(new PromptBalance("p1", 2, 2, 1), new PromptBalance("p2", 1, 1, 2),
        new PromptBalance("p3", 0, 0, 3));
    assertThat(c.mostlyEmptyPrompts()).containsExactly("p2", "p3");
    assertThat(c.students()).isEqualTo(5);
    assertThat(c.silentStudents()).containsExactly("s3", "s5");
    assertThat(c.firstCard()).isEqualTo(new Spread(2, 1, 30_000L, 30_000L, 70_000L));
  }

  @Test
  @DisplayName("A log cut short gives the figures as they stood then: live analytics are the same fold.")
  void figuresSoFar() {
    written.removeIf(l -> l.at() > T0 + 60_000);
    ExerciseAnalytics a = analytics();
    assertThat(a.groups().get(0).edits()).isEqualTo(1);
    assertThat(a.groups().get(0).cardsPerPrompt()).containsEntry("p3", 0);
    assertThat(a.groups().get(1).firstCardMs()).isNull();
    assertThat(a.whole().firstCard()).isEqualTo(new Spread(1, 2, 30_000L, 30_000L, 30_000L));
  }

  @Test
  @DisplayName("The most-reacted cards: by total reactions, counted once although each reaction is in two logs")
  void mostReacted() {
    as("s2", new Command.React("a1", "agree", true), T0 + 310_000);
    as("s3", new Command.React("a1", "new", true), T0 + 311_000);
    as("s3", new Command.React("b1", "agree", true), T0 + 312_000);
    as("s1", new Command.React("b1", "new", true), T0 + 313_000);
    as("s1", new Command.React("b1", "new", false), T0 + 314_000);
    List<ExerciseAnalytics.ReactedCard> top = analytics().mostReacted();
    assertThat(top).extracting(ExerciseAnalytics.ReactedCard::cardId).containsExactly("a1", "b1");
    assertThat(top.get(0)).isEqualTo(new ExerciseAnalytics.ReactedCard("g1", "a1", "p1",
        "Legacy ERP, vendor lock-in", "s1", 1, 1));
    assertThat(top.get(1).total()).isEqualTo(1);
  }

  @Test
  @DisplayName("Nudges: no card after 90 s of discussion, all idle for 2 min; none outside a discussion or for an empty group.")
  void nudges() {
    NudgeRules rules = NudgeRules.standard();
    assertThat(rules.flags("discussion", false, 0, T0, 2, 0, 0, T0 + 89_999)).isEmpty();
    assertThat(rules.flags("discussion", false, 0, T0, 2, 0, 0, T0 + 90_000)).containsExactly("no-card");
    assertThat(rules.flags("discussion", false, 0, T0, 2, 0, 0, T0 + 120_000)).containsExactly("no-card", "idle");
    assertThat(rules.flags("discussion", false, 0, T0, 2, 1, T0 + 100_000, T0 + 219_999)).isEmpty();
    assertThat(rules.flags("discussion", false, 0, T0, 2, 1, T0 + 100_000, T0 + 220_000)).containsExactly("idle");
    assertThat(rules.flags("discussion", true, T0 + 60_000, T0, 2, 0, 0, T0 + 600_000)).isEmpty();
    assertThat(rules.flags("presentation", false, 0, T0, 2, 0, 0, T0 + 600_000)).isEmpty();
    assertThat(rules.flags("discussion", false, 0, T0, 0, 0, 0, T0 + 600_000)).isEmpty();
  }
}
