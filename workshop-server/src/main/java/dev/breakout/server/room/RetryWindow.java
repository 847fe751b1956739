package dev.breakout.server.room;

import dev.breakout.server.room.Outcome.Ack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The acks of each actor's newest operations, so that a retry is answered, not applied again,
 * without keeping every opId a workshop ever saw. Past {@code perActor} acks the oldest is
 * dropped and its opId goes into a fixed-size Bloom filter: a later opId the filter may hold is
 * checked against the store before it is applied ({@link Workshop#mayHaveApplied}); one it
 * cannot hold is new for certain. Memory per actor is bounded either way.
 *
 * <p>Every accepted operation passes through here and stays for {@code perActor} more of its
 * actor's operations, long enough to be copied by several young collections: so an ack is kept as
 * array slots, not as objects. The common ack (one group, no warning) is its opId, group and
 * seq; only another shape is kept whole. Before this, each ack kept six objects (map entry, ack
 * record, its map, a boxed seq and a map view beside the opId), the largest share of what
 * survives a young collection at the load (docs/benchmarks.md, run 22).
 */
final class RetryWindow {
  /** 32 Kibit (4 KiB) per actor, made only once the actor's window overflowed. */
  private static final int FILTER_LONGS = 512;
  private static final int FILTER_BITS = FILTER_LONGS * 64;
  private static final int PROBES = 3;
  /** Slots of a new actor's window; it doubles up to {@code perActor} as the actor works. */
  private static final int FIRST_SLOTS = 4;

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

  /**
   * One actor's newest acks, a ring in the order applied; the eldest goes to the filter. An opId
   * put again (a remembered retry) takes a new slot; the older one is never found before it.
   */
  private final class Window {
    private String[] opIds = new String[Math.min(FIRST_SLOTS, perActor)];
    private int[] hashes = new int[opIds.length];
    /** The group of a one-group ack without warnings; null when {@code whole} holds the ack. */
    private String[] groups = new String[opIds.length];
    private long[] seqs = new long[opIds.length];
    /** Acks of another shape, by slot; made only when one comes. */
    private Ack[] whole;
    /** The slot the next ack takes, and how many slots hold one. */
    private int next;
    private int size;
    private Bloom dropped;

    Ack get(String opId) {
      int h = opId.hashCode();
      // Newest first: a retry is most often of the latest operations.
      for (int i = 1; i <= size; i++) {
        int slot = Math.floorMod(next - i, opIds.length);
        if (hashes[slot] == h && opIds[slot].equals(opId)) {
          return groups[slot] != null
              ? new Ack(opId, Map.of(groups[slot], seqs[slot]), List.of())
              : whole[slot];
        }
      }
      return null;
    }

    void put(String opId, Ack ack) {
      if (size == opIds.length && opIds.length < perActor) {
        grow();
      }
      if (size == opIds.length) {
        if (dropped == null) {
          dropped = new Bloom();
        }
        dropped.add(opIds[next]);
        size--;
      }
      opIds[next] = opId;
      hashes[next] = opId.hashCode();
      if (ack.seqs().size() == 1 && ack.warnings().isEmpty()) {
        Map.Entry<String, Long> only = ack.seqs().entrySet().iterator().next();
        groups[next] = only.getKey();
        seqs[next] = only.getValue();
        if (whole != null) {
          whole[next] = null;
        }
      } else {
        if (whole == null) {
          whole = new Ack[opIds.length];
        }
        groups[next] = null;
        whole[next] = ack;
      }
      next = (next + 1) % opIds.length;
      size++;
    }

    /** Doubles the ring (at most to perActor), oldest first, so that {@code next} is its end. */
    private void grow() {
      int n = Math.min(opIds.length * 2, perActor);
      int start = Math.floorMod(next - size, opIds.length);
      opIds = unroll(opIds, new String[n], start);
      groups = unroll(groups, new String[n], start);
      if (whole != null) {
        whole = unroll(whole, new Ack[n], start);
      }
      int[] h = new int[n];
      long[] s = new long[n];
      for (int i = 0; i < size; i++) {
        h[i] = hashes[(start + i) % hashes.length];
        s[i] = seqs[(start + i) % seqs.length];
      }
      hashes = h;
      seqs = s;
      next = size;
    }

    private <T> T[] unroll(T[] from, T[] to, int start) {
      for (int i = 0; i < size; i++) {
        to[i] = from[(start + i) % from.length];
      }
      return to;
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
