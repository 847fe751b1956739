package dev.breakout.load;

import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * One WebSocket of the generator: a student (who edits and receives its group's changes) or a
 * dashboard (who receives every change of its workshop). Touched only on its shard's event loop
 * once connecting starts.
 */
final class Peer {
  final int id;
  /** Student index, or -1 for a dashboard or a control connection. */
  final int student;
  final int workshop;
  /** Which server node it talks to (0 unless clustered). */
  final int node;
  final boolean socketIo;
  /** The hello's JSON, as the contender expects it. */
  String hello;
  /** {@code workshop:group} for students. */
  String groupKey;
  String cardId;
  /** Deliveries one edit of this student should make: the other members plus the workshop's dashboards. */
  int recipients;
  /** Highest edit number seen per sender (dashboards: by student index; students: by the sender's slot in the group). */
  int[] lastSeen;

  WebSocket ws;
  /** A fragmented message being reassembled. */
  io.vertx.core.buffer.Buffer partial;
  boolean open;
  boolean closing;
  boolean measuring;
  int nextEdit;
  Promise<Void> welcome;
  final Map<String, Promise<JsonObject>> pending = new HashMap<>(2);
  /** A dashboard that shows the class synthesis: where it fetches it, with this token; else null. */
  String synthesisPath;
  String token;
  /** A synthesis request is in flight; another notice came meanwhile (fetch again after it). */
  boolean fetching;
  boolean fetchAgain;
  /** When the notice that the request in flight answers came (nanoTime). */
  long noticeAt;

  Peer(int id, int student, int workshop, int node, boolean socketIo) {
    this.id = id;
    this.student = student;
    this.workshop = workshop;
    this.node = node;
    this.socketIo = socketIo;
  }

  boolean isStudent() {
    return student >= 0;
  }
}
