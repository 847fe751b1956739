package dev.breakout.server.live;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * One group's newest events, kept as the bytes they were sent as, packed one after another into a
 * few byte blocks, with their seqs and places in primitive arrays. Part of {@link RecentEvents}.
 *
 * <p>Why not a list of frames: every event stays here for hundreds more of its group's events,
 * long enough to be copied by several young collections, and at the load the objects
 * kept per event were most of what each young pause copied (docs/benchmarks.md, run 22). Here an
 * event adds no object: its bytes are copied into the newest block, which a collection copies as
 * one array. A replay, which is rare (a reconnect), copies each event back out into a frame.
 */
final class GroupHistory {
  /** The first block of a group; each next one doubles, up to {@link #MAX_BLOCK}. */
  private static final int FIRST_BLOCK = 1024;
  private static final int MAX_BLOCK = 32 * 1024;
  /** Entries of a new history; the arrays double up to {@code capacity} as events come. */
  private static final int FIRST_ENTRIES = 8;

  private final int capacity;
  /** The blocks still holding a kept event, oldest first; the last is written to. */
  private final ArrayDeque<byte[]> blocks = new ArrayDeque<>();
  /** The number of the first block in {@link #blocks}; blocks are numbered as they are made. */
  private int firstBlock;
  /** Where the next event's bytes go in the last block. */
  private int writeAt;

  // A ring of entries, oldest at `head`.
  private long[] seqs;
  private int[] blockOf;
  private int[] offsets;
  private int[] lengths;
  private int head;
  private int size;

  GroupHistory(int capacity) {
    this.capacity = capacity;
    int n = Math.min(FIRST_ENTRIES, capacity);
    seqs = new long[n];
    blockOf = new int[n];
    offsets = new int[n];
    lengths = new int[n];
  }

  /** Keeps an event's encoded message, dropping the oldest past {@code capacity}. */
  void add(long seq, byte[] utf8) {
    if (size == capacity) {
      dropOldest();
    } else if (size == seqs.length) {
      grow();
    }
    byte[] block = blocks.peekLast();
    if (block == null || writeAt + utf8.length > block.length) {
      int next = block == null ? FIRST_BLOCK : Math.min(MAX_BLOCK, block.length * 2);
      block = new byte[Math.max(next, utf8.length)];
      blocks.addLast(block);
      writeAt = 0;
      release();
    }
    System.arraycopy(utf8, 0, block, writeAt, utf8.length);
    int i = (head + size) % seqs.length;
    seqs[i] = seq;
    blockOf[i] = firstBlock + blocks.size() - 1;
    offsets[i] = writeAt;
    lengths[i] = utf8.length;
    writeAt += utf8.length;
    size++;
  }

  /** The oldest kept seq; only when not empty. */
  long firstSeq() {
    return seqs[head];
  }

  /** The newest kept seq, 0 when empty. */
  long lastSeq() {
    return size == 0 ? 0 : seqs[(head + size - 1) % seqs.length];
  }

  /** Adds a frame for each kept event after {@code from}, oldest first. */
  void framesAfter(long from, List<Frame> into) {
    byte[][] kept = blocks.toArray(new byte[0][]);
    for (int k = 0; k < size; k++) {
      int i = (head + k) % seqs.length;
      if (seqs[i] > from) {
        byte[] block = kept[blockOf[i] - firstBlock];
        into.add(Frame.event(seqs[i], Arrays.copyOfRange(block, offsets[i], offsets[i] + lengths[i])));
      }
    }
  }

  /** Bytes held in blocks, for tests: bounded by what the kept events need plus two blocks. */
  long blockBytes() {
    return blocks.stream().mapToLong(b -> b.length).sum();
  }

  private void dropOldest() {
    head = (head + 1) % seqs.length;
    size--;
    release();
  }

  /** Lets go of the blocks before the oldest kept event's (all but the newest when none is kept). */
  private void release() {
    int keepFrom = size == 0 ? firstBlock + blocks.size() - 1 : blockOf[head];
    while (firstBlock < keepFrom) {
      blocks.removeFirst();
      firstBlock++;
    }
  }

  private void grow() {
    int n = Math.min(seqs.length * 2, capacity);
    long[] s = new long[n];
    int[] b = new int[n];
    int[] o = new int[n];
    int[] l = new int[n];
    for (int k = 0; k < size; k++) {
      int i = (head + k) % seqs.length;
      s[k] = seqs[i];
      b[k] = blockOf[i];
      o[k] = offsets[i];
      l[k] = lengths[i];
    }
    seqs = s;
    blockOf = b;
    offsets = o;
    lengths = l;
    head = 0;
  }
}
