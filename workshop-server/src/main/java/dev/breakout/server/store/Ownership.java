package dev.breakout.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ownership fencing of a database several nodes share (docs/decisions/013-partition-fencing.md):
 * loading a workshop raises its ownership epoch in {@code workshop_owner}, in the transaction that
 * reads it, and every batch locks the epochs of the workshops it appends to and drops, before
 * inserting anything, the appends made under an older epoch ({@link StaleOwnerException}). Of two
 * nodes that both believe they own a workshop, only the one that loaded it last can write. The
 * embedded store has no other writer and has none of this.
 */
final class Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);

  /** The epoch this store acquired each workshop under, by workshop id. */
  private final Map<String, Long> epochs = new ConcurrentHashMap<>();

  /** The epoch appends to the workshop are made under; fails when this store never acquired it. */
  long epochOf(String workshopId) throws StaleOwnerException {
    Long acquired = epochs.get(workshopId);
    if (acquired == null) {
      throw new StaleOwnerException(workshopId, 0, -1);
    }
    return acquired;
  }

  /** A workshop this store creates starts at epoch 1, its own. */
  void created(Connection c, String workshopId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO workshop_owner (workshop_id, epoch) VALUES (?, 1)")) {
      s.setString(1, workshopId);
      s.executeUpdate();
    }
    epochs.put(workshopId, 1L);
  }

  /** This store appends to the workshop under {@code epoch} from now on. */
  void loaded(String workshopId, long epoch) {
    epochs.put(workshopId, epoch);
  }

  void deleted(Connection c, String workshopId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM workshop_owner WHERE workshop_id = ?")) {
      s.setString(1, workshopId);
      s.executeUpdate();
    }
    epochs.remove(workshopId);
  }

  /**
   * Raises the workshop's ownership epoch and returns the new one. The row stays locked until the
   * transaction ends, so an append under the old epoch either committed before (and the read that
   * follows sees it) or sees the new epoch and is refused.
   */
  static long acquire(Connection c, String workshopId) throws SQLException {
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
  static Map<BatchWriter.Request, StaleOwnerException> checkEpochs(Connection c, List<BatchWriter.Request> batch)
      throws SQLException {
    SortedSet<String> ids = new TreeSet<>();
    for (BatchWriter.Request r : batch) {
      if (r.rows() != null) {
        ids.add(r.workshopId());
      }
    }
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> current = new HashMap<>();
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
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
    Map<BatchWriter.Request, StaleOwnerException> stale = new IdentityHashMap<>();
    for (BatchWriter.Request r : batch) {
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
}
