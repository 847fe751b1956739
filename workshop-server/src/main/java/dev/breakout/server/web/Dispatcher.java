package dev.breakout.server.web;

import dev.breakout.server.auth.Principal;
import dev.breakout.server.auth.Tokens;
import dev.breakout.server.cluster.NoQuorumException;
import dev.breakout.server.cluster.Placement;
import dev.breakout.server.live.ClientSession;
import dev.breakout.server.live.Frame;
import dev.breakout.server.live.Hello;
import dev.breakout.server.live.Opened;
import dev.breakout.server.live.Wire;
import dev.breakout.server.live.Workshops;
import dev.breakout.server.protocol.Close;
import dev.breakout.server.room.Reason;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to the node that owns its workshop: this one, or another over the clustered
 * event bus. A client's WebSocket stays on the node it reached; when the room is elsewhere, its
 * messages are relayed both ways, so the room's owner sees the client as if it were local.
 * On a single server everything is local and nothing crosses the event bus.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final DeliveryOptions REQUEST = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final Workshops workshops;
  private final Placement placement;
  private final Actions actions;
  private final Tokens tokens;
  /**
   * Sockets on this node whose room is on another node, by relay id: added and removed on the
   * sockets' loops, read on the registry's context (decision 002).
   */
  private final Map<String, Relayed> outgoing = new java.util.concurrent.ConcurrentHashMap<>();
  /** Sessions of this node's rooms whose sockets are on other nodes, by relay id. */
  private final Map<String, Incoming> incoming = new HashMap<>();
  /**
   * What this node's rooms are sending to each edge node's relayed sockets: per room context (a
   * workshop's loop, decision 002), by edge node. Each inner map is used on its context only.
   */
  private final Map<Context, Map<String, EdgeOutbox>> outboxes = new java.util.concurrent.ConcurrentHashMap<>();

  private record Relayed(Wire wire, String owner) {}

  private record Incoming(ClientSession session, RemoteWire wire) {}

  Dispatcher(Vertx vertx, Workshops workshops, Actions actions, Tokens tokens) {
    this.vertx = vertx;
    this.workshops = workshops;
    this.placement = workshops.placement();
    this.actions = actions;
    this.tokens = tokens;
  }

  /** Listens for other nodes' requests and relayed messages, and for nodes that leave. */
  Future<Void> start() {
    EventBus bus = vertx.eventBus();
    String self = placement.self();
    // Started on the HttpVerticle's context, the workshops' registry's (decision 002).
    bus.<JsonObject>consumer(apiAddress(self), msg -> actions.run(msg.body())
        .onSuccess(reply -> msg.reply(reply.toJson()))
        .onFailure(err -> msg.fail(500, String.valueOf(err.getMessage()))));
    bus.<JsonObject>consumer(inAddress(self), this::fromEdge);
    bus.<JsonObject>consumer(outAddress(self), msg -> toClient(msg.body()));
    placement.onNodeLeft(this::nodeLeft);
    placement.onQuorumChanged(this::quorumChanged);
    return Future.succeededFuture();
  }

  static String apiAddress(String node) {
    return "workshop.node." + node + ".api";
  }

  static String inAddress(String node) {
    return "workshop.node." + node + ".in";
  }

  static String outAddress(String node) {
    return "workshop.node." + node + ".out";
  }

  // ------------------------------------------------------------------ HTTP

  Future<Actions.Reply> byId(String workshopId, JsonObject action) {
    return workshops.ensureOwned(workshopId).compose(owner -> owner.isEmpty()
        ? Future.succeededFuture(Actions.Reply.error(
            ApiException.of(Reason.NO_WORKSHOP, "workshopId", workshopId)))
        : send(owner.get(), action.copy().put("id", workshopId)));
  }

  Future<Actions.Reply> byCode(String code, JsonObject action) {
    if (!serving()) {
      return Future.failedFuture(new NoQuorumException(placement.nodes().size()));
    }
    if (workshops.holdsCode(code)) {
      return actions.run(action.copy().put("code", code));
    }
    return workshops.idByCode(code).compose(id -> id.isEmpty()
        ? Future.succeededFuture(Actions.Reply.error(
            ApiException.of(Reason.NO_WORKSHOP_FOR_CODE)))
        : workshops.ensureOwned(id.get()).compose(owner -> owner.isEmpty()
            ? Future.succeededFuture(Actions.Reply.error(ApiException.of(Reason.CODE_WORKSHOP_GONE)))
            : send(owner.get(), action.copy().put("code", code))));
  }

  /**
   * Every workshop kept, loaded on some node or not, from the shared store: its committed log is
   * what each node's memory holds too (decision 012).
   */
  Future<JsonArray> list() {
    return workshops.summaries().map(actions::list);
  }

  private Future<Actions.Reply> send(String node, JsonObject action) {
    if (node.equals(placement.self())) {
      return actions.run(action);
    }
    return vertx.eventBus().<JsonObject>request(apiAddress(node), action, REQUEST)
        .map(msg -> Actions.Reply.fromJson(msg.body()))
        .recover(err -> {
          LOG.warn("node {} did not answer {}: {}", node, action.getString("action"), err.getMessage());
          return Future.succeededFuture(Actions.Reply.error(ApiException.of(Reason.NODE_RESTARTING)));
        });
  }

  // ------------------------------------------------------------------ WebSockets

  /**
   * Checks a new socket's hello (once: its shape, its token, the workshop it names), then hands it
   * to the room's owner: {@link Workshops#open} here, or over the event bus on the node that holds
   * the room. Messages the client sends meanwhile are kept by the caller and passed in order once
   * this completes.
   *
   * @return the handler for the socket's further messages and close, or empty (then the socket
   *     was closed)
   */
  Future<Optional<Session>> open(Wire wire, String helloText) {
    Optional<JsonObject> hello = Hello.read(helloText);
    if (hello.isEmpty()) {
      wire.close(Close.NOT_HELLO);
      return Future.succeededFuture(Optional.empty());
    }
    return tokens.verify(Hello.token(hello.get())).transform(verified -> {
      if (verified.failed()) {
        wire.close(Close.BAD_TOKEN);
        return Future.succeededFuture(Optional.<Session>empty());
      }
      Optional<Hello> checked = Hello.checked(verified.result(), hello.get());
      if (checked.isEmpty()) {
        wire.close(Close.UNKNOWN_SEAT);
        return Future.succeededFuture(Optional.<Session>empty());
      }
      return workshops.open(wire, checked.get()).compose(opened -> {
        if (opened instanceof Opened.Here here) {
          return Future.succeededFuture(Optional.<Session>of(local(here.session())));
        }
        if (opened instanceof Opened.Elsewhere elsewhere) {
          return relay(wire, elsewhere.node(), checked.get());
        }
        Opened.Refused refused = (Opened.Refused) opened;
        wire.close(refused.close());
        return Future.succeededFuture(Optional.<Session>empty());
      });
    });
  }

  /** What the edge does with a socket's further messages and its close. */
  interface Session {
    void onText(String text);

    void onClose();
  }

  private static Session local(ClientSession session) {
    return new Session() {
      public void onText(String text) {
        session.onText(text);
      }

      public void onClose() {
        session.onClose();
      }
    };
  }

  /**
   * Asks the owner to attach the socket; its answer comes once the room took it (or refused it),
   * so the client's early messages, passed on after it, reach a session that exists.
   */
  private Future<Optional<Session>> relay(Wire wire, String owner, Hello hello) {
    String id = java.util.UUID.randomUUID().toString();
    outgoing.put(id, new Relayed(wire, owner));
    EventBus bus = vertx.eventBus();
    JsonObject open = new JsonObject().put("op", "open").put("id", id).put("edge", placement.self())
        .put("hello", helloJson(hello));
    return bus.<JsonObject>request(inAddress(owner), open, REQUEST).transform(answer -> {
      JsonObject refused = answer.succeeded() ? answer.result().body().getJsonObject("refused") : null;
      if (answer.failed() || refused != null) {
        if (outgoing.remove(id) != null) {
          if (answer.failed()) {
            LOG.warn("node {} did not take a relayed socket: {}", owner, answer.cause().getMessage());
            bus.send(inAddress(owner), new JsonObject().put("op", "close").put("id", id));
            wire.close(Close.OWNER_GONE);
          } else {
            wire.close(refused.getInteger("code").shortValue(), refused.getString("reason"));
          }
        }
        return Future.succeededFuture(Optional.<Session>empty());
      }
      return Future.succeededFuture(Optional.<Session>of(new Session() {
        public void onText(String text) {
          bus.send(inAddress(owner), new JsonObject().put("op", "text").put("id", id).put("text", text));
        }

        public void onClose() {
          if (outgoing.remove(id) != null) {
            bus.send(inAddress(owner), new JsonObject().put("op", "close").put("id", id));
          }
        }
      }));
    });
  }

  /** A checked hello between nodes: the edge verified the token, the owner trusts its cluster. */
  private static JsonObject helloJson(Hello hello) {
    JsonObject principal = new JsonObject().put("id", hello.principal().id());
    if (hello.principal() instanceof Principal.Student s) {
      principal.put("workshopId", s.workshopId());
    }
    return new JsonObject().put("principal", principal).put("workshopId", hello.workshopId())
        .put("lastSeq", hello.lastSeq());
  }

  private static Hello helloOf(JsonObject j) {
    JsonObject p = j.getJsonObject("principal");
    Principal principal = p.containsKey("workshopId")
        ? new Principal.Student(p.getString("id"), p.getString("workshopId"))
        : new Principal.Instructor(p.getString("id"));
    return new Hello(principal, j.getString("workshopId"), j.getJsonObject("lastSeq"));
  }

  /** On the owner: a relayed socket opened, spoke or closed. */
  private void fromEdge(Message<JsonObject> msg) {
    JsonObject m = msg.body();
    String id = m.getString("id");
    switch (m.getString("op", "")) {
      case "open" -> {
        String edge = m.getString("edge");
        RemoteWire wire = new RemoteWire(() -> outboxHere(edge), edge, id);
        workshops.open(wire, helloOf(m.getJsonObject("hello"))).onComplete(opened -> {
          if (opened.succeeded() && opened.result() instanceof Opened.Here here) {
            incoming.put(id, new Incoming(here.session(), wire));
            msg.reply(new JsonObject());
            return;
          }
          Opened.Refused refused = opened.succeeded() && opened.result() instanceof Opened.Refused r ? r
              // Another node holds the room now: the client reconnects and lands there.
              : new Opened.Refused(Close.OWNER_MOVED);
          wire.markClosed();
          msg.reply(new JsonObject().put("refused", new JsonObject().put("code", refused.close().code())
              .put("reason", refused.close().reason())));
        });
      }
      case "text" -> {
        Incoming in = incoming.get(id);
        if (in != null) {
          in.session().onText(m.getString("text"));
        }
      }
      case "close" -> {
        Incoming in = incoming.remove(id);
        if (in != null) {
          in.wire().markClosed();
          in.session().onClose();
        }
      }
      default -> LOG.warn("unknown relay message {}", m.getString("op"));
    }
  }

  /**
   * The outbox of the calling room context for an edge node: one per (context, edge), since
   * workshops live on several event loops (decision 002). Each is touched by one thread only, and
   * its flush, run on that context after the current turn, sees each fan-out whole; per-client
   * order only needs one client's messages, which come from its room's one context, to stay in
   * one queue.
   */
  private EdgeOutbox outboxHere(String edge) {
    Context here = vertx.getOrCreateContext();
    return outboxes.computeIfAbsent(here, c -> new HashMap<>()).computeIfAbsent(edge, e -> outbox(here, e));
  }

  private EdgeOutbox outbox(Context rooms, String edge) {
    EventBus bus = vertx.eventBus();
    String address = outAddress(edge);
    return new EdgeOutbox(task -> rooms.runOnContext(v -> task.run()), m -> bus.send(address, m));
  }

  /**
   * On the edge: the owner sends a text to, or closes, some of this node's relayed sockets (one
   * message for all of them, see {@link EdgeOutbox}). Ids of sockets gone meanwhile are skipped.
   */
  private void toClient(JsonObject m) {
    JsonArray ids = m.getJsonArray("ids");
    if (ids == null) {
      LOG.warn("relay message without ids; is every node on the same version?");
      return;
    }
    String text = m.getString("text");
    Integer close = m.getInteger("close");
    String reason = m.getString("reason", "");
    for (int i = 0; i < ids.size(); i++) {
      Relayed relayed = outgoing.get(ids.getString(i));
      if (relayed == null) {
        continue;
      }
      if (close != null) {
        // The socket's close handler then tells the owner it is gone, as for any close.
        relayed.wire().close(close.shortValue(), reason);
      } else {
        relayed.wire().send(text);
      }
    }
  }

  /** Whether this node may serve rooms now: in a cluster, only while it sees the majority. */
  boolean serving() {
    return placement.hasQuorum();
  }

  /**
   * This node lost the cluster's majority (a network partition): its rooms close their clients
   * with 4503 and are given up, and so are the sockets relayed to rooms elsewhere, which it may not
   * reach any more. New sockets are refused until the majority is back (docs/decisions/013).
   */
  private void quorumChanged(boolean quorum) {
    if (quorum) {
      LOG.warn("this node sees a majority of the cluster again ({} members); it serves rooms again",
          placement.nodes().size());
      return;
    }
    LOG.warn("this node sees {} of the cluster's members, not a majority: it gives up its rooms and refuses "
        + "clients until the partition heals", placement.nodes().size());
    new ArrayList<>(outgoing.entrySet()).forEach(e -> {
      outgoing.remove(e.getKey());
      e.getValue().wire().close(Close.CUT_OFF);
    });
    workshops.cutOff();
  }

  private void nodeLeft(String node) {
    LOG.warn("node {} left the cluster; taking over its workshops where this node wins", node);
    // Sockets whose room was on that node reconnect, and land on the room's new owner.
    Close close = placement.hasQuorum() ? Close.OWNER_GONE
        : new Close(Close.CUT_OFF.code(), Close.OWNER_GONE.reason());
    new ArrayList<>(outgoing.entrySet()).forEach(e -> {
      if (e.getValue().owner().equals(node)) {
        outgoing.remove(e.getKey());
        e.getValue().wire().close(close);
      }
    });
    // Sessions whose sockets were on that node are gone, and so is what was queued for them.
    outboxes.forEach((rooms, byEdge) -> rooms.runOnContext(v -> byEdge.remove(node)));
    new ArrayList<>(incoming.entrySet()).forEach(e -> {
      if (e.getValue().wire().edge().equals(node)) {
        incoming.remove(e.getKey());
        e.getValue().wire().markClosed();
        e.getValue().session().onClose();
      }
    });
    workshops.takeOver(node).onFailure(err -> LOG.error("take-over after node {} left failed", node, err));
  }

  /** A client socket on another node, reached over the event bus through that node's outbox. */
  static final class RemoteWire implements Wire {
    /** The outbox of the room context that sends (the workshop's loop). */
    private final java.util.function.Supplier<EdgeOutbox> outbox;
    private final String edge;
    private final String id;
    /** Set on the registry's context when the edge says the socket closed; read on the room's. */
    private volatile boolean closed;

    RemoteWire(java.util.function.Supplier<EdgeOutbox> outbox, String edge, String id) {
      this.outbox = outbox;
      this.edge = edge;
      this.id = id;
    }

    String edge() {
      return edge;
    }

    void markClosed() {
      closed = true;
    }

    @Override
    public void send(String text) {
      if (!closed) {
        outbox.get().text(id, text);
      }
    }

    @Override
    public void send(Frame frame) {
      if (!closed) {
        outbox.get().frame(id, frame);
      }
    }

    @Override
    public void close(short code, String reason) {
      if (!closed) {
        closed = true;
        outbox.get().close(id, code, reason);
      }
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public boolean writeQueueFull() {
      // The edge's socket applies its own limit; the event bus queue is the owner's concern.
      return false;
    }
  }
}
