package dev.breakout.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded store's second thread: moves journaled appends into H2 in bulk, and runs every other
 * request in its place in the order, so that a read sees every append acknowledged before it. It
 * records in H2, in the same transaction, how far into the journal H2 goes, so a restart replays
 * exactly the rest ({@link Recovery}); and it deletes a journal file once H2 holds all of it
 * (docs/decisions/007).
 */
final class Applier {
  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);
  /**
   * Journaled appends reach H2 within this long, which also bounds the replay after a crash. Each
   * H2 commit rewrites the B-tree pages it touched, so rarer commits cost less CPU in all; but on
   * a one-core server a second's worth at once held every delivery up behind it (p99 ~200 ms
   * against ~35-70 ms at 100 ms, docs/benchmarks.md).
   */
  static final long APPLY_EVERY_MS = 100;
  /** ... or once this many are waiting, which bounds the memory they hold. */
  private static final int APPLY_MAX_EVENTS = 20_000;

  static final Object STOP = new Object();

  /** Appends the journal holds up to {@code end} of file {@code generation}. */
  record Journaled(List<AppendRows> rows, long generation, long end) {}

  /** Every append before this is in file {@code old}, which H2 may take over from now on. */
  record Rotated(Journal old, long next) {}

  /** {@link Journaled}, {@link Rotated}, a {@link BatchWriter.Request} to run, or {@link #STOP}. */
  final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  final Thread thread = new Thread(this::run, "event-store-applier");
  private final BatchWriter writer;
  /** The writer's connection: the embedded store's never changes. */
  private final Connection connection;
  private final Path directory;
  private final boolean syncEachBatch;
  private final List<AppendRows> pending = new ArrayList<>();
  private int pendingEvents;
  private long pendingSince;
  private long generation;
  private long end;
  /** Set when H2 refused journaled appends: they stay in the journal, for a restart to replay. */
  volatile Throwable broken;

  Applier(BatchWriter writer, Connection connection, Path directory, boolean syncEachBatch) {
    this.writer = writer;
    this.connection = connection;
    this.directory = directory;
    this.syncEachBatch = syncEachBatch;
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        Object item = pending.isEmpty() ? queue.take()
            : queue.poll(Math.max(0, pendingSince + APPLY_EVERY_MS - System.currentTimeMillis()),
                TimeUnit.MILLISECONDS);
        if (item == null || item == STOP) {
          apply();
          if (item == STOP) {
            return;
          }
        } else if (item instanceof Journaled j) {
          if (pending.isEmpty()) {
            pendingSince = System.currentTimeMillis();
          }
          pending.addAll(j.rows());
          j.rows().forEach(r -> pendingEvents += r.events().size());
          generation = j.generation();
          end = j.end();
          if (pendingEvents >= APPLY_MAX_EVENTS) {
            apply();
          }
        } else if (item instanceof Rotated r) {
          apply();
          retire(r);
        } else {
          apply();
          BatchWriter.Request request = (BatchWriter.Request) item;
          if (broken != null) {
            request.complete(broken);
          } else {
            writer.commit(List.of(request));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void apply() {
    if (pending.isEmpty() || broken != null) {
      pending.clear();
      pendingEvents = 0;
      return;
    }
    long start = System.nanoTime();
    StoreMetrics metrics = writer.metrics();
    try {
      Recovery.moveIntoDatabase(connection, pending, generation, end);
      StoreMetrics.time(metrics.databaseCommit, start);
      metrics.databaseBatch.record(pending.size());
      metrics.backlog.addAndGet(-pendingEvents);
    } catch (SQLException | RuntimeException e) {
      broken = e;
      LOG.error("H2 refused {} journaled appends; they stay in {} and a restart replays them; the store "
          + "takes no more changes until then", pending.size(), directory, e);
    }
    pending.clear();
    pendingEvents = 0;
  }

  private void retire(Rotated r) {
    if (broken != null) {
      return;
    }
    try {
      Recovery.setPosition(connection, r.next(), Journal.HEADER_BYTES);
      connection.commit();
      // The file goes only once H2's file holds all of it and the new position (H2 writes in the
      // background, JdbcEventStore#h2Url), and with fsync on the disk too.
      try (Statement s = connection.createStatement()) {
        s.execute(syncEachBatch ? "CHECKPOINT SYNC" : "CHECKPOINT");
      }
      r.old().delete();
    } catch (SQLException | java.io.IOException e) {
      LOG.warn("journal file {} could not be retired; the next start does it", r.old().generation(), e);
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
    }
  }
}
