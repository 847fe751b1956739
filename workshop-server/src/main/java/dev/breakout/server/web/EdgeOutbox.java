package dev.breakout.server.web;

import dev.breakout.server.live.Frame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * On a room's owner, what one edge node's relayed clients are to receive, sent once per
 * event-loop turn. A fan-out hands the same text to every recipient in one turn; sending it as
 * one event-bus message with all the edge's recipient ids, instead of one message each, is what
 * makes a two-node cluster cost about what one node costs (docs/benchmarks.md, change 6).
 *
 * <p>Messages: {@code {"ids":[...],"text":"..."}}, or for closes
 * {@code {"ids":[...],"close":1012,"reason":"..."}}; the edge handles the ids in order.
 *
 * <p>Not thread-safe: it is used only on the rooms' event loop, and {@code nextTurn} must run its
 * task on that same event loop, after the current turn (see {@link Dispatcher}).
 */
final class EdgeOutbox {
  private final Executor nextTurn;
  private final Consumer<JsonObject> sender;
  private List<Group> pending = new ArrayList<>();

  /** A run of recipients that get the same message: a text, or a close when {@code text} is null. */
  private static final class Group {
    final String text;
    /** Set instead of {@code text} for a message encoded once (decoded once per edge, at the flush). */
    final Frame frame;
    final short code;
    final String reason;
    final JsonArray ids = new JsonArray();

    Group(String text, Frame frame, short code, String reason) {
      this.text = text;
      this.frame = frame;
      this.code = code;
      this.reason = reason;
    }

    boolean sameAs(String otherText, Frame otherFrame, short otherCode, String otherReason) {
      if (frame != null || otherFrame != null) {
        // A fan-out passes one Frame to every recipient.
        return frame == otherFrame;
      }
      if (text != null) {
        // String.equals answers identity first, so the usual case (a fan-out passing one
        // instance to every recipient) compares no characters.
        return text.equals(otherText);
      }
      return otherText == null && code == otherCode && reason.equals(otherReason);
    }

    JsonObject toJson() {
      JsonObject m = new JsonObject().put("ids", ids);
      if (frame != null) {
        return m.put("text", frame.text());
      }
      return text != null ? m.put("text", text) : m.put("close", code).put("reason", reason);
    }
  }

  /**
   * @param nextTurn runs the flush once the current event-loop turn is over, on the same event loop
   * @param sender sends one message to the edge node (the event bus keeps the order of one sender's
   *     messages to one address)
   */
  EdgeOutbox(Executor nextTurn, Consumer<JsonObject> sender) {
    this.nextTurn = nextTurn;
    this.sender = sender;
  }

  void text(String id, String text) {
    add(id, text, null, (short) 0, null);
  }

  void frame(String id, Frame frame) {
    add(id, null, frame, (short) 0, null);
  }

  /** A close joins the same queue as texts, so a client never sees its close before earlier texts. */
  void close(String id, short code, String reason) {
    add(id, null, null, code, reason == null ? "" : reason);
  }

  private void add(String id, String text, Frame frame, short code, String reason) {
    if (pending.isEmpty()) {
      nextTurn.execute(this::flush);
    }
    // Only the LAST group may take the id. Every message then sits after everything enqueued
    // before it, so each client's messages leave in the order they were given: joining an earlier
    // group with the same text would overtake whatever that client was sent in between.
    Group last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
    if (last == null || !last.sameAs(text, frame, code, reason)) {
      last = new Group(text, frame, code, reason);
      pending.add(last);
    }
    last.ids.add(id);
  }

  private void flush() {
    List<Group> groups = pending;
    // A fresh list before sending: whatever is enqueued from here on belongs to the next flush.
    pending = new ArrayList<>();
    for (Group g : groups) {
      sender.accept(g.toJson());
    }
  }
}
