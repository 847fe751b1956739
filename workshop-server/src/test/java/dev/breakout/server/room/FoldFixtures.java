package dev.breakout.server.room;

import static dev.breakout.server.room.RoomFixture.DISCUSSION_END;
import static dev.breakout.server.room.RoomFixture.PRESENTATION_MS;
import static dev.breakout.server.room.RoomFixture.T0;

import dev.breakout.content.Exercise;
import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.EditCard;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The recorded group logs that both folds are checked against (web-client/src/test/fixtures/group-logs,
 * read by {@link FoldFixturesTest} and by group-state.test.mjs). A busy exercise, scripted through
 * the real room core, touching every event type; each group's log is written with its board at
 * every fifth seq and at the end, as {@link GroupRoom} folds it.
 *
 * <p>Re-record after a change to the events: {@code mvn -pl workshop-server test -Dtest=FoldFixturesTest
 * -Dfixtures.record=true}, then look at the diff.
 */
final class FoldFixtures {
  static final Path DIR = Path.of("..", "web-client", "src", "test", "fixtures", "group-logs");
  static final int CHECKPOINT_EVERY = 5;

  private FoldFixtures() {}

  /** The exercise of {@link GroupLogReplayTest}, a student moved back, and a presentation with reactions. */
  static RoomFixture busyExercise() {
    long discussionEnds = DISCUSSION_END + 40_000;
    RoomFixture f = RoomFixture.groups(3);
    List<Seat> seats = f.seat(6);
    Actor a = RoomFixture.student(seats.get(0));
    Actor b = RoomFixture.student(seats.get(1));
    Actor c = RoomFixture.student(seats.get(2));
    Actor d = RoomFixture.student(seats.get(3));
    f.instructor(new Command.PresentationOrder(List.of("g2", "g1", "g3")), T0 - 1_000);
    f.start(T0);
    f.accept(a, new AddCard("a1", "p1", "Risk: 레거시 ERP", null), T0 + 1_000);
    f.accept(a, new AddCard("a2", "p3", "Step one", "W1"), T0 + 2_000);
    f.accept(d, new AddCard("a3", "p3", "Step zero", "W0"), T0 + 3_000);
    f.accept(a, new Command.MoveCard("a3", 0), T0 + 4_000);
    f.accept(d, new EditCard("a1", "Risk, sharpened", null, false, 1), T0 + 5_000);
    f.accept(d, new EditCard("a2", "Step one, labelled", "Week 1", true, null), T0 + 5_500);
    f.accept(b, new AddCard("b1", "p2", "Sponsor", null), T0 + 6_000);
    f.accept(b, new AddCard("b2", "p2", "Board", null), T0 + 7_000);
    f.accept(b, new Command.DeleteCard("b2"), T0 + 8_000);
    f.accept(b, new Command.RequestHelp(), T0 + 9_000);
    f.instructor(new Command.ClearHelp("g2"), T0 + 10_000);
    f.accept(c, new Command.RequestHelp(), T0 + 11_000);
    f.instructor(new Command.Feedback("g1", "Sharpen the risk."), T0 + 12_000);
    f.instructor(new Command.Broadcast("Halfway."), T0 + 150_000);
    f.instructor(new Command.PauseClock(), T0 + 160_000);
    f.instructor(new Command.ResumeClock(), T0 + 170_000);
    f.instructor(new AdjustClock(30, null), T0 + 180_000);
    f.instructor(new AdjustClock(45, "g3"), T0 + 190_000);
    f.instructor(new Command.MoveStudent(seats.get(5).studentId(), "g1"), T0 + 200_000);
    f.instructor(new Command.MoveStudent(seats.get(5).studentId(), "g3"), T0 + 205_000);
    f.accept(a, new Command.Submit(true), T0 + 210_000);
    f.accept(a, new Command.Submit(false), T0 + 212_000);
    f.accept(a, new Command.Submit(true), T0 + 214_000);
    for (long t = T0; t <= discussionEnds; t += 20_000) {
      f.tick(t);
    }
    f.accept(d, new EditCard("a1", "Risk, late", null, false, null), discussionEnds + 5_000);
    f.accept(c, new AddCard("c1", "p1", "Extra time", null), discussionEnds + 20_000);
    f.instructor(new Command.Spotlight("g3"), discussionEnds + 30_000);
    f.instructor(new Command.Feedback("g3", "Good use of the extra time."), discussionEnds + 40_000);
    f.accept(b, new Command.React("a1", "agree", true), discussionEnds + 45_000);
    f.accept(c, new Command.React("a1", "new", true), discussionEnds + 46_000);
    f.accept(b, new Command.React("a1", "agree", false), discussionEnds + 47_000);
    f.accept(a, new Command.React("c1", "agree", true), discussionEnds + 48_000);
    f.accept(b, new Command.React("c1", "agree", true), discussionEnds + 49_000);
    f.tick(discussionEnds + PRESENTATION_MS + 60_000);
    return f;
  }

  /** A short exercise the instructor ends early, mid-discussion, then corrects the synthesis of. */
  static RoomFixture endedEarly() {
    RoomFixture f = RoomFixture.groups(2);
    List<Seat> seats = f.seat(3);
    f.start(T0);
    f.accept(RoomFixture.student(seats.get(0)), new AddCard("e1", "p2", "Quick one", null), T0 + 15_000);
    f.accept(RoomFixture.student(seats.get(1)), new AddCard("e2", "p3", "First step", "Now"), T0 + 25_000);
    f.accept(RoomFixture.student(seats.get(2)), new AddCard("e3", "p2", "Quick two", null), T0 + 30_000);
    f.instructor(new Command.EndWorkshop(), T0 + 60_000);
    // The synthesis corrections: in the log, changing nothing a group's fold shows.
    f.instructor(new Command.MergeClusters("p2", "e1", "e3"), T0 + 70_000);
    f.instructor(new Command.RenameCluster("p2", "e3", "빠른 답"), T0 + 71_000);
    f.instructor(new Command.MoveToCluster("p3", "e2", null), T0 + 72_000);
    return f;
  }

  /** A gallery walk between the discussion and the end, with reactions in it. */
  static RoomFixture gallery() {
    WorkshopPlan base = RoomFixture.plan(2, false, RoomFixture.PRESENTATION_MS);
    WorkshopPlan plan = new WorkshopPlan(base.id(), base.sessionId(), base.sessionTitle(), base.exerciseTitle(),
        base.scenario(), base.conditions(), base.joinCode(), base.groups(), false, base.prompts(),
        List.of(base.phases().get(0), new WorkshopPlan.PhasePlan("gallery", "Gallery",
            Exercise.PhaseKind.GALLERY, 60_000)), base.warningLeadMs(), base.graceMs(), base.createdAt());
    RoomFixture f = RoomFixture.of(plan);
    List<Seat> seats = f.seat(2);
    f.start(T0);
    f.accept(RoomFixture.student(seats.get(0)), new AddCard("a1", "p1", "갤러리 카드", null), T0 + 10_000);
    f.accept(RoomFixture.student(seats.get(1)), new AddCard("b1", "p2", "Other card", null), T0 + 20_000);
    f.tick(DISCUSSION_END);
    f.accept(RoomFixture.student(seats.get(1)), new Command.React("a1", "new", true), DISCUSSION_END + 5_000);
    f.accept(RoomFixture.student(seats.get(0)), new Command.React("b1", "agree", true), DISCUSSION_END + 6_000);
    f.tick(DISCUSSION_END + 60_000);
    return f;
  }

  /**
   * The presenter-paced handover (decision 010): a broadcast withdrawn, a group given extra time,
   * the instructor's start, a wait for the writing group, and the last group's next ending it.
   */
  static RoomFixture handover() {
    RoomFixture f = RoomFixture.withHandover(3, WorkshopPlan.Handover.PRESENTER_PACED);
    f.start(T0);
    f.accept(f.student("g1", 0), new AddCard("h1", "p1", "Handover card", null), T0 + 10_000);
    f.instructor(new Command.Broadcast("Wrong room!"), T0 + 20_000);
    f.instructor(new Command.WithdrawBroadcast(T0 + 20_000), T0 + 25_000);
    f.instructor(new AdjustClock(60, "g1"), T0 + 200_000);
    f.tick(DISCUSSION_END);
    f.instructor(new Command.StartPresentations(), DISCUSSION_END + 5_000);
    f.instructor(new Command.NextPresenter("g2"), DISCUSSION_END + 20_000);
    f.instructor(new Command.NextPresenter("g3"), DISCUSSION_END + 30_000);
    f.tick(DISCUSSION_END + 60_000 + RoomFixture.GRACE_MS);
    f.instructor(new Command.NextPresenter("g1"), DISCUSSION_END + 120_000);
    return f;
  }

  /** One fixture file per group of {@code f}. */
  static void record(String name, RoomFixture f) throws IOException {
    Files.createDirectories(DIR);
    List<String> prompts = f.workshop.plan().prompts().stream().map(Exercise.Prompt::id).toList();
    for (WorkshopPlan.GroupInfo g : f.workshop.plan().groups()) {
      GroupRoom room = new GroupRoom(g.id(), g.name(), prompts);
      JsonArray log = new JsonArray();
      JsonArray checkpoints = new JsonArray();
      JsonObject initial = Json.group(room.view(), 0);
      for (Logged l : f.log(g.id())) {
        room.apply(l);
        log.add(Json.logged(l, l.at()));
        if (l.seq() % CHECKPOINT_EVERY == 0) {
          checkpoints.add(new JsonObject().put("seq", l.seq()).put("group", Json.group(room.view(), l.at())));
        }
      }
      JsonObject fixture = new JsonObject()
          .put("about", "A group's log recorded from a scripted exercise (FoldFixtures.java); both folds must"
              + " give 'expected' from 'initial' and 'log', and each checkpoint after its seq.")
          .put("groupId", g.id()).put("name", g.name()).put("prompts", new JsonArray(prompts))
          .put("initial", initial).put("log", log).put("checkpoints", checkpoints)
          .put("expected", Json.group(room.view(), room.lastAt()));
      Files.writeString(DIR.resolve(name + "-" + g.id() + ".json"), fixture.encodePrettily() + "\n",
          StandardCharsets.UTF_8);
    }
  }
}
