package dev.breakout.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings H2 up to date with the journal on start: the appends that were acknowledged but not yet
 * moved into H2 when the server stopped (a crash, or a {@code kill -9}) are inserted, then writing
 * goes on in a fresh journal file.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
  /** Replayed appends are committed in chunks of about this many events. */
  private static final int CHUNK_EVENTS = 10_000;

  private Recovery() {}

  /** Replays what H2 lacks and returns the journal to write to next. */
  static Journal replay(Connection c, Path dir) throws SQLException, IOException {
    long[] position = position(c);
    List<Long> generations = Journal.generations(dir);
    long newest = position[0];
    int replayed = 0;
    for (int i = 0; i < generations.size(); i++) {
      long generation = generations.get(i);
      newest = Math.max(newest, generation);
      if (generation < position[0]) {
        continue; // wholly in H2 already: left over from a stop before it was deleted
      }
      long from = generation == position[0] ? position[1] : Journal.HEADER_BYTES;
      List<AppendRows> chunk = new ArrayList<>();
      int[] events = {0};
      long[] end = {from};
      int[] count = {0};
      long cut = Journal.read(dir, generation, from, i == generations.size() - 1, (rows, endOffset) -> {
        chunk.add(rows);
        events[0] += rows.events().size();
        end[0] = endOffset;
        count[0]++;
        if (events[0] >= CHUNK_EVENTS) {
          commit(c, chunk, generation, endOffset);
          events[0] = 0;
        }
      });
      commit(c, chunk, generation, end[0]);
      replayed += count[0];
      if (cut > 0) {
        LOG.warn("journal file {}: cut off {} bytes of a write torn by a crash (it had not been acknowledged)",
            generation, cut);
      }
    }
    if (replayed > 0) {
      LOG.info("moved {} journaled appends into the database", replayed);
    }
    Journal next = Journal.create(dir, newest + 1);
    setPosition(c, next.generation(), Journal.HEADER_BYTES);
    c.commit();
    try (Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC"); // H2 must hold the replayed appends on disk before their files go
    }
    for (long generation : generations) {
      Files.deleteIfExists(dir.resolve(Journal.name(generation)));
    }
    return next;
  }

  private static void commit(Connection c, List<AppendRows> chunk, long generation, long end) throws IOException {
    try {
      moveIntoDatabase(c, chunk, generation, end);
      chunk.clear();
    } catch (SQLException e) {
      throw new IOException("the database refused journaled appends of file " + generation + ": " + e.getMessage(), e);
    }
  }

  /** Appends inserted between two chances for other threads to run. */
  private static final int SLICE = 100;

  /**
   * Inserts journaled appends and records, in the same transaction, that the journal is in the
   * database up to {@code end} of file {@code generation}; rolls back if anything fails.
   */
  static void moveIntoDatabase(Connection c, List<AppendRows> appends, long generation, long end)
      throws SQLException {
    try {
      // In slices, letting the event loop in between: on a one-core server a long run of inserts
      // at once holds up every delivery behind it.
      for (int from = 0; from < appends.size(); from += SLICE) {
        AppendRows.insert(c, appends.subList(from, Math.min(appends.size(), from + SLICE)));
        Thread.yield();
      }
      setPosition(c, generation, end);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /** {generation, position}: the journal is in H2 up to this byte of this file. */
  static long[] position(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT generation, position FROM journal_position")) {
      if (!rs.next()) {
        throw new SQLException("the journal position row is missing");
      }
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  static void setPosition(Connection c, long generation, long position) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE journal_position SET generation = ?, position = ?")) {
      s.setLong(1, generation);
      s.setLong(2, position);
      s.executeUpdate();
    }
  }
}
