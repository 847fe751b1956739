package dev.breakout.server.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one event loop hands to other loops during one turn, handed over as one task per target
 * loop after the turn instead of one per message: a workshop's fan-out to sockets on other loops
 * ({@code SocketWire}), and a socket loop's messages to the workshops' loops ({@link
 * ClientSession}). Waking another thread is what a hand-over costs, most of all on a crowded
 * machine; the edge's {@code EdgeOutbox} does the same per edge node
 * (docs/decisions/002-one-event-loop-per-node.md).
 *
 * <p>One per thread: used only by the event loop that owns it. Order is kept: what one loop hands
 * another is queued in order within a turn, and turns are handed over in order, each through the
 * target loop's task queue.
 */
public final class LoopOutbox {
  private static final ThreadLocal<LoopOutbox> OF_THIS_LOOP = ThreadLocal.withInitial(LoopOutbox::new);

  /** Per target context: a workshop's task must run on the workshop's own context. */
  private Map<Context, Batch> pending = new LinkedHashMap<>();

  private record Batch(Context target, List<Runnable> tasks) {}

  private LoopOutbox() {}

  /**
   * Runs {@code task} on {@code target}'s event loop, after the current turn of the calling loop and
   * after what it handed that loop before; from outside any event loop, at once through the
   * target's queue.
   */
  public static void hand(Context target, Runnable task) {
    Context here = Vertx.currentContext();
    if (here == null || !here.isEventLoopContext()) {
      target.runOnContext(v -> task.run());
      return;
    }
    LoopOutbox box = OF_THIS_LOOP.get();
    if (box.pending.isEmpty()) {
      here.runOnContext(v -> box.flush());
    }
    box.pending.computeIfAbsent(target, c -> new Batch(target, new ArrayList<>())).tasks().add(task);
  }

  private void flush() {
    Map<Context, Batch> turn = pending;
    // A fresh map first: whatever is handed from here on belongs to the next turn.
    pending = new LinkedHashMap<>();
    turn.values().forEach(b -> b.target().runOnContext(v -> b.tasks().forEach(Runnable::run)));
  }
}
