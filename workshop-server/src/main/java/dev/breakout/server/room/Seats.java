package dev.breakout.server.room;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sits where: the seats by student id and by rejoin key, and the rules of joining (a name
 * within the limit; the chosen group if the workshop lets students choose, else the group with the
 * fewest members, so groups fill evenly). New ids come from the {@link IdSource} given.
 */
final class Seats {
  private final Map<String, Seat> byStudent = new LinkedHashMap<>();
  private final Map<String, String> byRejoinKey = new HashMap<>();
  private final IdSource ids;

  Seats(IdSource ids) {
    this.ids = ids;
  }

  Optional<Seat> get(String studentId) {
    return Optional.ofNullable(byStudent.get(studentId));
  }

  Optional<Seat> byRejoinKey(String rejoinKey) {
    return Optional.ofNullable(byRejoinKey.get(rejoinKey)).map(byStudent::get);
  }

  Collection<Seat> all() {
    return List.copyOf(byStudent.values());
  }

  /** Keeps a seat: a new one, one restored from the store, or one that moved to another group. */
  void put(Seat seat) {
    byStudent.put(seat.studentId(), seat);
    byRejoinKey.put(seat.rejoinKey(), seat.studentId());
  }

  /** A new seat for {@code name}, kept; or why there is none. */
  Result<Seat> seatNew(String name, String chosenGroupId, WorkshopPlan plan, Limits limits, Rooms rooms) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      return Result.rejected(Reason.NAME_REQUIRED);
    }
    if (trimmed.codePointCount(0, trimmed.length()) > limits.maxNameChars()) {
      return Result.rejected(Reason.NAME_TOO_LONG, "max", limits.maxNameChars());
    }
    String groupId;
    if (chosenGroupId != null) {
      if (!plan.allowGroupChoice()) {
        return Result.rejected(Reason.GROUPS_ASSIGNED);
      }
      if (!plan.hasGroup(chosenGroupId)) {
        return Result.rejected(Reason.NO_GROUP, "groupId", chosenGroupId);
      }
      groupId = chosenGroupId;
    } else {
      groupId = rooms.emptiest().groupId();
    }
    Seat seat = new Seat(ids.studentId(), trimmed, groupId, ids.rejoinKey());
    put(seat);
    return Result.ok(seat);
  }
}
