package dev.breakout.server.room;

import dev.breakout.server.room.Command.NextPresenter;
import dev.breakout.server.room.Outcome.Accepted;
import dev.breakout.server.room.Outcome.Ack;
import dev.breakout.server.room.Outcome.Duplicate;
import dev.breakout.server.room.Outcome.Rejected;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One workshop, and the one entry point of the room core: it seats students, answers a retried
 * operation with its first ack, decides who may send what, hands each operation to the rules that
 * own it ({@link StudentRules}, {@link InstructorRules}, {@link ClockRules}, {@link PresentationRules})
 * and keeps what they produced, and rebuilds itself from the store. Commands become events, events
 * are folded into state (docs/decisions/017-room-core.md). Time and ids come in from outside, so the
 * whole exercise runs in a test without a clock, a random source or a network.
 *
 * <p>Not thread-safe: the server confines each workshop to one event-loop context.
 */
public final class Workshop {

  /** Acks kept per actor unless a workshop is made with its own window. */
  static final int RETRY_WINDOW = 64;

  private final WorkshopPlan plan;
  private final Limits limits;
  private final Rooms rooms;
  private final Seats seats;
  /**
   * Acks of each actor's newest operations by opId, so that a retry is applied once; an older
   * retry is checked against the store (docs/decisions/012-bounded-memory.md).
   */
  private final RetryWindow applied;
  private final Schedule schedule;
  private final ClockRules clockRules;
  private final StudentRules studentRules;
  private final InstructorRules instructorRules;
  /** The clock as the last accepted step left it. */
  private ClockState clock = ClockState.lobby();

  public Workshop(WorkshopPlan plan, Limits limits, IdSource ids) {
    this(plan, limits, RETRY_WINDOW, ids);
  }

  /**
   * @param retryWindow acks kept in memory per actor (student or instructor)
   * @param ids         where new students' ids and rejoin keys come from ({@link Ids#secure()} in production)
   */
  public Workshop(WorkshopPlan plan, Limits limits, int retryWindow, IdSource ids) {
    this.plan = plan;
    this.limits = limits;
    this.applied = new RetryWindow(retryWindow);
    this.rooms = new Rooms(plan);
    this.seats = new Seats(ids);
    this.schedule = new Schedule(plan);
    this.clockRules = new ClockRules(plan, rooms, schedule);
    this.studentRules = new StudentRules(plan, limits, rooms, schedule);
    this.instructorRules = new InstructorRules(plan, limits, rooms, seats, clockRules);
  }

  /**
   * Rebuilds a workshop from what was kept: its seats and its logs, in commit order. The clock is
   * the one the last clock event carried; {@link #tick} then catches up with the time that passed.
   */
  public static Workshop restore(WorkshopPlan plan, Limits limits, List<Seat> seats, List<Logged> events,
      IdSource ids) {
    return restore(plan, limits, seats, events, RETRY_WINDOW, ids);
  }

  public static Workshop restore(WorkshopPlan plan, Limits limits, List<Seat> seats, List<Logged> events,
      int retryWindow, IdSource ids) {
    Workshop w = new Workshop(plan, limits, retryWindow, ids);
    seats.forEach(w.seats::put);
    Map<String, Map<String, Long>> acks = new LinkedHashMap<>();
    for (Logged l : events) {
      w.rooms.get(l.groupId()).apply(l);
      if (l.event() instanceof Event.StudentJoined joined) {
        // A student moved by the instructor sits where the last join put them.
        w.seats.get(joined.studentId()).ifPresent(seat -> w.seats.put(seat.inGroup(l.groupId())));
      } else if (l.event() instanceof Event.WorkshopWide wide) {
        GroupRoom.clockOf(wide).ifPresent(c -> w.clock = c);
      }
      if (l.opId() != null) {
        acks.computeIfAbsent(l.actor() + '\n' + l.opId(), k -> new LinkedHashMap<>()).put(l.groupId(), l.seq());
      }
    }
    // In commit order, so that each actor's window keeps its newest.
    acks.forEach((key, seqs) -> {
      int cut = key.indexOf('\n');
      String opId = key.substring(cut + 1);
      w.applied.put(key.substring(0, cut), opId, new Ack(opId, seqs, List.of()));
    });
    return w;
  }

  public WorkshopPlan plan() {
    return plan;
  }

  public ClockState clock() {
    return clock;
  }

  public Optional<Seat> seat(String studentId) {
    return seats.get(studentId);
  }

  public Collection<Seat> seats() {
    return seats.all();
  }

  public GroupView group(String groupId) {
    return rooms.get(groupId).view();
  }

  public List<GroupView> groups() {
    return rooms.all().stream().map(GroupRoom::view).toList();
  }

  /** Per group, the last sequence number in its log. */
  public Map<String, Long> lastSeqs() {
    return rooms.lastSeqs();
  }

  // ---------------------------------------------------------------- seats

  /** The result of a join: the seat and the event that records it. */
  public record Joined(Seat seat, List<Logged> events) {}

  /**
   * Seats a new student: in the chosen group when the workshop lets students choose, else in the
   * group with the fewest members, so groups fill evenly.
   */
  public Result<Joined> join(String name, String chosenGroupId, long now) {
    Result<Seat> seated = seats.seatNew(name, chosenGroupId, plan, limits, rooms);
    if (!seated.ok()) {
      return Result.rejected(seated.rejection());
    }
    Seat seat = seated.value();
    Step step = new Step(rooms, clock, seat.studentId(), null);
    step.append(seat.groupId(), new Event.StudentJoined(seat.studentId(), seat.name()), now);
    return Result.ok(new Joined(seat, step.events()));
  }

  public Optional<Seat> seatByRejoinKey(String rejoinKey) {
    return seats.byRejoinKey(rejoinKey);
  }

  // ---------------------------------------------------------------- operations

  /** Applies one client operation at time {@code now}. */
  public Outcome handle(Actor actor, String opId, Command command, long now) {
    Ack earlier = applied.get(actor.id(), opId);
    if (earlier != null) {
      return new Duplicate(earlier);
    }
    Step step = new Step(rooms, clock, actor.id(), opId);
    Rejection rejection = dispatch(actor, command, now, step);
    if (rejection != null) {
      return new Rejected(rejection);
    }
    clock = step.clock();
    Map<String, Long> seqs = new LinkedHashMap<>();
    step.events().forEach(l -> seqs.put(l.groupId(), l.seq()));
    Ack ack = new Ack(opId, seqs, step.warnings());
    applied.put(actor.id(), opId, ack);
    return new Accepted(step.events(), ack);
  }

  /**
   * Whether this opId may be a retry of an operation applied so long ago that its ack left the
   * actor's window: then the caller asks the store ({@link #rememberApplied}) before {@link #handle}.
   * False means that, if it was ever applied, {@link #handle} answers it as a duplicate.
   */
  public boolean mayHaveApplied(String actorId, String opId) {
    return applied.get(actorId, opId) == null && applied.droppedMayContain(actorId, opId);
  }

  /** An operation the store says was applied, with the seqs its events took: a retry gets this ack. */
  public void rememberApplied(String actorId, String opId, Map<String, Long> seqs) {
    applied.put(actorId, opId, new Ack(opId, seqs, List.of()));
  }

  /** Who may send what: authorisation is decided on the actor, never on what a message claims. */
  private Rejection dispatch(Actor actor, Command command, long now, Step step) {
    if (command instanceof NextPresenter next) {
      Seat seat = actor instanceof Actor.Student ? seats.get(actor.id()).orElse(null) : null;
      return clockRules.presentations().nextPresenter(actor, seat, next, now, step);
    }
    if (command instanceof Command.InstructorCommand ic) {
      if (!(actor instanceof Actor.Instructor)) {
        return Rejection.of(Reason.INSTRUCTOR_ONLY);
      }
      return instructorRules.handle(ic, now, step);
    }
    if (!(actor instanceof Actor.Student)) {
      return Rejection.of(Reason.STUDENTS_ONLY);
    }
    Optional<Seat> seat = seats.get(actor.id());
    if (seat.isEmpty()) {
      return Rejection.of(Reason.NOT_SEATED);
    }
    return studentRules.handle(seat.get(), (Command.StudentCommand) command, now, step);
  }

  // ---------------------------------------------------------------- the clock

  /**
   * Lets time pass: writes the warnings, phase changes and slot moves that are due at {@code now},
   * each at the moment it was due, so that a late call (a busy server, a restart) catches up
   * without shifting the schedule.
   */
  public List<Logged> tick(long now) {
    Step step = new Step(rooms, clock, "system", null);
    clockRules.tick(now, step);
    clock = step.clock();
    return step.events();
  }

  /** When {@link #tick} next has something to do (epoch ms), or {@link Long#MAX_VALUE}. */
  public long nextDeadline() {
    return schedule.nextDeadline(clock);
  }
}
