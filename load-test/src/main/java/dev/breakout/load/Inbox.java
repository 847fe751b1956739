package dev.breakout.load;

import static dev.breakout.load.Wire.ACK_PREFIX;
import static dev.breakout.load.Wire.CARD_ID;
import static dev.breakout.load.Wire.EVENT_PREFIX;
import static dev.breakout.load.Wire.OP_ID;
import static dev.breakout.load.Wire.TEXT;
import static dev.breakout.load.Wire.abbreviate;
import static dev.breakout.load.Wire.indexOf;
import static dev.breakout.load.Wire.send;
import static dev.breakout.load.Wire.startsWith;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What arrives at one shard's peers, read and timed: events are parsed as bytes (the sender, the
 * edit number and the intended send time travel in the card id and text), acks by their opId,
 * everything else as JSON. Holds the shard's histograms and counters of the measured window.
 * Touched only on the shard's event loop.
 */
final class Inbox {
  private static final long HIGHEST_MICROS = Generator.HIGHEST_MICROS;

  private final Vertx vertx;
  private final Generator.Endpoint[] endpoints;
  Generator.Roster roster;
  Histogram delivery = Generator.histogram();
  Histogram deliverySame = Generator.histogram();
  Histogram deliveryCross = Generator.histogram();
  Histogram ack = Generator.histogram();
  Histogram sendLag = Generator.histogram();
  Histogram synthesis = Generator.histogram();
  final Generator.Counts counts = new Generator.Counts();
  private final Map<String, Long> errorCodes = new LinkedHashMap<>();
  private final List<String> errorSamples = new ArrayList<>();
  private io.vertx.core.http.HttpClient http;

  // the measured window (nanoTime): edits intended in [measureFrom, measureTo) are counted
  long base;
  long measureFrom = Long.MAX_VALUE;
  long measureTo = Long.MAX_VALUE;

  Inbox(Vertx vertx, Generator.Endpoint[] endpoints) {
    this.vertx = vertx;
    this.endpoints = endpoints;
  }

  /** A new measured window: fresh histograms (the counters keep adding up). */
  void window(long base, long measureFrom, long measureTo) {
    this.base = base;
    this.measureFrom = measureFrom;
    this.measureTo = measureTo;
    delivery = Generator.histogram();
    deliverySame = Generator.histogram();
    deliveryCross = Generator.histogram();
    ack = Generator.histogram();
    sendLag = Generator.histogram();
    synthesis = Generator.histogram();
    counts.synthesisFetches = 0;
    counts.synthesisFailures = 0;
  }

  Generator.Counts counts() {
    Generator.Counts c = new Generator.Counts();
    c.add(counts);
    return c;
  }

  Generator.Results results() {
    Generator.Results r = new Generator.Results();
    r.delivery.add(delivery);
    r.deliverySameNode.add(deliverySame);
    r.deliveryCrossNode.add(deliveryCross);
    r.ack.add(ack);
    r.sendLag.add(sendLag);
    r.synthesis.add(synthesis);
    r.counts.add(counts);
    r.errorCodes.putAll(errorCodes);
    r.errorSamples.addAll(errorSamples);
    return r;
  }

  void onFrame(Peer p, WebSocketFrame f) {
    if (f.isContinuation()) {
      if (p.partial != null) {
        p.partial.appendBuffer(f.binaryData());
        if (f.isFinal()) {
          Buffer whole = p.partial;
          p.partial = null;
          onMessage(p, whole);
        }
      }
    } else if (f.isText() || f.isBinary()) {
      if (f.isFinal()) {
        onMessage(p, f.binaryData());
      } else {
        p.partial = Buffer.buffer().appendBuffer(f.binaryData());
      }
    }
    // ping, pong, close: Vert.x answers and reports them itself
  }

  private void onMessage(Peer p, Buffer b) {
    long now = System.nanoTime();
    int start = 0;
    int len = b.length();
    if (len == 0) {
      return;
    }
    if (p.socketIo) {
      // Engine.IO 4 / socket.io 5 framing: 0 open, 2 ping, 40 connected, 42 event, 41 disconnect, 44 error.
      byte c0 = b.getByte(0);
      byte c1 = len > 1 ? b.getByte(1) : 0;
      if (c0 == '4' && c1 == '2') {
        start = indexOf(b, (byte) ',', 2) + 1;
        len--; // the closing ]
      } else if (c0 == '2' && len == 1) {
        p.ws.writeTextMessage("3");
        return;
      } else if (c0 == '0') {
        p.ws.writeTextMessage("40");
        return;
      } else if (c0 == '4' && c1 == '0') {
        send(p, p.hello);
        return;
      } else {
        sample("socket.io packet " + abbreviate(b.toString(StandardCharsets.UTF_8)));
        return;
      }
    }
    if (startsWith(b, EVENT_PREFIX, start)) {
      onEvent(p, b, start, len, now);
    } else if (startsWith(b, ACK_PREFIX, start)) {
      onAck(p, b, start, len, now);
    } else {
      String json = b.getString(start, len, "UTF-8");
      JsonObject m;
      try {
        m = new JsonObject(json);
      } catch (RuntimeException e) {
        counts.errors++;
        sample("unreadable message " + abbreviate(json));
        return;
      }
      onOther(p, m);
    }
  }

  private void onEvent(Peer p, Buffer t, int start, int len, long now) {
    int c = indexOf(t, CARD_ID, start, len);
    if (c < 0) {
      return; // not a card event (presence, phase, joins)
    }
    int i = c + CARD_ID.length;
    int sender = 0;
    byte ch;
    while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
      sender = sender * 10 + (ch - '0');
      i++;
    }
    int x = indexOf(t, TEXT, i, len);
    if (x < 0) {
      return;
    }
    i = x + TEXT.length;
    int n = 0;
    int digits = 0;
    while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
      n = n * 10 + (ch - '0');
      i++;
      digits++;
    }
    if (digits == 0 || i >= len || t.getByte(i) != '.') {
      return; // a setup card ("init")
    }
    i++;
    long micros = 0;
    while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
      micros = micros * 10 + (ch - '0');
      i++;
    }
    if (sender == p.student) {
      return; // the sender's own copy: its latency is the ack's
    }
    long intended = base + micros * 1000;
    if (intended < measureFrom || intended >= measureTo) {
      return;
    }
    int key = p.isStudent() ? roster.slot[sender] : sender;
    if (n <= p.lastSeen[key]) {
      counts.duplicates++;
      return;
    }
    p.lastSeen[key] = n;
    counts.delivered++;
    long us = Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000));
    delivery.recordValue(us);
    if (roster.node[sender] == p.node) {
      deliverySame.recordValue(us);
    } else {
      deliveryCross.recordValue(us);
    }
  }

  private void onAck(Peer p, Buffer t, int start, int len, long now) {
    int o = indexOf(t, OP_ID, start, len);
    if (o < 0) {
      return;
    }
    o += OP_ID.length;
    if (t.getByte(o) == 's') {
      String opId = t.getString(o, indexOf(t, (byte) '"', o), "UTF-8");
      Promise<JsonObject> pr = p.pending.remove(opId);
      if (pr != null) {
        pr.tryComplete(new JsonObject(t.getString(start, len, "UTF-8")));
      }
      return;
    }
    int i = o;
    byte ch;
    while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
      i++;
    }
    if (i >= len || t.getByte(i) != '.') {
      return;
    }
    i++;
    long micros = 0;
    while (i < len && (ch = t.getByte(i)) >= '0' && ch <= '9') {
      micros = micros * 10 + (ch - '0');
      i++;
    }
    long intended = base + micros * 1000;
    if (intended < measureFrom || intended >= measureTo) {
      return;
    }
    counts.acked++;
    ack.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - intended) / 1000)));
  }

  private void onOther(Peer p, JsonObject m) {
    String type = m.getString("type", "");
    switch (type) {
      case "welcome" -> {
        if (p.welcome != null) {
          p.welcome.tryComplete();
        }
        if (p.synthesisPath != null) {
          fetchSynthesis(p); // the page opens showing it
        }
      }
      case "synthesis.changed" -> {
        if (p.synthesisPath != null) {
          fetchSynthesis(p);
        }
      }
      case "error" -> {
        String opId = m.getString("opId");
        Promise<JsonObject> pr = opId == null ? null : p.pending.remove(opId);
        if (pr != null) {
          pr.tryFail(m.getString("code") + ": " + m.getString("message"));
          return;
        }
        if (p.measuring) {
          counts.errors++;
          errorCodes.merge(m.getString("code", "?"), 1L, Long::sum);
          sample("error " + abbreviate(m.encode()));
        }
      }
      default -> {
        // presence, pong, other events: nothing to measure
      }
    }
  }

  /** As the dashboard page does: one request at a time, once more if a notice came meanwhile. */
  private void fetchSynthesis(Peer p) {
    if (p.fetching) {
      p.fetchAgain = true;
      return;
    }
    p.fetching = true;
    p.fetchAgain = false;
    p.noticeAt = System.nanoTime();
    if (http == null) {
      http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    }
    Generator.Endpoint e = endpoints[p.node];
    http.request(new io.vertx.core.http.RequestOptions().setHost(e.host()).setPort(e.port())
            .setURI(p.synthesisPath).putHeader("Authorization", "Bearer " + p.token))
        .compose(req -> req.send().compose(res -> res.body().map(body -> res.statusCode())))
        .onComplete(ar -> {
          p.fetching = false;
          if (ar.succeeded() && ar.result() == 200) {
            counts.synthesisFetches++;
            synthesis.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (System.nanoTime() - p.noticeAt) / 1000)));
          } else {
            counts.synthesisFailures++;
            sample("synthesis: " + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause().toString()));
          }
          if (p.fetchAgain && p.open && !p.closing) {
            fetchSynthesis(p);
          }
        });
  }

  void onClose(Peer p) {
    boolean wasOpen = p.open;
    p.open = false;
    if (p.welcome != null) {
      p.welcome.tryFail("closed before the welcome" + (p.ws == null ? "" : " (" + p.ws.closeStatusCode() + " "
          + p.ws.closeReason() + ")"));
    }
    if (!p.closing && wasOpen) {
      counts.closes++;
      sample("peer " + p.id + " closed by the server: " + p.ws.closeStatusCode() + " " + p.ws.closeReason());
    }
    String how = p.ws == null ? "" : " (" + p.ws.closeStatusCode() + " " + p.ws.closeReason() + ")";
    p.pending.values().forEach(pr -> pr.tryFail("closed by the server" + how));
    p.pending.clear();
  }

  void sample(String s) {
    if (errorSamples.size() < 10) {
      errorSamples.add(s);
    }
  }
}
