package dev.breakout.server.store;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log in a SQL database: embedded H2 by default, PostgreSQL for several nodes; the same
 * statements serve both.
 *
 * <p>All JDBC runs on threads of its own, never on an event loop. Requests queue up while a batch
 * is being written and the next batch takes all of them at once (group commit), so a commit's cost
 * is shared by everyone who asked during it. A request's future completes, on the caller's context,
 * only after its batch is durable: the server acknowledges nothing before that.
 *
 * <p>On PostgreSQL a batch is one transaction. The embedded store ({@link #openEmbedded}) first
 * writes appends to a {@link Journal} (one {@code write} per batch) and moves them into H2 in bulk
 * on a second thread, because an H2 commit per batch cost a third of a core at 2,000 edits a second
 * (docs/decisions/007). Everything else (create, load, delete) waits there for the appends before
 * it, so a read always sees every acknowledged append.
 *
 * <p>A database several nodes share is fenced (docs/decisions/013-partition-fencing.md): loading a
 * workshop raises its ownership epoch in {@code workshop_owner}, in the transaction that reads it,
 * and every batch locks the epochs of the workshops it appends to and drops, before inserting
 * anything, the appends made under an older epoch ({@link StaleOwnerException}). Of two nodes that
 * both believe they own a workshop, only the one that loaded it last can write. The embedded store
 * has no other writer and skips all of it.
 */
public final class JdbcEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
  /** At most this many requests share one batch, to bound its size and latency. */
  private static final int MAX_BATCH = 2_000;
  /**
   * Journaled appends reach H2 within this long, which also bounds the replay after a crash. Each
   * H2 commit rewrites the B-tree pages it touched, so rarer commits cost less CPU in all; but on
   * a one-core server a second's worth at once held every delivery up behind it (p99 ~200 ms
   * against ~35-70 ms at 100 ms, docs/benchmarks.md).
   */
  static final long APPLY_EVERY_MS = 100;
  /** ... or once this many are waiting, which bounds the memory they hold. */
  private static final int APPLY_MAX_EVENTS = 20_000;
  /** A journal file is replaced by a new one past this size, once H2 holds all of it. */
  private static final long JOURNAL_FILE_BYTES = 32L * 1024 * 1024;

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
  private final Thread writer;
  private volatile boolean closing;
  private final java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Null when every batch commits to the database directly. */
  private final Applier applier;
  /** Whether appends are checked against the workshops' ownership epochs (a shared database). */
  private final boolean fenced;
  /** The epoch this store acquired each workshop under, by workshop id (fenced stores only). */
  private final java.util.Map<String, Long> epochs = new java.util.concurrent.ConcurrentHashMap<>();
  private Journal journal;
  private final long journalFileBytes;
  private volatile StoreMetrics metrics = StoreMetrics.NONE;

  private record Reconnect(String url, String user, String password) {}

  private JdbcEventStore(Vertx vertx, Connection connection, boolean syncEachBatch, Journal journal,
      long journalFileBytes, Reconnect reconnect) throws SQLException {
    this.reconnect = reconnect;
    this.vertx = vertx;
    this.journalFileBytes = journalFileBytes;
    this.connection = connection;
    this.syncEachBatch = syncEachBatch;
    this.h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
    this.journal = journal;
    this.applier = journal == null ? null : new Applier(journal.directory());
    this.fenced = journal == null;
    this.writer = new Thread(this::writeLoop, "event-store-writer");
    writer.setDaemon(true);
    writer.start();
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
      return new JdbcEventStore(vertx, c, syncEachBatch, null, 0, new Reconnect(url, user, password));
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * Opens the embedded store in {@code dataDir}: H2 and its journal. Appends the journal holds and
   * H2 does not (after a crash) are moved into H2 first. Blocking: call from a worker.
   */
  public static JdbcEventStore openEmbedded(Vertx vertx, java.nio.file.Path dataDir, boolean syncEachBatch)
      throws SQLException {
    return openEmbedded(vertx, dataDir, syncEachBatch, JOURNAL_FILE_BYTES);
  }

  /** With journal files of {@code journalFileBytes}: tests use small ones to see them replaced. */
  static JdbcEventStore openEmbedded(Vertx vertx, java.nio.file.Path dataDir, boolean syncEachBatch,
      long journalFileBytes) throws SQLException {
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
   * The embedded database's URL under {@code dataDir}. {@code WRITE_DELAY=0} makes every commit
   * reach the file before it returns (H2 otherwise keeps it in memory for up to 500 ms), so a
   * commit survives {@code kill -9}. H2 here is written far more than read (it is read when a
   * workshop loads), so a small page cache ({@code CACHE_SIZE} in KiB; H2's default is 64 MiB) keeps
   * the old generation, which every young GC scans, small.
   */
  public static String h2Url(java.nio.file.Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("workshop")
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096";
  }

  /** Records this store's commit latencies, batch sizes and journal backlog in {@code registry}. */
  public void meterWith(io.micrometer.core.instrument.MeterRegistry registry) {
    metrics = new StoreMetrics(registry);
  }

  // ------------------------------------------------------------------ the API

  @Override
  public Future<Void> createWorkshop(WorkshopPlan plan) {
    String json = StoredJson.plan(plan);
    return submit(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO workshops (id, plan_json, created_at) VALUES (?, ?, ?)")) {
        s.setString(1, plan.id());
        s.setString(2, json);
        s.setLong(3, plan.createdAt());
        s.executeUpdate();
      }
      if (fenced) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO workshop_owner (workshop_id, epoch) VALUES (?, 1)")) {
          s.setString(1, plan.id());
          s.executeUpdate();
        }
        epochs.put(plan.id(), 1L);
      }
    });
  }

  @Override
  public Future<Void> append(String workshopId, List<Logged> events, List<Seat> newSeats) {
    long epoch = 0;
    if (fenced) {
      Long acquired = epochs.get(workshopId);
      if (acquired == null) {
        return Future.failedFuture(new StaleOwnerException(workshopId, 0, -1));
      }
      epoch = acquired;
    }
    AppendRows rows = AppendRows.of(workshopId, epoch, events, newSeats);
    return submit(workshopId, rows, c -> AppendRows.insert(c, List.of(rows)));
  }

  @Override
  public Future<List<String>> workshopIds() {
    List<String> ids = new ArrayList<>();
    return submit(c -> {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT id FROM workshops ORDER BY created_at, id")) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }).map(v -> ids);
  }

  @Override
  public Future<StoredWorkshop> load(String workshopId) {
    StoredWorkshop[] result = new StoredWorkshop[1];
    return submit(c -> {
      long epoch = fenced ? acquire(c, workshopId) : 0;
      result[0] = read(c, workshopId);
      if (fenced && result[0] != null) {
        epochs.put(workshopId, epoch);
      }
      // A fresh copy starts from what is stored: its appends may go on.
      failed.remove(workshopId);
    }).map(v -> result[0]);
  }

  @Override
  public Future<Void> deleteWorkshop(String workshopId) {
    return submit(null, null, true, c -> {
      for (String table : List.of("events", "seats")) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE workshop_id = ?")) {
          s.setString(1, workshopId);
          s.executeUpdate();
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM workshops WHERE id = ?")) {
        s.setString(1, workshopId);
        s.executeUpdate();
      }
      if (fenced) {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM workshop_owner WHERE workshop_id = ?")) {
          s.setString(1, workshopId);
          s.executeUpdate();
        }
        epochs.remove(workshopId);
      }
    });
  }

  @Override
  public Future<java.util.Map<String, Long>> appliedOp(String workshopId, String actor, String opId) {
    java.util.Map<String, Long> seqs = new java.util.LinkedHashMap<>();
    return submit(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT group_id, seq FROM events WHERE workshop_id = ? AND actor = ? AND op_id = ? ORDER BY id")) {
        s.setString(1, workshopId);
        s.setString(2, actor);
        s.setString(3, opId);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            seqs.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }).map(v -> seqs);
  }

  @Override
  public Future<List<Logged>> history(String workshopId) {
    List<Logged> events = new ArrayList<>();
    return submit(c -> events.addAll(readEvents(c, workshopId))).map(v -> events);
  }

  @Override
  public Future<java.util.Optional<String>> workshopIdByCode(String joinCode) {
    java.util.Optional<String>[] found = new java.util.Optional[] {java.util.Optional.empty()};
    if (!joinCode.matches("\\d{1,16}")) {
      return Future.succeededFuture(found[0]);
    }
    return submit(c -> {
      // The code lives in the plan's JSON; a rare lookup (a workshop not in memory) scans for it
      // rather than adding a column, and checks each candidate's parsed plan.
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, plan_json FROM workshops WHERE plan_json LIKE ? ORDER BY created_at DESC, id DESC")) {
        s.setString(1, "%\"joinCode\":\"" + joinCode + "\"%");
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next() && found[0].isEmpty()) {
            if (joinCode.equals(StoredJson.plan(rs.getString(2)).joinCode())) {
              found[0] = java.util.Optional.of(rs.getString(1));
            }
          }
        }
      }
    }).map(v -> found[0]);
  }

  @Override
  public Future<List<Summary>> summaries() {
    List<Summary> list = new ArrayList<>();
    return submit(c -> {
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT w.plan_json, (SELECT COUNT(*) FROM seats t WHERE t.workshop_id = w.id)"
               + " FROM workshops w ORDER BY w.created_at, w.id")) {
        while (rs.next()) {
          WorkshopPlan plan = StoredJson.plan(rs.getString(1));
          list.add(new Summary(plan, rs.getInt(2), phaseOf(c, plan)));
        }
      }
    }).map(v -> list);
  }

  /** The phase the last clock event in the first group's log carries (workshop-wide events are in every log). */
  private static String phaseOf(Connection c, WorkshopPlan plan) throws SQLException {
    if (plan.groups().isEmpty()) {
      return "lobby";
    }
    try (PreparedStatement s = c.prepareStatement("SELECT body FROM events WHERE workshop_id = ? AND group_id = ?"
        + " AND type IN ('phase.changed', 'clock.paused', 'clock.resumed', 'clock.adjusted', 'clock.warning', 'workshop.ended',"
        + " 'presentation.ordered', 'spotlight.changed') ORDER BY seq DESC LIMIT 1")) {
      s.setString(1, plan.id());
      s.setString(2, plan.groups().get(0).id());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          String phase = StoredJson.clockPhase(rs.getString(1));
          if (phase != null) {
            return phase;
          }
        }
      }
    }
    return "lobby";
  }

  @Override
  public Future<Void> close() {
    closing = true;
    queue.add(Request.POISON);
    return vertx.executeBlocking(() -> {
      writer.join(10_000);
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

  // ------------------------------------------------------------------ the writer

  /** A unit of database work, done inside a transaction shared with others. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * {@code workshopId}: the workshop whose log the work appends to, or null; {@code rows}: what it
   * appends, for the journal; {@code erases}: it deletes data that must not stay in the journal.
   */
  private record Request(String workshopId, AppendRows rows, boolean erases, Work work, Context context,
      Promise<Void> promise) {
    static final Request POISON = new Request(null, null, false, null, null, null);

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

  private Future<Void> submit(Work work) {
    return submit(null, null, false, work);
  }

  private Future<Void> submit(String workshopId, AppendRows rows, Work work) {
    return submit(workshopId, rows, false, work);
  }

  private Future<Void> submit(String workshopId, AppendRows rows, boolean erases, Work work) {
    if (closing) {
      return Future.failedFuture("the store is closing");
    }
    if (applier != null && applier.broken != null) {
      return Future.failedFuture(new SQLException("the store cannot write to its database since an earlier "
          + "failure (" + applier.broken.getMessage() + "); restart the server", applier.broken));
    }
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    queue.add(new Request(workshopId, rows, erases, work, context, promise));
    return promise.future();
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
  private void commit(List<Request> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Throwable failure = null;
    long start = System.nanoTime();
    java.util.Map<Request, StaleOwnerException> stale = java.util.Map.of();
    try {
      reconnectIfGone();
      if (fenced) {
        stale = checkEpochs(connection, batch);
      }
      for (Request r : batch) {
        if (!stale.containsKey(r)) {
          r.work().run(connection);
        }
      }
      connection.commit();
      if (syncEachBatch && h2) {
        try (Statement s = connection.createStatement()) {
          s.execute("CHECKPOINT SYNC");
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

  /**
   * Raises the workshop's ownership epoch and returns the new one. The row stays locked until the
   * transaction ends, so an append under the old epoch either committed before (and the read that
   * follows sees it) or sees the new epoch and is refused.
   */
  private static long acquire(Connection c, String workshopId) throws SQLException {
    int updated;
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE workshop_owner SET epoch = epoch + 1 WHERE workshop_id = ?")) {
      s.setString(1, workshopId);
      updated = s.executeUpdate();
    }
    if (updated == 0) {
      // A workshop created before fencing existed: its first owner starts the count.
      try (PreparedStatement s = c.prepareStatement("INSERT INTO workshop_owner (workshop_id, epoch) "
          + "SELECT id, 1 FROM workshops WHERE id = ?")) {
        s.setString(1, workshopId);
        s.executeUpdate();
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT epoch FROM workshop_owner WHERE workshop_id = ?")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Locks the ownership epochs of the workshops the batch appends to (in id order, so that two
   * nodes' batches cannot deadlock) and returns the appends made under an older epoch, which must
   * not run. The locks hold until the batch commits: a take-over waits for it, or it waits for the
   * take-over and then sees the new epoch.
   */
  private static java.util.Map<Request, StaleOwnerException> checkEpochs(Connection c, List<Request> batch)
      throws SQLException {
    java.util.SortedSet<String> ids = new java.util.TreeSet<>();
    for (Request r : batch) {
      if (r.rows() != null) {
        ids.add(r.workshopId());
      }
    }
    if (ids.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, Long> current = new java.util.HashMap<>();
    String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    try (PreparedStatement s = c.prepareStatement("SELECT workshop_id, epoch FROM workshop_owner WHERE workshop_id IN ("
        + marks + ") ORDER BY workshop_id FOR UPDATE")) {
      int i = 1;
      for (String id : ids) {
        s.setString(i++, id);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          current.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    // By identity: a request's rows are large, and each request is its own.
    java.util.Map<Request, StaleOwnerException> stale = new java.util.IdentityHashMap<>();
    for (Request r : batch) {
      if (r.rows() != null) {
        long now = current.getOrDefault(r.workshopId(), 0L);
        if (now != r.rows().epoch()) {
          stale.put(r, new StaleOwnerException(r.workshopId(), r.rows().epoch(), now));
        }
      }
    }
    if (!stale.isEmpty()) {
      LOG.warn("refused {} appends made under an older ownership epoch: {}", stale.size(),
          stale.values().stream().map(Throwable::getMessage).distinct().toList());
    }
    return stale;
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
      applier.queue.add(new Journaled(rows, journal.generation(), journal.end()));
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
      applier.queue.add(new Rotated(journal, next.generation()));
      journal = next;
    } catch (java.io.IOException e) {
      LOG.warn("could not start journal file {}; writing on in {}", journal.generation() + 1,
          journal.generation(), e);
    }
  }

  /** Appends the journal holds up to {@code end} of file {@code generation}. */
  private record Journaled(List<AppendRows> rows, long generation, long end) {}

  /** Every append before this is in file {@code old}, which H2 may take over from now on. */
  private record Rotated(Journal old, long next) {}

  /**
   * Moves journaled appends into H2 in bulk, and runs every other request in its place in the
   * order. It records in H2, in the same transaction, how far into the journal H2 goes, so a restart
   * replays exactly the rest.
   */
  private final class Applier {
    static final Object STOP = new Object();
    final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    final Thread thread = new Thread(this::run, "event-store-applier");
    private final java.nio.file.Path directory;
    private final List<AppendRows> pending = new ArrayList<>();
    private int pendingEvents;
    private long pendingSince;
    private long generation;
    private long end;
    /** Set when H2 refused journaled appends: they stay in the journal, for a restart to replay. */
    volatile Throwable broken;

    Applier(java.nio.file.Path directory) {
      this.directory = directory;
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        while (true) {
          Object item = pending.isEmpty() ? queue.take()
              : queue.poll(Math.max(0, pendingSince + APPLY_EVERY_MS - System.currentTimeMillis()),
                  java.util.concurrent.TimeUnit.MILLISECONDS);
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
            Request request = (Request) item;
            if (broken != null) {
              request.complete(broken);
            } else {
              commit(List.of(request));
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
        if (syncEachBatch) {
          // The file goes only once what H2 holds of it is on the disk too.
          try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
          }
        }
        Recovery.setPosition(connection, r.next(), Journal.HEADER_BYTES);
        connection.commit();
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

  // ------------------------------------------------------------------ reading

  private static StoredWorkshop read(Connection c, String workshopId) throws SQLException {
    WorkshopPlan plan = null;
    try (PreparedStatement s = c.prepareStatement("SELECT plan_json FROM workshops WHERE id = ?")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          plan = StoredJson.plan(rs.getString(1));
        }
      }
    }
    if (plan == null) {
      return null;
    }
    List<Seat> seats = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT student_id, name, rejoin_key, group_id FROM seats WHERE workshop_id = ?")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          seats.add(new Seat(rs.getString(1), rs.getString(2), rs.getString(4), rs.getString(3)));
        }
      }
    }
    List<Logged> events = readEvents(c, workshopId);
    LOG.info("workshop {}: loaded {} seats and {} events", workshopId, seats.size(), events.size());
    return new StoredWorkshop(plan, seats, events);
  }

  private static List<Logged> readEvents(Connection c, String workshopId) throws SQLException {
    List<Logged> events = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT group_id, seq, at_ms, actor, op_id, body FROM events WHERE workshop_id = ? ORDER BY id")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(new Logged(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
              StoredJson.event(rs.getString(6))));
        }
      }
    }
    return events;
  }
}
