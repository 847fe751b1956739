package dev.breakout.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.content.Exercise.Prompt;
import dev.breakout.content.Exercise.PromptKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A small workshop driven by hand: groups g1..gN, prompts p1, p2 (lists) and p3 (steps), a 5 min
 * discussion and a 2 min presentation, a 60 s warning and a 10 s grace. Time is whatever the test
 * passes; every event the workshop hands out is kept in {@link #written}, as a server would commit it.
 */
final class RoomFixture {
  static final long T0 = 1_700_000_000_000L;
  static final long DISCUSSION_MS = 300_000;
  static final long PRESENTATION_MS = 120_000;
  static final long LEAD_MS = 60_000;
  static final long GRACE_MS = 10_000;
  /** When the discussion ends if the exercise starts at {@link #T0} and nobody touches the clock. */
  static final long DISCUSSION_END = T0 + DISCUSSION_MS;
  static final long PRESENTATION_END = DISCUSSION_END + PRESENTATION_MS;
  /** When the end-of-discussion warning falls due, the clock untouched. */
  static final long WARN_AT = DISCUSSION_END - LEAD_MS;
  static final Actor INSTRUCTOR = new Actor.Instructor("instructor");
  /** Small limits, so that tests can reach them: 100-char cards, 20-char labels, 12-char names, 6 cards. */
  static final Limits LIMITS = new Limits(100, 20, 50, 80, 12, 6);

  final Workshop workshop;
  final List<Logged> written = new ArrayList<>();
  private int ops;

  private RoomFixture(WorkshopPlan plan) {
    workshop = new Workshop(plan, LIMITS, Ids.secure());
  }

  static RoomFixture of(WorkshopPlan plan) {
    return new RoomFixture(plan);
  }

  static RoomFixture groups(int count) {
    return new RoomFixture(plan(count, false, PRESENTATION_MS));
  }

  static RoomFixture withGroupChoice(int count) {
    return new RoomFixture(plan(count, true, PRESENTATION_MS));
  }

  /** {@code count} groups, one student each, with the given presentation handover (decision 010). */
  static RoomFixture withHandover(int count, WorkshopPlan.Handover handover) {
    WorkshopPlan p = plan(count, false, PRESENTATION_MS);
    RoomFixture f = new RoomFixture(new WorkshopPlan(p.id(), p.sessionId(), p.sessionTitle(), p.exerciseTitle(),
        p.scenario(), p.conditions(), p.joinCode(), p.groups(), p.allowGroupChoice(), p.prompts(), p.phases(),
        p.warningLeadMs(), p.graceMs(), p.createdAt(), "Class A", "Asia/Seoul", handover));
    f.seat(count);
    return f;
  }

  static RoomFixture withPresentation(int count, long presentationMs) {
    return new RoomFixture(plan(count, false, presentationMs));
  }

  /** {@code count} groups with {@code perGroup} students each, joined in the lobby before T0. */
  static RoomFixture seated(int count, int perGroup) {
    RoomFixture f = groups(count);
    f.seat(count * perGroup);
    return f;
  }

  /** Two groups of one student each, the exercise started at {@link #T0}. */
  static RoomFixture started() {
    RoomFixture f = seated(2, 1);
    f.start(T0);
    return f;
  }

  static WorkshopPlan plan(int groups, boolean allowGroupChoice, long presentationMs) {
    List<WorkshopPlan.GroupInfo> infos = IntStream.rangeClosed(1, groups)
        .mapToObj(i -> new WorkshopPlan.GroupInfo("g" + i, "Group " + i)).toList();
    return new WorkshopPlan("w1", "session7", "Session 7", "Roadmap", "A team plans a release.",
        List.of("Be concrete."), "JOIN42", infos, allowGroupChoice,
        List.of(new Prompt("p1", "What is at risk?", PromptKind.LIST),
            new Prompt("p2", "Who decides?", PromptKind.LIST),
            new Prompt("p3", "Which steps, in order?", PromptKind.STEPS)),
        List.of(new WorkshopPlan.PhasePlan("phase1", "Discussion", PhaseKind.DISCUSSION, DISCUSSION_MS),
            new WorkshopPlan.PhasePlan("phase2", "Presentation", PhaseKind.PRESENTATION, presentationMs)),
        LEAD_MS, GRACE_MS, T0 - 3_600_000);
  }

  /** Seats {@code count} students named s1, s2, ... a minute before T0; returns their seats in order. */
  List<Seat> seat(int count) {
    List<Seat> seated = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      seated.add(join("s" + i, T0 - 60_000 + i));
    }
    return seated;
  }

  Seat join(String name, long now) {
    Result<Workshop.Joined> result = tryJoin(name, null, now);
    assertThat(result.ok()).as("join of %s: %s", name, result.rejection()).isTrue();
    return result.value().seat();
  }

  Result<Workshop.Joined> tryJoin(String name, String groupId, long now) {
    Result<Workshop.Joined> result = workshop.join(name, groupId, now);
    if (result.ok()) {
      written.addAll(result.value().events());
    }
    return result;
  }

  /** A student of {@code groupId}, by seating order. */
  Actor student(String groupId, int nth) {
    return new Actor.Student(workshop.seats().stream().filter(s -> s.groupId().equals(groupId))
        .skip(nth).findFirst().orElseThrow().studentId());
  }

  static Actor student(Seat seat) {
    return new Actor.Student(seat.studentId());
  }

  String nextOpId() {
    return "op-" + ++ops;
  }

  Outcome handle(Actor actor, String opId, Command command, long now) {
    Outcome outcome = workshop.handle(actor, opId, command, now);
    if (outcome instanceof Outcome.Accepted a) {
      written.addAll(a.events());
    }
    return outcome;
  }

  Outcome handle(Actor actor, Command command, long now) {
    return handle(actor, nextOpId(), command, now);
  }

  Outcome.Accepted accept(Actor actor, Command command, long now) {
    Outcome outcome = handle(actor, command, now);
    assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Outcome.Accepted.class);
    return (Outcome.Accepted) outcome;
  }

  Outcome.Accepted instructor(Command command, long now) {
    return accept(INSTRUCTOR, command, now);
  }

  /** Asserts that the command is refused with {@code code} and that no log moved. */
  Rejection reject(Actor actor, Command command, long now, ErrorCode code) {
    var seqsBefore = workshop.lastSeqs();
    var viewsBefore = workshop.groups();
    var clockBefore = workshop.clock();
    Outcome outcome = handle(actor, command, now);
    assertThat(outcome).as("%s by %s", command, actor).isInstanceOf(Outcome.Rejected.class);
    Rejection rejection = ((Outcome.Rejected) outcome).rejection();
    assertThat(rejection.code()).as(rejection.message()).isEqualTo(code);
    assertThat(workshop.lastSeqs()).isEqualTo(seqsBefore);
    assertThat(workshop.groups()).isEqualTo(viewsBefore);
    assertThat(workshop.clock()).isEqualTo(clockBefore);
    return rejection;
  }

  Outcome.Accepted start(long now) {
    return instructor(new Command.StartExercise(), now);
  }

  List<Logged> tick(long now) {
    List<Logged> events = workshop.tick(now);
    written.addAll(events);
    return events;
  }

  Outcome.Accepted addCard(Actor student, String cardId, String prompt, String text, long now) {
    return accept(student, new Command.AddCard(cardId, prompt, text, null), now);
  }

  List<Logged> log(String groupId) {
    return written.stream().filter(l -> l.groupId().equals(groupId)).toList();
  }

  <E extends Event> List<E> events(String groupId, Class<E> type) {
    return log(groupId).stream().map(Logged::event).filter(type::isInstance).map(type::cast).toList();
  }

  static List<Logged> in(List<Logged> events, String groupId) {
    return events.stream().filter(l -> l.groupId().equals(groupId)).toList();
  }

  static List<String> types(List<Logged> events) {
    return events.stream().map(l -> l.event().type()).toList();
  }
}
