package dev.breakout.server.store;

import dev.breakout.server.protocol.Json;
import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
 * <p>All JDBC runs on one writer thread of its own, never on an event loop. Requests queue up
 * while a transaction is being written and the next transaction takes all of them at once (group
 * commit), so a commit's cost is shared by everyone who asked during it: durability does not cap
 * throughput. A request's future completes, on the caller's context, only after its transaction
 * committed.
 */
public final class JdbcEventStore implements EventStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcEventStore.class);
  /** At most this many requests share one transaction, to bound its size and latency. */
  private static final int MAX_BATCH = 2_000;

  private final Vertx vertx;
  private final Connection connection;
  private final boolean syncEachBatch;
  private final boolean h2;
  private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closing;
  private final java.util.Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private JdbcEventStore(Vertx vertx, Connection connection, boolean syncEachBatch) throws SQLException {
    this.vertx = vertx;
    this.connection = connection;
    this.syncEachBatch = syncEachBatch;
    this.h2 = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
    this.writer = new Thread(this::writeLoop, "event-store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Opens the database and brings its schema up to date. Blocking: call from a worker.
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
      return new JdbcEventStore(vertx, c, syncEachBatch);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * The embedded database's URL under {@code dataDir}. {@code WRITE_DELAY=0} makes every commit
   * reach the file before it returns (H2 otherwise keeps it in memory for up to 500 ms), so an
   * acknowledged change survives {@code kill -9}.
   */
  public static String h2Url(java.nio.file.Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("workshop")
        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  // ------------------------------------------------------------------ the API

  @Override
  public Future<Void> createWorkshop(WorkshopPlan plan) {
    String json = Json.plan(plan).encode();
    return submit(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO workshops (id, plan_json, created_at) VALUES (?, ?, ?)")) {
        s.setString(1, plan.id());
        s.setString(2, json);
        s.setLong(3, plan.createdAt());
        s.executeUpdate();
      }
    });
  }

  @Override
  public Future<Void> append(String workshopId, List<Logged> events, List<Seat> newSeats) {
    // Encoded here, on the caller's thread, so the writer thread only writes.
    List<String> bodies = new ArrayList<>(events.size());
    events.forEach(l -> bodies.add(Json.event(l.event(), l.at()).encode()));
    return submit(workshopId, c -> {
      if (!newSeats.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO seats (workshop_id, student_id, name, rejoin_key, group_id) VALUES (?, ?, ?, ?, ?)")) {
          for (Seat seat : newSeats) {
            s.setString(1, workshopId);
            s.setString(2, seat.studentId());
            s.setString(3, seat.name());
            s.setString(4, seat.rejoinKey());
            s.setString(5, seat.groupId());
            s.addBatch();
          }
          s.executeBatch();
        }
      }
      if (!events.isEmpty()) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO events "
            + "(workshop_id, group_id, seq, at_ms, actor, op_id, type, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (int i = 0; i < events.size(); i++) {
            Logged l = events.get(i);
            s.setString(1, workshopId);
            s.setString(2, l.groupId());
            s.setLong(3, l.seq());
            s.setLong(4, l.at());
            s.setString(5, l.actor());
            s.setString(6, l.opId());
            s.setString(7, l.event().type());
            s.setString(8, bodies.get(i));
            s.addBatch();
          }
          s.executeBatch();
        }
      }
    });
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
      result[0] = read(c, workshopId);
      // A fresh copy starts from what is stored: its appends may go on.
      failed.remove(workshopId);
    }).map(v -> result[0]);
  }

  @Override
  public Future<Void> deleteWorkshop(String workshopId) {
    return submit(c -> {
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
    });
  }

  @Override
  public Future<Void> close() {
    closing = true;
    queue.add(Request.POISON);
    return vertx.executeBlocking(() -> {
      writer.join(10_000);
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

  /** A unit of work for the writer thread, done inside a transaction shared with others. */
  @FunctionalInterface
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /** {@code workshopId}: the workshop whose log the work appends to, or null. */
  private record Request(String workshopId, Work work, Context context, Promise<Void> promise) {
    static final Request POISON = new Request(null, null, null, null);
  }

  private Future<Void> submit(Work work) {
    return submit(null, work);
  }

  private Future<Void> submit(String workshopId, Work work) {
    Context context = vertx.getOrCreateContext();
    Promise<Void> promise = Promise.promise();
    if (closing) {
      return Future.failedFuture("the store is closing");
    }
    queue.add(new Request(workshopId, work, context, promise));
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
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      if (stop) {
        return;
      }
    }
  }

  private void writeBatch(List<Request> all) {
    // Appends queue up behind uncommitted ones; after a failed commit of a workshop, its later
    // appends must not land, or its log would have a gap. They fail until it is loaded again.
    List<Request> batch = new ArrayList<>();
    for (Request r : all) {
      if (r.workshopId() != null && failed.contains(r.workshopId())) {
        SQLException refused = new SQLException("an earlier commit of workshop " + r.workshopId() + " failed");
        r.context().runOnContext(v -> r.promise().fail(refused));
      } else {
        batch.add(r);
      }
    }
    Throwable failure = null;
    try {
      for (Request r : batch) {
        r.work().run(connection);
      }
      connection.commit();
      if (syncEachBatch && h2) {
        try (Statement s = connection.createStatement()) {
          s.execute("CHECKPOINT SYNC");
        }
      }
    } catch (SQLException | RuntimeException e) {
      failure = e;
      LOG.error("a batch of {} store requests failed and was rolled back", batch.size(), e);
      batch.stream().map(Request::workshopId).filter(java.util.Objects::nonNull).forEach(failed::add);
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
    }
    Throwable result = failure;
    for (Request r : batch) {
      r.context().runOnContext(v -> {
        if (result == null) {
          r.promise().complete();
        } else {
          r.promise().fail(result);
        }
      });
    }
  }

  // ------------------------------------------------------------------ reading

  private static StoredWorkshop read(Connection c, String workshopId) throws SQLException {
    WorkshopPlan plan = null;
    try (PreparedStatement s = c.prepareStatement("SELECT plan_json FROM workshops WHERE id = ?")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          plan = Json.plan(new JsonObject(rs.getString(1)));
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
    List<Logged> events = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT group_id, seq, at_ms, actor, op_id, body FROM events WHERE workshop_id = ? ORDER BY id")) {
      s.setString(1, workshopId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(new Logged(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
              Json.event(new JsonObject(rs.getString(6)))));
        }
      }
    }
    LOG.info("workshop {}: loaded {} seats and {} events", workshopId, seats.size(), events.size());
    return new StoredWorkshop(plan, seats, events);
  }
}
