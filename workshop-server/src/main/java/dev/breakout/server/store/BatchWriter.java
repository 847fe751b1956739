package dev.breakout.server.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's writer thread and its group commit: every request (an append, a create, a read)
 * queues here and runs on this thread, never on an event loop; the next batch takes all that
 * queued while one was written, so a commit's cost is shared by everyone who asked during it. A
 * request's future completes, on the caller's context, only after its batch is durable.
 *
 * <p>On PostgreSQL a batch is one transaction, fenced by {@link Ownership} when several nodes share
 * the database. In the embedded store appends go to the {@link Journal} (one {@code write} per
 * batch) and are answered at once; the {@link Applier} moves them into H2 and runs every other
 * request after the appends before it (docs/decisions/007).
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
  /** At most this many requests share one batch, to bound its size and latency. */
  private static final int MAX_BATCH = 2_000;

  /** A unit of database work, done inside a transaction shared with others. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * {@code workshopId}: the workshop whose log the work appends to, or null; {@code rows}: what it
   * appends, for the journal; {@code erases}: it deletes data that must not stay in the journal;
   * {@code reads}: it changes nothing, so nothing needs to reach the disk after it.
   */
  record Request(String workshopId, AppendRows rows, boolean erases, boolean reads, Work work, Context context,
      Promise<Void> promise) {
    static final Request POISON = new Request(null, null, false, true, null, null, null);

    void complete(Throwable failure) {
      context.runOnContext(v -> {
        if (failure == null) {
          promise.complete();
        } else {
          promise.fail(failure);
        }
      });
    }
  }

  /** How to open the connection again after the database went away. */
  record Reconnect(String url, String user, String password) {}

  private final Vertx vertx;
  /** Replaced after a failure when the database went away (a PostgreSQL restart); writer thread only then. */
  private Connection connection;
  /** How to open the connection again; null for the embedded store, whose file does not go away. */
  private final Reconnect reconnect;
  /** A batch failed: check the connection before the next one. */
  private boolean suspect;
  private final boolean syncEachBatch;
  private final boolean h2;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  /** Null when every batch commits to the database directly. */
  private final Applier applier;
  /** Checks appends against the workshops' ownership epochs (a shared database); null otherwise. */
  private final Ownership ownership;
  private Journal journal;
  private final long journalFileBytes;
  private volatile StoreMetrics metrics = StoreMetrics.NONE;

  /**
   * @param journal the embedded store's journal, or null to commit every batch to the database
   */
  BatchWriter(Vertx vertx, Connection connection, boolean syncEachBatch, Journal journal, long journalFileBytes,
      Reconnect reconnect, Ownership ownership) throws SQLException {
    this.vertx = vertx;
    this.connection = connection;
    this.reconnect = reconnect;
    this.syncEachBatch = syncEachBatch;
    this.h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
    this.journal = journal;
    this.journalFileBytes = journalFileBytes;
    this.ownership = ownership;
    this.applier = journal == null ? null : new Applier(this, connection, journal.directory(), syncEachBatch);
    this.thread = new Thread(this::writeLoop, "event-store-writer");
    thread.setDaemon(true);
    thread.start();
  }

  void meterWith(StoreMetrics metrics) {
    this.metrics = metrics;
  }

  StoreMetrics metrics() {
    return metrics;
  }

  /** A fresh copy of the workshop starts from what is stored: its appends may go on. */
  void readmit(String workshopId) {
    failed.remove(workshopId);
  }

  Future<Void> submit(Work work) {
    return submit(null, null, false, work);
  }

  /** Work that only reads, in its place in the order (it sees every append before it). */
  Future<Void> read(Work work) {
    return submit(null, null, false, true, work);
  }

  Future<Void> submit(String workshopId, AppendRows rows, Work work) {
    return submit(workshopId, rows, false, work);
  }

  Future<Void> submit(String workshopId, AppendRows rows, boolean erases, Work work) {
    return submit(workshopId, rows, erases, false, work);
  }

  private Future<Void> submit(String workshopId, AppendRows rows, boolean erases, boolean reads, Work work) {
    if (closing) {
      return Future.failedFuture("the store is closing");
    }
    if (applier != null && applier.broken != null) {
      return Future.failedFuture(new SQLException("the store cannot write to its database since an earlier "
          + "failure (" + applier.broken.getMessage() + "); restart the server", applier.broken));
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    queue.add(new Request(workshopId, rows, erases, reads, work, context, promise));
    return promise.future();
  }

  /** Lets the queued requests finish, then closes the journal and the database. */
  Future<Void> close() {
    closing = true;
    queue.add(Request.POISON);
    return vertx.executeBlocking(() -> {
      thread.join(10_000);
      if (applier != null) {
        applier.thread.join(10_000);
        journal.close();
      }
      if (h2) {
        try (Statement s = connection.createStatement()) {
          s.execute("SHUTDOWN");
        }
      }
      connection.close();
      return null;
    }, false).mapEmpty();
  }

  private void writeLoop() {
    List<Request> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = batch.remove(Request.POISON);
      List<Request> admitted = admit(batch);
      if (applier == null) {
        commit(admitted);
      } else {
        journal(admitted);
      }
      if (stop) {
        if (applier != null) {
          applier.queue.add(Applier.STOP);
        }
        return;
      }
    }
  }

  /**
   * Appends queue up behind uncommitted ones; after a failed commit of a workshop, its later appends
   * must not land, or its log would have a gap. They fail until it is loaded again.
   */
  private List<Request> admit(List<Request> all) {
    List<Request> admitted = new ArrayList<>(all.size());
    for (Request r : all) {
      if (r.workshopId() != null && failed.contains(r.workshopId())) {
        r.complete(new SQLException("an earlier commit of workshop " + r.workshopId() + " failed"));
      } else {
        admitted.add(r);
      }
    }
    return admitted;
  }

  /** Runs the requests in one transaction and answers them all. */
  void commit(List<Request> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Throwable failure = null;
    long start = System.nanoTime();
    Map<Request, StaleOwnerException> stale = Map.of();
    try {
      reconnectIfGone();
      if (ownership != null) {
        stale = Ownership.checkEpochs(connection, batch);
      }
      for (Request r : batch) {
        if (!stale.containsKey(r)) {
          r.work().run(connection);
        }
      }
      connection.commit();
      if (h2 && (syncEachBatch || applier != null) && !batch.stream().allMatch(Request::reads)) {
        // The embedded H2 writes its file in the background (JdbcEventStore#h2Url): what is
        // answered outside the journal must reach the file first.
        try (Statement s = connection.createStatement()) {
          s.execute(syncEachBatch ? "CHECKPOINT SYNC" : "CHECKPOINT");
        }
      }
      StoreMetrics.time(metrics.databaseCommit, start);
      metrics.databaseBatch.record(batch.size());
    } catch (SQLException | RuntimeException e) {
      failure = e;
      suspect = reconnect != null;
      LOG.error("a batch of {} store requests failed and was rolled back", batch.size(), e);
      fence(batch);
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
    }
    for (Request r : batch) {
      StaleOwnerException refused = stale.get(r);
      r.complete(refused != null ? refused : failure);
    }
  }

  /**
   * After a failed batch, a database that went away (restarted, network cut) gets a new connection
   * before the next batch; while it stays away, each batch fails fast and its callers get
   * {@code unavailable}, and the batch after it tries again.
   */
  private void reconnectIfGone() throws SQLException {
    if (!suspect) {
      return;
    }
    if (connection.isValid(2)) {
      suspect = false;
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // It is gone anyway.
    }
    Connection fresh = DriverManager.getConnection(reconnect.url(), reconnect.user(), reconnect.password());
    fresh.setAutoCommit(false);
    connection = fresh;
    suspect = false;
    LOG.warn("the database connection was lost and is open again");
  }

  private void fence(List<Request> batch) {
    batch.stream().map(Request::workshopId).filter(java.util.Objects::nonNull).forEach(failed::add);
  }

  /**
   * The embedded store: runs of appends go to the journal in one write each and are answered at
   * once; the applier then moves them into H2. Other requests go to the applier in their place in
   * the order, to run after the appends before them.
   */
  private void journal(List<Request> batch) {
    List<Request> appends = new ArrayList<>();
    for (Request r : batch) {
      if (r.rows() != null) {
        appends.add(r);
      } else {
        journalAppends(appends);
        appends.clear();
        applier.queue.add(r);
        if (r.erases()) {
          // A deleted workshop's names must not outlive the delete in the journal: the file that
          // holds its appends goes once H2 has them and the delete.
          startNextJournal();
        }
      }
    }
    journalAppends(appends);
  }

  private void journalAppends(List<Request> appends) {
    if (appends.isEmpty()) {
      return;
    }
    List<byte[]> records = new ArrayList<>(appends.size());
    List<AppendRows> rows = new ArrayList<>(appends.size());
    for (Request r : appends) {
      records.add(r.rows().encode());
      rows.add(r.rows());
    }
    Throwable failure = null;
    long start = System.nanoTime();
    try {
      journal.write(records);
      if (syncEachBatch) {
        journal.force();
      }
      StoreMetrics.time(metrics.journalCommit, start);
      metrics.journalBatch.record(appends.size());
      int events = 0;
      for (AppendRows r : rows) {
        events += r.events().size();
      }
      metrics.backlog.addAndGet(events);
      applier.queue.add(new Applier.Journaled(rows, journal.generation(), journal.end()));
    } catch (java.io.IOException | RuntimeException e) {
      failure = e;
      LOG.error("writing {} appends to the journal failed; they were refused", appends.size(), e);
      fence(appends);
    }
    for (Request r : appends) {
      r.complete(failure);
    }
    if (failure == null && journal.end() >= journalFileBytes) {
      startNextJournal();
    }
  }

  /** Writes on in a new file; the applier deletes the old one once H2 holds all of it. */
  private void startNextJournal() {
    try {
      Journal next = Journal.create(journal.directory(), journal.generation() + 1);
      applier.queue.add(new Applier.Rotated(journal, next.generation()));
      journal = next;
    } catch (java.io.IOException e) {
      LOG.warn("could not start journal file {}; writing on in {}", journal.generation() + 1,
          journal.generation(), e);
    }
  }
}
