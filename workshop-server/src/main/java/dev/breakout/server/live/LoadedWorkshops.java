package dev.breakout.server.live;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workshops loaded on this node, by id and by join code, and the choice of loop for a new
 * copy. The two maps are concurrent: changed only on the registry's context (by {@link Workshops}
 * and {@link Unloading}), read from any context, so that a lookup from a socket's loop costs no hop
 * (docs/decisions/002-one-event-loop-per-node.md).
 */
final class LoadedWorkshops {
  private final Map<String, LiveWorkshop> byId = new ConcurrentHashMap<>();
  private final Map<String, String> idByJoinCode = new ConcurrentHashMap<>();
  /** The event-loop contexts workshops are spread over, the registry's first. */
  private final List<Context> loops;

  LoadedWorkshops(List<Context> loops) {
    this.loops = loops;
  }

  List<Context> loops() {
    return loops;
  }

  /** The copy loaded for this id, on whichever context; null when none is. Any context. */
  LiveWorkshop get(String workshopId) {
    return byId.get(workshopId);
  }

  boolean containsId(String workshopId) {
    return byId.containsKey(workshopId);
  }

  /** The id loaded here under this join code; null when none is. Any context. */
  String idOf(String joinCode) {
    return idByJoinCode.get(joinCode);
  }

  /** The copy for this id, or else this join code; null when neither is loaded. Any context. */
  LiveWorkshop lookup(String workshopId, String joinCode) {
    String id = workshopId != null ? workshopId : joinCode == null ? null : idByJoinCode.get(joinCode);
    return id == null ? null : byId.get(id);
  }

  /**
   * The copy of this workshop that lives on the current context; null when it is not loaded, or
   * when another copy took its place on another context (a caller holding an old copy's
   * connection then tells its client to reconnect).
   */
  LiveWorkshop here(String workshopId) {
    LiveWorkshop live = byId.get(workshopId);
    return live != null && live.context() == Vertx.currentContext() ? live : null;
  }

  /** Whether a workshop with this join code is loaded on this node, on whichever loop. */
  boolean holdsCode(String code) {
    String id = idByJoinCode.get(code);
    return id != null && byId.containsKey(id);
  }

  int size() {
    return byId.size();
  }

  /** A copy of the loaded workshops, to go through while the maps change. */
  List<LiveWorkshop> all() {
    return List.copyOf(byId.values());
  }

  /** On the registry's context. */
  void put(LiveWorkshop live) {
    byId.put(live.id(), live);
    idByJoinCode.put(live.workshop().plan().joinCode(), live.id());
  }

  /**
   * On the registry's context: forgets this copy and its join code, unless another copy took its
   * place (that one stays); true when it was forgotten.
   */
  boolean remove(LiveWorkshop live) {
    String id = live.id();
    if (!byId.remove(id, live)) {
      return false;
    }
    idByJoinCode.remove(live.workshop().plan().joinCode(), id);
    return true;
  }

  /** On the registry's context. */
  void clear() {
    byId.clear();
    idByJoinCode.clear();
  }

  /** The loop for a new copy: the one that holds the fewest workshops (the first of them on a tie). */
  Context leastBusyLoop() {
    Map<Context, Integer> held = new HashMap<>();
    byId.values().forEach(l -> held.merge(l.context(), 1, Integer::sum));
    Context context = loops.get(0);
    for (Context c : loops) {
      if (held.getOrDefault(c, 0) < held.getOrDefault(context, 0)) {
        context = c;
      }
    }
    return context;
  }
}
