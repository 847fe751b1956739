package dev.breakout.server.store;

import dev.breakout.server.room.Logged;
import dev.breakout.server.room.Seat;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One append as rows: a workshop's new seats and events, the events already encoded. The same
 * value is inserted into the database and, in the embedded store, written to the journal first;
 * so both hold exactly the same bytes. {@code epoch} is the ownership epoch of the node that
 * appends (docs/decisions/013-partition-fencing.md); the embedded store, which no other node
 * shares, always uses 0 and so the journal does not carry it.
 */
record AppendRows(String workshopId, List<Seat> seats, List<EventRow> events, long epoch) {

  AppendRows(String workshopId, List<Seat> seats, List<EventRow> events) {
    this(workshopId, seats, events, 0);
  }

  /** An event row; {@code body} is the event's stored JSON ({@link StoredJson}). */
  record EventRow(String groupId, long seq, long at, String actor, String opId, String type, String body) {}

  /** Encodes on the caller's thread, so that the store's threads only write. */
  static AppendRows of(String workshopId, List<Logged> events, List<Seat> seats) {
    return of(workshopId, 0, events, seats);
  }

  /** As {@link #of(String, List, List)}, appended under ownership epoch {@code epoch}. */
  static AppendRows of(String workshopId, long epoch, List<Logged> events, List<Seat> seats) {
    List<EventRow> rows = new ArrayList<>(events.size());
    for (Logged l : events) {
      rows.add(new EventRow(l.groupId(), l.seq(), l.at(), l.actor(), l.opId(), l.event().type(),
          StoredJson.event(l.event(), l.at())));
    }
    return new AppendRows(workshopId, List.copyOf(seats), rows, epoch);
  }

  /** Inserts all the appends, in order, with one statement per table. */
  static void insert(Connection c, List<AppendRows> appends) throws SQLException {
    boolean anySeats = appends.stream().anyMatch(a -> !a.seats().isEmpty());
    if (anySeats) {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO seats (workshop_id, student_id, name, rejoin_key, group_id) VALUES (?, ?, ?, ?, ?)")) {
        for (AppendRows a : appends) {
          for (Seat seat : a.seats()) {
            s.setString(1, a.workshopId());
            s.setString(2, seat.studentId());
            s.setString(3, seat.name());
            s.setString(4, seat.rejoinKey());
            s.setString(5, seat.groupId());
            s.addBatch();
          }
        }
        s.executeBatch();
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO events "
        + "(workshop_id, group_id, seq, at_ms, actor, op_id, type, body, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int rows = 0;
      for (AppendRows a : appends) {
        for (EventRow e : a.events()) {
          s.setString(1, a.workshopId());
          s.setString(2, e.groupId());
          s.setLong(3, e.seq());
          s.setLong(4, e.at());
          s.setString(5, e.actor());
          s.setString(6, e.opId());
          s.setString(7, e.type());
          s.setString(8, e.body());
          s.setLong(9, a.epoch());
          s.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        s.executeBatch();
      }
    }
  }

  // ------------------------------------------------------------------ journal encoding

  private static final byte VERSION = 1;

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      string(out, workshopId);
      out.writeInt(seats.size());
      for (Seat s : seats) {
        string(out, s.studentId());
        string(out, s.name());
        string(out, s.groupId());
        string(out, s.rejoinKey());
      }
      out.writeInt(events.size());
      for (EventRow e : events) {
        string(out, e.groupId());
        out.writeLong(e.seq());
        out.writeLong(e.at());
        string(out, e.actor());
        string(out, e.opId());
        string(out, e.type());
        string(out, e.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** @throws IOException when the bytes are not an encoded append of a version this code knows */
  static AppendRows decode(ByteBuffer record) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(
        record.array(), record.arrayOffset() + record.position(), record.remaining()));
    byte version = in.readByte();
    if (version != VERSION) {
      throw new IOException("journal record version " + version + " is not known to this server");
    }
    String workshopId = string(in);
    int seatCount = count(in);
    List<Seat> seats = new ArrayList<>(seatCount);
    for (int i = 0; i < seatCount; i++) {
      String studentId = string(in);
      String name = string(in);
      String groupId = string(in);
      seats.add(new Seat(studentId, name, groupId, string(in)));
    }
    int eventCount = count(in);
    List<EventRow> events = new ArrayList<>(eventCount);
    for (int i = 0; i < eventCount; i++) {
      events.add(new EventRow(string(in), in.readLong(), in.readLong(), string(in), string(in), string(in), string(in)));
    }
    if (in.available() != 0) {
      throw new IOException("journal record has " + in.available() + " bytes after its end");
    }
    return new AppendRows(workshopId, seats, events);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > in.available()) {
      throw new IOException("journal record has a string of " + n + " bytes where " + in.available() + " are left");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("journal record has a count of " + n + " where " + in.available() + " bytes are left");
    }
    return n;
  }
}
