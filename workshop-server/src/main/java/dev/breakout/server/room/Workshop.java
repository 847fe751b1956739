package dev.breakout.server.room;

import dev.breakout.content.Exercise.PhaseKind;
import dev.breakout.server.room.Command.AddCard;
import dev.breakout.server.room.Command.AdjustClock;
import dev.breakout.server.room.Command.Broadcast;
import dev.breakout.server.room.Command.ClearHelp;
import dev.breakout.server.room.Command.DeleteCard;
import dev.breakout.server.room.Command.EditCard;
import dev.breakout.server.room.Command.EndWorkshop;
import dev.breakout.server.room.Command.Feedback;
import dev.breakout.server.room.Command.MoveCard;
import dev.breakout.server.room.Command.MoveStudent;
import dev.breakout.server.room.Command.NextPhase;
import dev.breakout.server.room.Command.NextPresenter;
import dev.breakout.server.room.Command.PauseClock;
import dev.breakout.server.room.Command.PresentationOrder;
import dev.breakout.server.room.Command.RequestHelp;
import dev.breakout.server.room.Command.ResumeClock;
import dev.breakout.server.room.Command.Spotlight;
import dev.breakout.server.room.Command.StartExercise;
import dev.breakout.server.room.Command.StartPresentations;
import dev.breakout.server.room.Command.Submit;
import dev.breakout.server.room.Outcome.Accepted;
import dev.breakout.server.room.Outcome.Ack;
import dev.breakout.server.room.Outcome.Duplicate;
import dev.breakout.server.room.Outcome.Rejected;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One workshop: its groups' rooms, the shared clock and the seats. Commands become events, events
 * are folded into state; time comes in as an argument, so the whole exercise runs in a test
 * without a clock or a network.
 *
 * <p>Not thread-safe: the server confines each workshop to one event-loop context.
 */
public final class Workshop {

  /** A slot shorter than this is too short to present in; the instructor is warned. */
  static final long SHORT_SLOT_MS = 15_000;

  private final WorkshopPlan plan;
  private final Limits limits;
  private final Map<String, GroupRoom> rooms = new LinkedHashMap<>();
  private final Map<String, Seat> seats = new LinkedHashMap<>();
  private final Map<String, String> seatsByRejoinKey = new HashMap<>();
  /**
   * Acks of each actor's newest operations by opId, so that a retry is applied once; an older
   * retry is checked against the store (docs/decisions/012-bounded-memory.md).
   */
  private final RetryWindow applied;
  /** Acks kept per actor unless a workshop is made with its own window. */
  public static final int RETRY_WINDOW = 64;
  private ClockState clock = ClockState.lobby();
  private List<Logged> pending = new ArrayList<>();

  public Workshop(WorkshopPlan plan, Limits limits) {
    this(plan, limits, RETRY_WINDOW);
  }

  /** @param retryWindow acks kept in memory per actor (student or instructor) */
  public Workshop(WorkshopPlan plan, Limits limits, int retryWindow) {
    this.applied = new RetryWindow(retryWindow);
    this.plan = plan;
    this.limits = limits;
    List<String> promptIds = plan.prompts().stream().map(p -> p.id()).toList();
    plan.groups().forEach(g -> rooms.put(g.id(), new GroupRoom(g.id(), g.name(), promptIds)));
  }

  /**
   * Rebuilds a workshop from what was kept: its seats and its logs, in commit order. The clock is
   * the one the last clock event carried; {@link #tick} then catches up with the time that passed.
   */
  public static Workshop restore(WorkshopPlan plan, Limits limits, List<Seat> seats, List<Logged> events) {
    return restore(plan, limits, seats, events, RETRY_WINDOW);
  }

  public static Workshop restore(WorkshopPlan plan, Limits limits, List<Seat> seats, List<Logged> events,
      int retryWindow) {
    Workshop w = new Workshop(plan, limits, retryWindow);
    seats.forEach(seat -> {
      w.seats.put(seat.studentId(), seat);
      w.seatsByRejoinKey.put(seat.rejoinKey(), seat.studentId());
    });
    Map<String, Map<String, Long>> acks = new LinkedHashMap<>();
    for (Logged l : events) {
      w.rooms.get(l.groupId()).apply(l);
      if (l.event() instanceof Event.StudentJoined joined && w.seats.containsKey(joined.studentId())) {
        w.seats.put(joined.studentId(), w.seats.get(joined.studentId()).inGroup(l.groupId()));
      } else if (l.event() instanceof Event.WorkshopWide wide) {
        clockOf(wide).ifPresent(c -> w.clock = c);
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
    return Optional.ofNullable(seats.get(studentId));
  }

  public Collection<Seat> seats() {
    return List.copyOf(seats.values());
  }

  public GroupView group(String groupId) {
    return rooms.get(groupId).view();
  }

  public List<GroupView> groups() {
    return rooms.values().stream().map(GroupRoom::view).toList();
  }

  /** Per group, the last sequence number in its log. */
  public Map<String, Long> lastSeqs() {
    Map<String, Long> seqs = new LinkedHashMap<>();
    rooms.forEach((id, room) -> seqs.put(id, room.seq()));
    return seqs;
  }

  // ---------------------------------------------------------------- seats

  /** The result of a join: the seat and the event that records it. */
  public record Joined(Seat seat, List<Logged> events) {}

  /**
   * Seats a new student: in the chosen group when the workshop lets students choose, else in the
   * group with the fewest members, so groups fill evenly.
   */
  public Result<Joined> join(String name, String chosenGroupId, long now) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      return Result.rejected(Reason.NAME_REQUIRED);
    }
    if (trimmed.codePointCount(0, trimmed.length()) > limits.maxNameChars()) {
      return Result.rejected(Reason.NAME_TOO_LONG, "max", limits.maxNameChars());
    }
    String groupId;
    if (chosenGroupId != null) {
      if (!plan.allowGroupChoice()) {
        return Result.rejected(Reason.GROUPS_ASSIGNED);
      }
      if (!plan.hasGroup(chosenGroupId)) {
        return Result.rejected(Reason.NO_GROUP, "groupId", chosenGroupId);
      }
      groupId = chosenGroupId;
    } else {
      groupId = rooms.values().stream()
          .min((a, b) -> Integer.compare(a.memberCount(), b.memberCount()))
          .orElseThrow().groupId();
    }
    Seat seat = new Seat(Ids.studentId(), trimmed, groupId, Ids.rejoinKey());
    seats.put(seat.studentId(), seat);
    seatsByRejoinKey.put(seat.rejoinKey(), seat.studentId());
    List<Logged> events = new ArrayList<>();
    append(events, groupId, new Event.StudentJoined(seat.studentId(), seat.name()), now, seat.studentId(), null);
    return Result.ok(new Joined(seat, events));
  }

  public Optional<Seat> seatByRejoinKey(String rejoinKey) {
    return Optional.ofNullable(seatsByRejoinKey.get(rejoinKey)).map(seats::get);
  }

  // ---------------------------------------------------------------- operations

  /** Applies one client operation at time {@code now}. */
  public Outcome handle(Actor actor, String opId, Command command, long now) {
    Ack earlier = applied.get(actor.id(), opId);
    if (earlier != null) {
      return new Duplicate(earlier);
    }
    pending = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Rejection rejection = dispatch(actor, opId, command, now, warnings);
    if (rejection != null) {
      return new Rejected(rejection);
    }
    Map<String, Long> seqs = new LinkedHashMap<>();
    pending.forEach(l -> seqs.put(l.groupId(), l.seq()));
    Ack ack = new Ack(opId, seqs, warnings);
    applied.put(actor.id(), opId, ack);
    return new Accepted(pending, ack);
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

  private Rejection dispatch(Actor actor, String opId, Command command, long now, List<String> warnings) {
    if (command instanceof NextPresenter next) {
      return nextPresenter(actor, opId, next, now, warnings);
    }
    if (command instanceof Command.InstructorCommand ic) {
      if (!(actor instanceof Actor.Instructor)) {
        return Rejection.of(Reason.INSTRUCTOR_ONLY);
      }
      return instructor(actor, opId, ic, now, warnings);
    }
    if (!(actor instanceof Actor.Student)) {
      return Rejection.of(Reason.STUDENTS_ONLY);
    }
    Seat seat = seats.get(actor.id());
    if (seat == null) {
      return Rejection.of(Reason.NOT_SEATED);
    }
    return student(seat, opId, (Command.StudentCommand) command, now);
  }

  private Rejection student(Seat seat, String opId, Command.StudentCommand command, long now) {
    GroupRoom room = rooms.get(seat.groupId());
    if (command instanceof Command.React react) {
      return Reactions.react(this, seat, opId, react, now);
    }
    if (command instanceof RequestHelp) {
      if ("ended".equals(clock.kind())) {
        return closed();
      }
      append(seat.groupId(), new Event.HelpRequested(seat.studentId()), now, seat.studentId(), opId);
      return null;
    }
    Write write = writeWindow(room, now);
    if (write == Write.CLOSED) {
      return closed();
    }
    boolean late = write == Write.LATE;
    if (command instanceof Submit s) {
      append(seat.groupId(), new Event.SubmissionChanged(s.submitted(), seat.studentId(), late), now,
          seat.studentId(), opId);
      return null;
    }
    if (command instanceof AddCard add) {
      if (!plan.hasPrompt(add.prompt())) {
        return Rejection.of(Reason.NO_PROMPT, "prompt", add.prompt());
      }
      Rejection bad = checkText(add.text(), add.label());
      if (bad != null) {
        return bad;
      }
      if (room.cardIdTaken(add.cardId())) {
        return Rejection.of(Reason.CARD_ID_TAKEN, "cardId", add.cardId());
      }
      if (room.cardCount() >= limits.maxCardsPerGroup()) {
        return Rejection.of(Reason.GROUP_CARD_LIMIT, "max", limits.maxCardsPerGroup());
      }
      if (room.cardCountBy(seat.studentId()) >= limits.maxCardsPerStudent()) {
        return Rejection.of(Reason.STUDENT_CARD_LIMIT, "max", limits.maxCardsPerStudent());
      }
      Card card = new Card(add.cardId(), add.prompt(), add.text().strip(), blankToNull(add.label()),
          seat.studentId(), seat.name(), 1, late, now, now);
      append(seat.groupId(), new Event.CardAdded(card), now, seat.studentId(), opId);
      return null;
    }
    Command.CardCommand cardCommand = (Command.CardCommand) command;
    Optional<Card> found = room.card(cardCommand.cardId());
    if (found.isEmpty()) {
      return Rejection.of(Reason.NO_CARD_IN_GROUP, "cardId", cardCommand.cardId());
    }
    Card card = found.get();
    if (command instanceof EditCard edit) {
      if (edit.version() != null && edit.version() != card.version()) {
        return new Rejection(Reason.EDIT_CONFLICT, java.util.Map.of(), card);
      }
      String label = edit.labelGiven() ? blankToNull(edit.label()) : card.label();
      Rejection bad = checkText(edit.text(), label);
      if (bad != null) {
        return bad;
      }
      append(seat.groupId(), new Event.CardEdited(card.cardId(), edit.text().strip(), label, card.version() + 1,
          seat.studentId(), late), now, seat.studentId(), opId);
    } else if (command instanceof DeleteCard) {
      append(seat.groupId(), new Event.CardDeleted(card.cardId(), late), now, seat.studentId(), opId);
    } else if (command instanceof MoveCard move) {
      int size = room.promptSize(card.prompt());
      if (move.index() < 0 || move.index() >= size) {
        return Rejection.of(Reason.INDEX_OUT_OF_RANGE, "max", size - 1);
      }
      append(seat.groupId(), new Event.CardMoved(card.cardId(), move.index(), late), now, seat.studentId(), opId);
    }
    return null;
  }

  private Rejection instructor(Actor actor, String opId, Command.InstructorCommand command, long now,
      List<String> warnings) {
    String by = actor.id();
    if (command instanceof StartExercise) {
      if (clock.phaseIndex() != -1) {
        return Rejection.of(Reason.ALREADY_STARTED);
      }
      enterPhase(0, now, now, by, opId, warnings);
      if (plan.handover().timedSlots()) {
        warnIfPresentationSlotsShort(warnings);
      }
      return null;
    }
    if (command instanceof Broadcast b) {
      if (b.text() == null || b.text().isBlank()) {
        return Rejection.of(Reason.BROADCAST_EMPTY);
      }
      if (tooLong(b.text(), limits.maxBroadcastChars())) {
        return tooLongRejection("message", limits.maxBroadcastChars());
      }
      // A broadcast is named by the time it was sent: two in the same millisecond get distinct times.
      long sentAt = Math.max(now, lastBroadcastAt() + 1);
      appendAll(new Event.BroadcastSent(b.text().strip()), sentAt, by, opId);
      return null;
    }
    if (command instanceof Command.WithdrawBroadcast w) {
      if (rooms.values().stream().noneMatch(r -> r.hasBroadcast(w.sentAt()))) {
        return Rejection.of(Reason.NO_BROADCAST, "sentAt", w.sentAt());
      }
      appendAll(new Event.BroadcastWithdrawn(w.sentAt()), now, by, opId);
      return null;
    }
    if (command instanceof Feedback f) {
      if (!plan.hasGroup(f.groupId())) {
        return noGroup(f.groupId());
      }
      if (f.text() == null || f.text().isBlank()) {
        return Rejection.of(Reason.FEEDBACK_EMPTY);
      }
      if (tooLong(f.text(), limits.maxFeedbackChars())) {
        return tooLongRejection("feedback", limits.maxFeedbackChars());
      }
      append(f.groupId(), new Event.FeedbackGiven(f.text().strip()), now, by, opId);
      return null;
    }
    if (command instanceof ClearHelp c) {
      if (!plan.hasGroup(c.groupId())) {
        return noGroup(c.groupId());
      }
      append(c.groupId(), new Event.HelpCleared(), now, by, opId);
      return null;
    }
    if (command instanceof MoveStudent m) {
      Seat seat = seats.get(m.studentId());
      if (seat == null) {
        return Rejection.of(Reason.NO_STUDENT, "studentId", m.studentId());
      }
      if (!plan.hasGroup(m.groupId())) {
        return noGroup(m.groupId());
      }
      if (seat.groupId().equals(m.groupId())) {
        return Rejection.of(Reason.ALREADY_IN_GROUP);
      }
      append(seat.groupId(), new Event.StudentLeft(seat.studentId(), m.groupId()), now, by, opId);
      append(m.groupId(), new Event.StudentJoined(seat.studentId(), seat.name()), now, by, opId);
      seats.put(seat.studentId(), seat.inGroup(m.groupId()));
      return null;
    }
    if (command instanceof PresentationOrder o) {
      return order(o.groupIds(), now, by, opId, warnings);
    }
    if (command instanceof Spotlight s) {
      return spotlight(s.groupId(), now, by, opId, warnings);
    }
    if (command instanceof Command.SynthesisCommand correction) {
      // Any time, also after the end: the synthesis is reviewed after class too.
      Result<Corrections.Checked> checked = Corrections.check(correction, plan, rooms.values(), limits);
      if (!checked.ok()) {
        return checked.rejection();
      }
      append(checked.value().groupId(), checked.value().event(), now, by, opId);
      return null;
    }
    // The rest move the clock, which must be running.
    if (clock.phaseIndex() == -1) {
      return Rejection.of(Reason.NOT_STARTED);
    }
    if ("ended".equals(clock.kind())) {
      return Rejection.of(Reason.ENDED);
    }
    if (command instanceof PauseClock) {
      if (clock.paused()) {
        return Rejection.of(Reason.ALREADY_PAUSED);
      }
      clock = clock.withPause(true, now);
      appendAll(new Event.ClockPaused(clock), now, by, opId);
      return null;
    }
    if (command instanceof ResumeClock) {
      if (!clock.paused()) {
        return Rejection.of(Reason.NOT_PAUSED);
      }
      resumeAt(now);
      appendAll(new Event.ClockResumed(clock), now, by, opId);
      return null;
    }
    if (command instanceof AdjustClock a) {
      return adjust(a, now, by, opId, warnings);
    }
    if (command instanceof NextPhase) {
      enterPhase(clock.phaseIndex() + 1, now, now, by, opId, warnings);
      return null;
    }
    if (command instanceof StartPresentations) {
      if (!clock.inStage(ClockState.Stage.READY) && !clock.inStage(ClockState.Stage.COUNTDOWN)) {
        return Rejection.of(clock.stage() == null
            ? Reason.PRESENTATIONS_AFTER_DISCUSSION : Reason.PRESENTATIONS_STARTED);
      }
      if (clock.paused()) {
        resumeAt(now);
      }
      startPresentations(now, now, by, opId, warnings, false);
      return null;
    }
    if (command instanceof EndWorkshop) {
      endNow(now, by, opId);
      return null;
    }
    throw new IllegalStateException("unhandled command " + command);
  }

  // ---------------------------------------------------------------- the clock

  /**
   * Lets time pass: writes the warnings, phase changes and slot moves that are due at {@code now},
   * each at the moment it was due, so that a late call (a busy server, a restart) catches up
   * without shifting the schedule.
   */
  public List<Logged> tick(long now) {
    pending = new ArrayList<>();
    boolean moved = true;
    // Due times come in this order (the warning before the end, every slot end before the phase's
    // end), so the first due one is the earliest: a catch-up writes the schedule as it would have
    // happened, warning and slot moves of an ended phase included. A warning that could only be
    // written at or after the end (the clock was cut to now) would announce nothing.
    while (moved && clock.running() && !clock.paused()) {
      moved = false;
      if (warningPending() && now >= warnAt() && stamp(warnAt()) < clock.endsAt()) {
        long at = stamp(warnAt());
        clock = clock.withWarned(true);
        appendAll(new Event.ClockWarning(clock.remainingMs(at), clock), at, "system", null);
        moved = true;
      } else if (stageDue() && now >= clock.stageEndsAt()) {
        long at = stamp(clock.stageEndsAt());
        if (clock.slot() == null) {
          startPresentations(at, at, "system", null, new ArrayList<>(), false);
        } else {
          advance(at, at, "system", null, new ArrayList<>());
        }
        moved = true;
      } else if (slotMovesByTime() && now >= clock.slot().endsAt()) {
        long at = stamp(clock.slot().endsAt());
        advance(clock.slot().endsAt(), at, "system", null, new ArrayList<>());
        moved = true;
      } else if (endsByTime() && now >= clock.endsAt()) {
        enterPhase(clock.phaseIndex() + 1, clock.endsAt(), stamp(clock.endsAt()), "system", null,
            new ArrayList<>());
        moved = true;
      }
    }
    return pending;
  }

  /** When {@link #tick} next has something to do (epoch ms), or {@link Long#MAX_VALUE}. */
  public long nextDeadline() {
    if (!clock.running() || clock.paused()) {
      return Long.MAX_VALUE;
    }
    long next = endsByTime() ? clock.endsAt() : Long.MAX_VALUE;
    if (warningPending()) {
      next = Math.min(next, warnAt());
    }
    if (stageDue()) {
      next = Math.min(next, clock.stageEndsAt());
    }
    if (slotMovesByTime()) {
      next = Math.min(next, clock.slot().endsAt());
    }
    return next;
  }

  /** Whether the running discussion still owes its end warning; none for a phase shorter than the lead. */
  private boolean warningPending() {
    return currentKind() == PhaseKind.DISCUSSION && !clock.warned() && plan.warningLeadMs() > 0
        && warnAt() > clock.phaseStartedAt();
  }

  /**
   * A cut that leaves the discussion less than the lead, with the warning time now before the
   * phase began, is warned by the cut itself: {@link #tick} never would (it takes such a phase for
   * one planned shorter than the lead), and four presses of -1 min must not take 5:00 to 0:28 in
   * silence. A cut to zero ends the phase instead (no warning of no time left).
   */
  private void warnIfCutIntoLead(long effectiveNow, long now, String by, String opId) {
    long left = clock.endsAt() - effectiveNow;
    if (currentKind() == PhaseKind.DISCUSSION && !clock.warned() && plan.warningLeadMs() > 0
        && warnAt() <= clock.phaseStartedAt() && left > 0 && left <= plan.warningLeadMs()
        && plan.phases().get(clock.phaseIndex()).durationMs() > plan.warningLeadMs()) {
      clock = clock.withWarned(true);
      appendAll(new Event.ClockWarning(left, clock), now, by, opId);
    }
  }

  /** Whether the running phase ends by itself at {@code endsAt}: a presenter-paced presentation does not. */
  private boolean endsByTime() {
    return clock.endsAt() > 0 && (currentKind() != PhaseKind.PRESENTATION || plan.handover().timedSlots());
  }

  /** Whether a countdown or a wait for writing groups runs out by itself (before the phase's end). */
  private boolean stageDue() {
    return (clock.inStage(ClockState.Stage.COUNTDOWN) || clock.inStage(ClockState.Stage.WAITING))
        && (!endsByTime() || clock.stageEndsAt() < clock.endsAt());
  }

  /** Whether the slot under way ends by itself and another follows (timed slots only). */
  private boolean slotMovesByTime() {
    return plan.handover().timedSlots() && clock.presenting() && slotFollows();
  }

  private long warnAt() {
    return clock.endsAt() - plan.warningLeadMs();
  }

  /** Whether another presentation slot comes after the current one. */
  private boolean slotFollows() {
    return clock.slot() != null && clock.slot().index() < clock.slot().count() - 1;
  }

  /**
   * When a due event is written: the moment it was due, but never before what a log holds already
   * (an adjustment that makes the warning due at once, an edit handled before a late tick), so that
   * every log reads in time order.
   */
  private long stamp(long due) {
    long at = due;
    for (GroupRoom room : rooms.values()) {
      at = Math.max(at, room.lastAt());
    }
    return at;
  }

  /** The room holding a card, if any group of this workshop has it. */
  Optional<GroupRoom> roomWithCard(String cardId) {
    return rooms.values().stream().filter(r -> r.card(cardId).isPresent()).findFirst();
  }

  /** Writes one event into one group's log, as part of the operation being handled. */
  void appendTo(String groupId, Event event, long now, String by, String opId) {
    append(groupId, event, now, by, opId);
  }

  PhaseKind currentKind() {
    return clock.running() ? plan.phases().get(clock.phaseIndex()).kind() : null;
  }

  /** Enters phase {@code index} as of {@code startAt}; past the last phase the workshop ends. */
  private void enterPhase(int index, long startAt, long now, String by, String opId, List<String> warnings) {
    boolean wasWritable = isWritable(currentKind());
    long writableEndedAt = wasWritable ? startAt : clock.writableEndedAt();
    if (index >= plan.phases().size()) {
      clock = new ClockState("ended", plan.phases().size(), "ended", startAt, 0, false, 0, false,
          writableEndedAt, null, clock.order());
      appendAll(new Event.PhaseChanged(clock), now, by, opId);
      return;
    }
    WorkshopPlan.PhasePlan phase = plan.phases().get(index);
    clock = clock.with(phase.id(), index, phase.kind().json(), startAt, startAt + phase.durationMs())
        .withWritableEndedAt(writableEndedAt);
    if (phase.kind() == PhaseKind.PRESENTATION) {
      List<String> order = clock.order().isEmpty() ? defaultOrder() : clock.order();
      clock = clock.withOrder(order).withSlot(null);
      WorkshopPlan.Handover handover = plan.handover();
      if (handover.instructorStarts()) {
        clock = clock.withEndsAt(0, null).withStage(ClockState.Stage.READY, 0);
        appendAll(new Event.PhaseChanged(clock), now, by, opId);
      } else if (handover.prepMs() > 0) {
        clock = clock.withEndsAt(0, null).withStage(ClockState.Stage.COUNTDOWN, startAt + handover.prepMs());
        appendAll(new Event.PhaseChanged(clock), now, by, opId);
      } else {
        startPresentations(startAt, now, by, opId, warnings, true);
      }
    } else if (phase.kind() == PhaseKind.GALLERY) {
      appendAll(new Event.PhaseChanged(clock), now, by, opId);
      List<Event.GroupBoard> boards = rooms.values().stream()
          .map(r -> new Event.GroupBoard(r.groupId(), plan.groupName(r.groupId()), r.board())).toList();
      appendAll(new Event.GalleryOpened(boards), now, by, opId);
    } else {
      appendAll(new Event.PhaseChanged(clock), now, by, opId);
    }
  }

  private void endNow(long now, String by, String opId) {
    long writableEndedAt = isWritable(currentKind()) ? now : clock.writableEndedAt();
    clock = new ClockState("ended", plan.phases().size(), "ended", now, 0, false, 0, false, writableEndedAt,
        null, clock.order());
    appendAll(new Event.WorkshopEnded(clock), now, by, opId);
  }

  /** Every group with members, in group order; every group if nobody has joined. */
  private List<String> defaultOrder() {
    List<String> withMembers = rooms.values().stream().filter(r -> r.memberCount() > 0)
        .map(GroupRoom::groupId).toList();
    return withMembers.isEmpty() ? List.copyOf(rooms.keySet()) : withMembers;
  }

  /** The slot at {@code index}, sharing what is left of the phase evenly among the slots left. */
  private ClockState.Slot slotFrom(int index, long start) {
    List<String> order = clock.order();
    if (!plan.handover().timedSlots()) {
      // A guide, not a cut-off: every group is offered an equal share of the planned phase.
      long length = presentationMs() / Math.max(1, order.size());
      return new ClockState.Slot(index, order.size(), order.get(index), start + length, length);
    }
    int left = order.size() - index;
    long length = Math.max(0, (clock.endsAt() - start) / left);
    long endsAt = index == order.size() - 1 ? clock.endsAt() : start + length;
    return new ClockState.Slot(index, order.size(), order.get(index), endsAt, length);
  }

  private void warnIfShort(List<String> warnings) {
    if (clock.slot() != null && plan.handover().timedSlots()) {
      warnIfShort(clock.slot().lengthMs(), warnings);
    }
  }

  private static void warnIfShort(long slotMs, List<String> warnings) {
    if (slotMs < SHORT_SLOT_MS) {
      // "code: English"; clients word the code themselves (docs/protocol.md, "Errors").
      warnings.add("short-slots: each group gets " + slotMs / 1000
          + " s to present; consider adding time or fewer groups.");
    }
  }

  /**
   * Warns at the start, while there is still time to act, when the presentation phase will give
   * each group less than {@link #SHORT_SLOT_MS}: the clock moves into it by itself, with no
   * operation whose ack could carry the warning then.
   */
  private void warnIfPresentationSlotsShort(List<String> warnings) {
    int slots = clock.order().isEmpty() ? defaultOrder().size() : clock.order().size();
    plan.phases().stream().filter(p -> p.kind() == PhaseKind.PRESENTATION).findFirst()
        .ifPresent(p -> warnIfShort(p.durationMs() / Math.max(1, slots), warnings));
  }

  private Rejection adjust(AdjustClock a, long now, String by, String opId, List<String> warnings) {
    if (a.seconds() == 0 || Math.abs(a.seconds()) > 3600) {
      return Rejection.of(Reason.ADJUST_RANGE, "max", 3600);
    }
    long delta = a.seconds() * 1000L;
    long effectiveNow = clock.paused() ? clock.pausedAt() : now;
    if (a.groupId() != null) {
      if (!plan.hasGroup(a.groupId())) {
        return noGroup(a.groupId());
      }
      GroupRoom room = rooms.get(a.groupId());
      long base = isWritable(currentKind()) ? clock.endsAt() : clock.writableEndedAt();
      if (base == 0) {
        return Rejection.of(Reason.NO_GROUP_TIME);
      }
      long extra = Math.max(room.extraMs() + delta, effectiveNow - base);
      append(a.groupId(), new Event.GroupClockAdjusted(a.groupId(), a.seconds(), extra), now, by, opId);
      refreshWait(effectiveNow, now, by, opId);
      return null;
    }
    if (clock.inStage(ClockState.Stage.COUNTDOWN)) {
      clock = clock.withStage(ClockState.Stage.COUNTDOWN, Math.max(clock.stageEndsAt() + delta, effectiveNow));
      appendAll(new Event.ClockAdjusted(a.seconds(), clock), now, by, opId);
      return null;
    }
    if (clock.endsAt() == 0) {
      return Rejection.of(Reason.NO_PRESENTATION_TIME);
    }
    if (clock.slot() != null && !plan.handover().timedSlots()) {
      // Presenter-paced: the time moves the presenting group's guide (and the phase's with it).
      ClockState.Slot s = clock.slot();
      ClockState.Slot moved = new ClockState.Slot(s.index(), s.count(), s.groupId(),
          Math.max(s.endsAt() + delta, effectiveNow), s.lengthMs());
      clock = clock.withEndsAt(Math.max(clock.endsAt() + delta, effectiveNow), moved);
      appendAll(new Event.ClockAdjusted(a.seconds(), clock), now, by, opId);
      return null;
    }
    long endsAt = Math.max(clock.endsAt() + delta, effectiveNow);
    clock = clock.withEndsAt(endsAt, clock.slot());
    if (clock.warned() && endsAt - effectiveNow > plan.warningLeadMs()) {
      clock = clock.withWarned(false);
    }
    if (clock.slot() != null) {
      clock = clock.withSlot(slotFrom(clock.slot().index(), effectiveNow));
      warnIfShort(warnings);
    }
    appendAll(new Event.ClockAdjusted(a.seconds(), clock), now, by, opId);
    warnIfCutIntoLead(effectiveNow, now, by, opId);
    return null;
  }

  private Rejection spotlight(String groupId, long now, String by, String opId, List<String> warnings) {
    if (!plan.hasGroup(groupId)) {
      return noGroup(groupId);
    }
    if (clock.phaseIndex() == -1) {
      return Rejection.of(Reason.NOT_STARTED);
    }
    if (clock.stage() != null && clock.slot() == null && clock.running()) {
      // Calling a group before the presentations started starts them, with that group first: the
      // instructor chose who presents (also over a wait for writing groups).
      List<String> order = new ArrayList<>(clock.order());
      order.remove(groupId);
      order.add(0, groupId);
      if (clock.paused()) {
        resumeAt(now);
      }
      clock = clock.withOrder(order)
          .with(clock.phase(), clock.phaseIndex(), clock.kind(), now, now + presentationMs())
          .withStage(ClockState.Stage.PRESENTING, 0);
      clock = clock.withSlot(slotFrom(0, now));
      warnIfShort(warnings);
      appendAll(new Event.PresentationStarted(clock), now, by, opId);
      appendSpotlight(groupId, now, by, opId);
      return null;
    }
    if (clock.slot() != null) {
      List<String> order = new ArrayList<>(clock.order());
      int index = order.indexOf(groupId);
      if (index < 0) {
        // A group that was not in the queue presents next, right now.
        index = clock.slot().index() + 1;
        order.add(index, groupId);
        clock = clock.withOrder(order);
      }
      clock = clock.withSlot(slotFrom(index, clock.paused() ? clock.pausedAt() : now));
      if (clock.inStage(ClockState.Stage.WAITING)) {
        // The instructor chose who presents: the wait for the writing groups is over.
        clock = clock.withStage(ClockState.Stage.PRESENTING, 0);
      }
      warnIfShort(warnings);
    }
    appendSpotlight(groupId, now, by, opId);
    return null;
  }

  private Rejection order(List<String> groupIds, long now, String by, String opId, List<String> warnings) {
    if (groupIds.isEmpty()) {
      return Rejection.of(Reason.ORDER_EMPTY);
    }
    if (new HashSet<>(groupIds).size() != groupIds.size()) {
      return Rejection.of(Reason.ORDER_DUPLICATE);
    }
    for (String g : groupIds) {
      if (!plan.hasGroup(g)) {
        return noGroup(g);
      }
    }
    String current = clock.slot() == null ? null : clock.slot().groupId();
    clock = clock.withOrder(groupIds);
    if (clock.slot() != null) {
      int index = Math.max(0, groupIds.indexOf(current));
      clock = clock.withSlot(slotFrom(index, clock.paused() ? clock.pausedAt() : now));
      warnIfShort(warnings);
    }
    boolean moved = clock.slot() != null && !clock.slot().groupId().equals(current);
    if (moved && clock.inStage(ClockState.Stage.WAITING)) {
      // A new order put another group in the spotlight: it presents, the wait is over.
      clock = clock.withStage(ClockState.Stage.PRESENTING, 0);
    }
    appendAll(new Event.PresentationOrdered(groupIds, clock), now, by, opId);
    if (moved) {
      appendSpotlight(clock.slot().groupId(), now, by, opId);
    }
    return null;
  }

  // ---------------------------------------------------------------- the handover (decision 010)

  private long presentationMs() {
    return plan.phases().get(clock.phaseIndex()).durationMs();
  }

  /** Ends a pause at {@code now}: every deadline that stood still moves by the pause's length. */
  private void resumeAt(long now) {
    long shift = now - clock.pausedAt();
    ClockState.Slot slot = clock.slot();
    ClockState.Slot shiftedSlot = slot == null ? null
        : new ClockState.Slot(slot.index(), slot.count(), slot.groupId(), slot.endsAt() + shift, slot.lengthMs());
    clock = clock.withEndsAt(clock.endsAt() == 0 ? 0 : clock.endsAt() + shift, shiftedSlot).withPause(false, 0);
    if (clock.stageEndsAt() != 0) {
      clock = clock.withStage(clock.stage(), clock.stageEndsAt() + shift);
    }
    if (!isWritable(currentKind()) && clock.writableEndedAt() != 0) {
      // The grace and the groups' own extra time, which run from here, stood still too (see writeWindow).
      clock = clock.withWritableEndedAt(clock.writableEndedAt() + shift);
    }
  }

  /**
   * When a group given extra time is done writing (its own deadline plus the grace), or 0 for a
   * group that has no writing time past the common end.
   */
  private long doneWritingAt(String groupId) {
    long extra = rooms.get(groupId).extraMs();
    if (clock.writableEndedAt() == 0 || extra <= 0) {
      return 0;
    }
    return clock.writableEndedAt() + extra + plan.graceMs();
  }

  private boolean writing(String groupId, long at) {
    return at < doneWritingAt(groupId);
  }

  /**
   * Starts the presentations as of {@code start}: groups still writing move behind the groups that
   * are done, and when none is done (or, if the workshop waits for them, while any writes) the
   * presentations wait for them instead.
   */
  private void startPresentations(long start, long now, String by, String opId, List<String> warnings,
      boolean announcePhase) {
    List<String> done = new ArrayList<>();
    List<String> stillWriting = new ArrayList<>();
    clock.order().forEach(g -> (writing(g, start) ? stillWriting : done).add(g));
    boolean hold = plan.handover().waitForWriting() ? !stillWriting.isEmpty() : done.isEmpty();
    if (!hold || !plan.handover().waitForWriting()) {
      // Waiting for everyone keeps the order as it was; otherwise the writing groups go last.
      List<String> order = new ArrayList<>(done);
      stillWriting.stream().sorted((a, b) -> Long.compare(doneWritingAt(a), doneWritingAt(b))).forEach(order::add);
      clock = clock.withOrder(order);
    }
    if (hold) {
      long until = plan.handover().waitForWriting()
          ? stillWriting.stream().mapToLong(this::doneWritingAt).max().orElse(start)
          : doneWritingAt(clock.order().get(0));
      clock = clock.withEndsAt(0, null).withStage(ClockState.Stage.WAITING, until);
      if (announcePhase) {
        appendAll(new Event.PhaseChanged(clock), now, by, opId);
      }
      appendAll(new Event.PresentationWaiting(stillWriting, clock), now, by, opId);
      return;
    }
    clock = clock.with(clock.phase(), clock.phaseIndex(), clock.kind(), start, start + presentationMs())
        .withStage(ClockState.Stage.PRESENTING, 0);
    clock = clock.withSlot(slotFrom(0, start));
    warnIfShort(warnings);
    appendAll(announcePhase ? new Event.PhaseChanged(clock) : new Event.PresentationStarted(clock), now, by, opId);
    appendSpotlight(clock.slot().groupId(), now, by, opId);
  }

  /**
   * The next group presents from {@code start}: the first one after the current slot that is done
   * writing, moved up before any still writing; if only writing groups are left, the presentations
   * wait for the first of them. After the last slot the phase ends.
   */
  private void advance(long start, long now, String by, String opId, List<String> warnings) {
    int next = clock.slot() == null ? 0 : clock.slot().index() + 1;
    List<String> order = new ArrayList<>(clock.order());
    if (next >= order.size()) {
      enterPhase(clock.phaseIndex() + 1, start, now, by, opId, warnings);
      return;
    }
    int pick = -1;
    for (int i = next; i < order.size(); i++) {
      if (!writing(order.get(i), start)) {
        pick = i;
        break;
      }
    }
    if (pick < 0) {
      List<String> left = order.subList(next, order.size());
      long until = left.stream().mapToLong(this::doneWritingAt).min().orElse(start);
      clock = clock.withStage(ClockState.Stage.WAITING, until);
      appendAll(new Event.PresentationWaiting(left, clock), now, by, opId);
      return;
    }
    if (pick != next) {
      order.add(next, order.remove(pick));
      clock = clock.withOrder(order);
    }
    clock = clock.withStage(ClockState.Stage.PRESENTING, 0).withSlot(slotFrom(next, start));
    warnIfShort(warnings);
    appendSpotlight(clock.slot().groupId(), now, by, opId);
  }

  /** A group's time changed during a wait: the wait ends when the groups it waits for are done now. */
  private void refreshWait(long at, long now, String by, String opId) {
    if (!clock.inStage(ClockState.Stage.WAITING)) {
      return;
    }
    int next = clock.slot() == null ? 0 : clock.slot().index() + 1;
    List<String> left = clock.order().subList(next, clock.order().size());
    List<String> stillWriting = left.stream().filter(g -> writing(g, at)).toList();
    boolean waitForAll = clock.slot() == null && plan.handover().waitForWriting();
    long until = stillWriting.isEmpty() ? at
        : waitForAll ? stillWriting.stream().mapToLong(this::doneWritingAt).max().orElse(at)
        : stillWriting.stream().mapToLong(this::doneWritingAt).min().orElse(at);
    if (!waitForAll && stillWriting.size() < left.size()) {
      until = at;
    }
    if (until != clock.stageEndsAt()) {
      clock = clock.withStage(ClockState.Stage.WAITING, until);
      appendAll(new Event.PresentationWaiting(stillWriting, clock), now, by, opId);
    }
  }

  private Rejection nextPresenter(Actor actor, String opId, NextPresenter next, long now, List<String> warnings) {
    String from = next.from();
    if (actor instanceof Actor.Student) {
      Seat seat = seats.get(actor.id());
      if (!plan.handover().presenterAdvances() || seat == null) {
        return Rejection.of(Reason.INSTRUCTOR_ADVANCES);
      }
      if (clock.slot() == null || !seat.groupId().equals(clock.slot().groupId())) {
        return Rejection.of(Reason.PRESENTING_GROUP_ONLY);
      }
      from = seat.groupId();
    }
    if (!clock.presenting()) {
      return Rejection.of(Reason.NOBODY_PRESENTING);
    }
    if (from != null && !from.equals(clock.slot().groupId())) {
      return Rejection.of(Reason.ALREADY_PRESENTED);
    }
    if (clock.paused()) {
      resumeAt(now);
    }
    advance(now, now, actor.id(), opId, warnings);
    return null;
  }

  // ---------------------------------------------------------------- writing windows

  private enum Write { OPEN, LATE, CLOSED }

  private static boolean isWritable(PhaseKind kind) {
    return kind == PhaseKind.DISCUSSION || kind == PhaseKind.OTHER;
  }

  /**
   * Whether the group may write now. After a writing phase ends (for the group: plus its own extra
   * time), writes are still taken for the grace period and flagged late.
   */
  private Write writeWindow(GroupRoom room, long now) {
    long at = clock.paused() ? clock.pausedAt() : now;
    long deadline;
    if (isWritable(currentKind())) {
      deadline = clock.endsAt() + room.extraMs();
    } else if (clock.writableEndedAt() != 0) {
      deadline = clock.writableEndedAt() + room.extraMs();
    } else {
      return Write.CLOSED;
    }
    if (at < deadline) {
      return Write.OPEN;
    }
    return at < deadline + plan.graceMs() ? Write.LATE : Write.CLOSED;
  }

  private static Rejection closed() {
    return Rejection.of(Reason.WRITING_CLOSED);
  }

  // ---------------------------------------------------------------- helpers

  private Rejection checkText(String text, String label) {
    if (text == null || text.isBlank()) {
      return Rejection.of(Reason.CARD_TEXT_REQUIRED);
    }
    if (tooLong(text, limits.maxCardChars())) {
      return tooLongRejection("card", limits.maxCardChars());
    }
    if (label != null && tooLong(label, limits.maxLabelChars())) {
      return tooLongRejection("label", limits.maxLabelChars());
    }
    return null;
  }

  private static boolean tooLong(String text, int max) {
    return text.codePointCount(0, text.length()) > max;
  }

  private static Rejection tooLongRejection(String what, int max) {
    return Rejection.of(Reason.TEXT_TOO_LONG, "field", what, "max", max);
  }

  private static Rejection noGroup(String groupId) {
    return Rejection.of(Reason.NO_GROUP, "groupId", groupId);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private long lastBroadcastAt() {
    return rooms.values().stream().mapToLong(GroupRoom::lastBroadcastAt).max().orElse(0);
  }

  private void appendSpotlight(String groupId, long now, String by, String opId) {
    appendAll(new Event.SpotlightChanged(groupId, plan.groupName(groupId), rooms.get(groupId).board(), clock),
        now, by, opId);
  }

  private void appendAll(Event.WorkshopWide event, long now, String by, String opId) {
    for (String groupId : rooms.keySet()) {
      append(groupId, event, now, by, opId);
    }
  }

  private void append(String groupId, Event event, long now, String by, String opId) {
    append(pending, groupId, event, now, by, opId);
  }

  private void append(List<Logged> into, String groupId, Event event, long now, String by, String opId) {
    GroupRoom room = rooms.get(groupId);
    Logged logged = new Logged(groupId, room.nextSeq(), now, by, opId, event);
    room.apply(logged);
    into.add(logged);
  }

  /** The clock a workshop-wide event carries, if it carries one. */
  static Optional<ClockState> clockOf(Event.WorkshopWide event) {
    if (event instanceof Event.PhaseChanged e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.ClockPaused e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.ClockResumed e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.ClockAdjusted e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.ClockWarning e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.SpotlightChanged e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.PresentationOrdered e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.WorkshopEnded e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.PresentationStarted e) {
      return Optional.of(e.clock());
    } else if (event instanceof Event.PresentationWaiting e) {
      return Optional.of(e.clock());
    }
    return Optional.empty();
  }
}
