package dev.breakout.server.store;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The event log in a SQL database: embedded H2 by default, PostgreSQL for several nodes; the same
 * statements serve both. This class opens the store and maps {@link EventStore} onto the parts
 * that do the work:
 * <ul>
 *   <li>{@link BatchWriter}: all JDBC on threads of its own, group commit, nothing acknowledged before it is durable;</li>
 *   <li>{@link Journal}, {@link Applier} and {@link Recovery}: the embedded store acknowledges from a journal and moves
 *       appends into H2 in bulk (docs/decisions/007);</li>
 *   <li>{@link Ownership}: fencing of a database several nodes share (docs/decisions/013-partition-fencing.md);</li>
 *   <li>{@link Queries} and {@link StoredJson}: the SQL and the stored form of plans and events;</li>
 *   <li>{@link Schema}: the tables and their migrations.</li>
 * </ul>
 */
public final class JdbcEventStore implements EventStore {
  /** A journal file is replaced by a new one past this size, once H2 holds all of it. */
  private static final long JOURNAL_FILE_BYTES = 32L * 1024 * 1024;
  /** How often H2 writes (and compacts) its file; see {@link #h2Url}. */
  private static final int H2_WRITE_DELAY_MS = 500;

  private final BatchWriter writer;
  /** Null for the embedded store, which no other node shares. */
  private final Ownership ownership;

  private JdbcEventStore(Vertx vertx, Connection connection, boolean syncEachBatch, Journal journal,
      long journalFileBytes, BatchWriter.Reconnect reconnect) throws SQLException {
    this.ownership = journal == null ? new Ownership() : null;
    this.writer = new BatchWriter(vertx, connection, syncEachBatch, journal, journalFileBytes, reconnect, ownership);
  }

  /**
   * Opens a database by JDBC URL and brings its schema up to date; every batch is a transaction.
   * Blocking: call from a worker.
   *
   * @param syncEachBatch force the written batch to the disk (fsync) before acknowledging, so
   *                      that acknowledged changes survive a power loss, not only a process kill
   */
  public static JdbcEventStore open(Vertx vertx, String url, String user, String password, boolean syncEachBatch)
      throws SQLException {
    Connection c = DriverManager.getConnection(url, user, password);
    try {
      c.setAutoCommit(false);
      Schema.migrate(c);
      return new JdbcEventStore(vertx, c, syncEachBatch, null, 0, new BatchWriter.Reconnect(url, user, password));
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Opens the embedded store in {@code dataDir}: H2 and its journal. Appends the journal holds and
   * H2 does not (after a crash) are moved into H2 first. Blocking: call from a worker.
   */
  public static JdbcEventStore openEmbedded(Vertx vertx, Path dataDir, boolean syncEachBatch) throws SQLException {
    return openEmbedded(vertx, dataDir, syncEachBatch, JOURNAL_FILE_BYTES);
  }

  /** With journal files of {@code journalFileBytes}: tests use small ones to see them replaced. */
  static JdbcEventStore openEmbedded(Vertx vertx, Path dataDir, boolean syncEachBatch, long journalFileBytes)
      throws SQLException {
    Connection c = DriverManager.getConnection(h2Url(dataDir), "", "");
    try {
      c.setAutoCommit(false);
      Schema.migrate(c);
      Journal journal = Recovery.replay(c, dataDir.resolve(Journal.DIRECTORY));
      return new JdbcEventStore(vertx, c, syncEachBatch, journal, journalFileBytes, null);
    } catch (java.io.IOException e) {
      c.close();
      throw new SQLException("the journal in " + dataDir.resolve(Journal.DIRECTORY) + " cannot be read: "
          + e.getMessage(), e);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * The embedded database's URL under {@code dataDir}. H2 writes its file in its background
   * thread every {@code WRITE_DELAY} ms, which is also where it compacts the file: with
   * {@code WRITE_DELAY=0} (no thread) every commit wrote a chunk that was never compacted, so the
   * file grew ~12x the data and H2 kept metadata for every chunk ever written on the heap (the
   * soak's growth, docs/benchmarks.md run 22). Nothing acknowledged waits for H2's file: appends
   * are acknowledged from the journal, which H2's own position in it makes exact after a crash;
   * any other change, and a journal file before it is deleted, is followed by a
   * {@code CHECKPOINT}, which writes the file at once (decision 007). H2 here is written far more
   * than read (it is read when a workshop loads), so a small page cache ({@code CACHE_SIZE} in KiB;
   * H2's default is 64 MiB) keeps the old generation, which every young GC scans, small.
   */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("workshop")
        + ";WRITE_DELAY=" + H2_WRITE_DELAY_MS + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096";
  }

  /** Records this store's commit latencies, batch sizes and journal backlog in {@code registry}. */
  public void meterWith(io.micrometer.core.instrument.MeterRegistry registry) {
    writer.meterWith(new StoreMetrics(registry));
  }

  // ------------------------------------------------------------------ the API

  @Override
  public Future<Void> createWorkshop(WorkshopPlan plan) {
    String json = StoredJson.plan(plan);
    return writer.submit(c -> {
      Queries.insertWorkshop(c, plan, json);
      if (ownership != null) {
        ownership.created(c, plan.id());
      }
    });
  }

  @Override
  public Future<Void> append(String workshopId, List<Logged> events, List<Seat> newSeats) {
    long epoch = 0;
    if (ownership != null) {
      try {
        epoch = ownership.epochOf(workshopId);
      } catch (StaleOwnerException notOwner) {
        return Future.failedFuture(notOwner);
      }
    }
    AppendRows rows = AppendRows.of(workshopId, epoch, events, newSeats);
    return writer.submit(workshopId, rows, c -> AppendRows.insert(c, List.of(rows)));
  }

  @Override
  public Future<List<String>> workshopIds() {
    return read(Queries::workshopIds);
  }

  @Override
  public Future<StoredWorkshop> load(String workshopId) {
    return read(c -> {
      long epoch = ownership != null ? Ownership.acquire(c, workshopId) : 0;
      StoredWorkshop stored = Queries.read(c, workshopId);
      if (ownership != null && stored != null) {
        ownership.loaded(workshopId, epoch);
      }
      // A fresh copy starts from what is stored: its appends may go on.
      writer.readmit(workshopId);
      return stored;
    });
  }

  @Override
  public Future<Void> deleteWorkshop(String workshopId) {
    return writer.submit(null, null, true, c -> {
      Queries.deleteWorkshop(c, workshopId);
      if (ownership != null) {
        ownership.deleted(c, workshopId);
      }
    });
  }

  @Override
  public Future<Map<String, Long>> appliedOp(String workshopId, String actor, String opId) {
    return read(c -> Queries.appliedOp(c, workshopId, actor, opId));
  }

  @Override
  public Future<List<Logged>> history(String workshopId) {
    return read(c -> Queries.readEvents(c, workshopId));
  }

  @Override
  public Future<Optional<String>> workshopIdByCode(String joinCode) {
    if (!joinCode.matches("\\d{1,16}")) {
      return Future.succeededFuture(Optional.empty());
    }
    return read(c -> Queries.workshopIdByCode(c, joinCode));
  }

  @Override
  public Future<List<Summary>> summaries() {
    return read(Queries::summaries);
  }

  @Override
  public Future<Void> close() {
    return writer.close();
  }

  /** A read that runs on the writer, in its place in the order, so it sees every append before it. */
  @FunctionalInterface
  private interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> Future<T> read(Read<T> read) {
    AtomicReference<T> result = new AtomicReference<>();
    return writer.read(c -> result.set(read.run(c))).map(v -> result.get());
  }
}
