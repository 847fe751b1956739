package dev.breakout.server.room;

import java.util.List;

/**
 * The exercise clock as deadlines, never as a ticking counter: a client renders {@code endsAt}
 * against the server time it was given, so a reconnect or a reload cannot reset a countdown.
 *
 * @param phase          {@code lobby}, a phase id of the content ({@code phase1}, ...), or {@code ended}
 * @param phaseIndex     -1 in the lobby, the phase's position while running, the phase count once ended
 * @param kind           {@code lobby}, {@code discussion}, {@code presentation}, {@code other} or {@code ended}
 * @param endsAt         when the running phase ends (epoch ms); 0 in the lobby and once ended
 * @param paused         whether the clock stands still; then {@code remainingMs} is what is left
 * @param pausedAt       when the pause began (epoch ms), 0 when running
 * @param warned         whether the end-of-discussion warning for this phase was given
 * @param writableEndedAt when the last writable phase ended (epoch ms), 0 before; the grace runs from it,
 *                       so a later pause moves it like a deadline
 * @param slot           the presentation slot under way, or null
 * @param order          the presentation order (group ids); empty until a presentation starts or is ordered
 * @param stage          in a presentation phase, where the handover stands (see {@link Stage}); null otherwise
 * @param stageEndsAt    when the preparation countdown or a wait for writing groups ends (epoch ms), else 0
 */
public record ClockState(
    String phase,
    int phaseIndex,
    String kind,
    long phaseStartedAt,
    long endsAt,
    boolean paused,
    long pausedAt,
    boolean warned,
    long writableEndedAt,
    Slot slot,
    List<String> order,
    String stage,
    long stageEndsAt) {

  public ClockState {
    order = List.copyOf(order);
  }

  /** A clock outside the presentation handover (as every clock was before decision 010). */
  public ClockState(String phase, int phaseIndex, String kind, long phaseStartedAt, long endsAt, boolean paused,
      long pausedAt, boolean warned, long writableEndedAt, Slot slot, List<String> order) {
    this(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned, writableEndedAt, slot, order,
        null, 0);
  }

  /**
   * Where the handover from the discussion to the presentations stands (decision 010): the wire
   * names are {@code ready}, {@code countdown}, {@code waiting} and {@code presenting}.
   */
  public static final class Stage {
    /** The discussion is over; the presentations start when the instructor says so. */
    public static final String READY = "ready";
    /** The presentations start by themselves at {@code stageEndsAt}. */
    public static final String COUNTDOWN = "countdown";
    /** The next presenter is a group still writing; the presentations go on at {@code stageEndsAt}. */
    public static final String WAITING = "waiting";
    /** A group presents ({@code slot}). */
    public static final String PRESENTING = "presenting";

    private Stage() {}
  }

  static ClockState lobby() {
    return new ClockState("lobby", -1, "lobby", 0, 0, false, 0, false, 0, null, List.of());
  }

  public boolean presenting() {
    return Stage.PRESENTING.equals(stage);
  }

  boolean inStage(String s) {
    return s.equals(stage);
  }

  /** Milliseconds left in the running phase at {@code now}. */
  public long remainingMs(long now) {
    if (endsAt == 0) {
      return 0;
    }
    return Math.max(0, endsAt - (paused ? pausedAt : now));
  }

  public boolean running() {
    return phaseIndex >= 0 && !"ended".equals(kind);
  }

  /**
   * One group's turn in the presentation phase.
   *
   * @param index  position in {@link ClockState#order()}
   * @param count  number of slots
   * @param endsAt when the slot ends (epoch ms)
   * @param lengthMs how long the slot was when it began
   */
  public record Slot(int index, int count, String groupId, long endsAt, long lengthMs) {}

  ClockState with(String phase, int phaseIndex, String kind, long phaseStartedAt, long endsAt) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, false, 0, false, writableEndedAt, null,
        order, null, 0);
  }

  ClockState withPause(boolean paused, long pausedAt) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }

  ClockState withEndsAt(long endsAt, Slot slot) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }

  ClockState withWarned(boolean warned) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }

  ClockState withWritableEndedAt(long at) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned, at, slot,
        order, stage, stageEndsAt);
  }

  ClockState withSlot(Slot slot) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }

  ClockState withOrder(List<String> order) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }

  ClockState withStage(String stage, long stageEndsAt) {
    return new ClockState(phase, phaseIndex, kind, phaseStartedAt, endsAt, paused, pausedAt, warned,
        writableEndedAt, slot, order, stage, stageEndsAt);
  }
}
