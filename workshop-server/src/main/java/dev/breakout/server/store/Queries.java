package dev.breakout.server.store;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import dev.breakout.server.room.WorkshopPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's SQL for workshops and their logs: writing and deleting a workshop, reading one back
 * whole (plan, seats, events) for a restart or a take-over, and the reads that serve what memory no
 * longer keeps (docs/decisions/012-bounded-memory.md). Each runs on the store's writer, inside a
 * transaction it shares with others; plans and events go through {@link StoredJson}.
 */
final class Queries {
  private static final Logger LOG = LoggerFactory.getLogger(Queries.class);
  /** Events that carry the workshop's clock, whose phase the instructor's list shows. */
  private static final String CLOCK_TYPES = "'phase.changed', 'clock.paused', 'clock.resumed', 'clock.adjusted',"
      + " 'clock.warning', 'workshop.ended', 'presentation.ordered', 'spotlight.changed'";

  private Queries() {}

  static void insertWorkshop(Connection c, WorkshopPlan plan, String planJson) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO workshops (id, plan_json, created_at) VALUES (?, ?, ?)")) {
      s.setString(1, plan.id());
      s.setString(2, planJson);
      s.setLong(3, plan.createdAt());
      s.executeUpdate();
    }
  }

  /** Deletes the workshop's events, seats and row (its ownership row is {@link Ownership}'s). */
  static void deleteWorkshop(Connection c, String workshopId) throws SQLException {
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
  }

  static List<String> workshopIds(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id FROM workshops ORDER BY created_at, id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** One workshop whole, or null when there is none by that id. */
  static EventStore.StoredWorkshop read(Connection c, String workshopId) throws SQLException {
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
    return new EventStore.StoredWorkshop(plan, seats, events);
  }

  /** Every group's events in commit order. */
  static List<Logged> readEvents(Connection c, String workshopId) throws SQLException {
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

  /** Per group, the seqs the events of {@code actor}'s operation {@code opId} took. */
  static Map<String, Long> appliedOp(Connection c, String workshopId, String actor, String opId)
      throws SQLException {
    Map<String, Long> seqs = new LinkedHashMap<>();
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
    return seqs;
  }

  /** The newest workshop with this join code ({@code joinCode} is digits only). */
  static Optional<String> workshopIdByCode(Connection c, String joinCode) throws SQLException {
    // The code lives in the plan's JSON; a rare lookup (a workshop not in memory) scans for it
    // rather than adding a column, and checks each candidate's parsed plan.
    try (PreparedStatement s = c.prepareStatement(
        "SELECT id, plan_json FROM workshops WHERE plan_json LIKE ? ORDER BY created_at DESC, id DESC")) {
      s.setString(1, "%\"joinCode\":\"" + joinCode + "\"%");
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (joinCode.equals(StoredJson.plan(rs.getString(2)).joinCode())) {
            return Optional.of(rs.getString(1));
          }
        }
      }
    }
    return Optional.empty();
  }

  static List<EventStore.Summary> summaries(Connection c) throws SQLException {
    List<EventStore.Summary> list = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT w.plan_json, (SELECT COUNT(*) FROM seats t WHERE t.workshop_id = w.id)"
             + " FROM workshops w ORDER BY w.created_at, w.id")) {
      while (rs.next()) {
        WorkshopPlan plan = StoredJson.plan(rs.getString(1));
        list.add(new EventStore.Summary(plan, rs.getInt(2), phaseOf(c, plan)));
      }
    }
    return list;
  }

  /** The phase the last clock event in the first group's log carries (workshop-wide events are in every log). */
  private static String phaseOf(Connection c, WorkshopPlan plan) throws SQLException {
    if (plan.groups().isEmpty()) {
      return "lobby";
    }
    try (PreparedStatement s = c.prepareStatement("SELECT body FROM events WHERE workshop_id = ? AND group_id = ?"
        + " AND type IN (" + CLOCK_TYPES + ") ORDER BY seq DESC LIMIT 1")) {
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
}
