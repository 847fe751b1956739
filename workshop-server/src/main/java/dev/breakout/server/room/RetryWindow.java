package dev.breakout.server.room;

import dev.breakout.server.room.Outcome.Ack;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The acks of each actor's newest operations, so that a retry is answered, not applied again,
 * without keeping every opId a workshop ever saw. Past {@code perActor} acks the oldest is
 * dropped and its opId goes into a fixed-size Bloom filter: a later opId the filter may hold is
 * checked against the store before it is applied ({@link Workshop#mayHaveApplied}); one it
 * cannot hold is new for certain. Memory per actor is bounded either way.
 */
final class RetryWindow {
  /** 32 Kibit (4 KiB) per actor, made only once the actor's window overflowed. */
  private static final int FILTER_LONGS = 512;
  private static final int FILTER_BITS = FILTER_LONGS * 64;
  private static final int PROBES = 3;

  private final int perActor;
  private final Map<String, Window> byActor = new HashMap<>();

  RetryWindow(int perActor) {
    this.perActor = perActor;
  }

  Ack get(String actorId, String opId) {
    Window w = byActor.get(actorId);
    return w == null ? null : w.get(opId);
  }

  void put(String actorId, String opId, Ack ack) {
    byActor.computeIfAbsent(actorId, a -> new Window()).put(opId, ack);
  }

  /** Whether the opId may be one of the actor's dropped ones (false: it was never applied). */
  boolean droppedMayContain(String actorId, String opId) {
    Window w = byActor.get(actorId);
    return w != null && w.dropped != null && w.dropped.mayContain(opId);
  }

  /** One actor's newest acks in the order applied; the eldest goes to the filter. */
  private final class Window extends LinkedHashMap<String, Ack> {
    private Bloom dropped;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Ack> eldest) {
      if (size() <= perActor) {
        return false;
      }
      if (dropped == null) {
        dropped = new Bloom();
      }
      dropped.add(eldest.getKey());
      return true;
    }
  }

  private static final class Bloom {
    private final long[] bits = new long[FILTER_LONGS];

    void add(String key) {
      long h = hash(key);
      int h1 = (int) h;
      int h2 = (int) (h >>> 32) | 1;
      for (int i = 0; i < PROBES; i++) {
        int bit = Math.floorMod(h1 + i * h2, FILTER_BITS);
        bits[bit >>> 6] |= 1L << (bit & 63);
      }
    }

    boolean mayContain(String key) {
      long h = hash(key);
      int h1 = (int) h;
      int h2 = (int) (h >>> 32) | 1;
      for (int i = 0; i < PROBES; i++) {
        int bit = Math.floorMod(h1 + i * h2, FILTER_BITS);
        if ((bits[bit >>> 6] & (1L << (bit & 63))) == 0) {
          return false;
        }
      }
      return true;
    }

    /** 64-bit FNV-1a over the UTF-16 units, then a final mix so that both halves are usable. */
    private static long hash(String key) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < key.length(); i++) {
        h ^= key.charAt(i);
        h *= 0x100000001b3L;
      }
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      return h;
    }
  }
}
