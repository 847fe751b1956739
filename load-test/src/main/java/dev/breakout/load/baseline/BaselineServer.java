package dev.breakout.load.baseline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of our stack: a bare Vert.x WebSocket server speaking the minimal room protocol with
 * the same message shapes as our server, on one event loop like ours (its rooms live on one
 * verticle), with the same WebSocket settings (no compression), but no auth, no storage, no
 * clock, no rate limit, no validation beyond what routing needs.
 *
 * <pre>
 * hello     {type:"hello", role:"student"|"instructor", workshopId, groupId?, studentId?} -> welcome
 * card.add  {type, opId, cardId, prompt, text} -> event card.added to the group and the workshop's dashboards, then ack
 * card.edit {type, opId, cardId, text}         -> event card.edited, then ack
 * ping      -> pong
 * </pre>
 * GET /health answers 200, GET /gc runs System.gc().
 */
public final class BaselineServer extends VerticleBase {
  private final String host;
  private final int port;
  private final Map<String, Group> groups = new HashMap<>();
  private final Map<String, List<ServerWebSocket>> dashboards = new HashMap<>();
  private HttpServer server;

  BaselineServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  private static final class Group {
    final String id;
    final List<ServerWebSocket> members = new ArrayList<>();
    final Map<String, JsonObject> cards = new HashMap<>();
    long seq;

    Group(String id) {
      this.id = id;
    }
  }

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 8090;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx(new VertxOptions());
    String h = host;
    int p = port;
    vertx.deployVerticle(new BaselineServer(host, port))
        .onSuccess(id -> System.out.println("baseline room server listening on http://" + h + ":" + p))
        .onFailure(err -> {
          err.printStackTrace();
          System.exit(1);
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
    return vertx.createHttpServer(options)
        .requestHandler(req -> {
          if ("/health".equals(req.path())) {
            req.response().putHeader("content-type", "application/json").end("{\"status\":\"UP\"}");
          } else if ("/gc".equals(req.path())) {
            System.gc();
            req.response().end("{\"gc\":true}");
          } else {
            req.response().setStatusCode(404).end();
          }
        })
        .webSocketHandler(this::connected)
        .listen()
        .onSuccess(s -> server = s);
  }

  private void connected(ServerWebSocket ws) {
    Client client = new Client(ws);
    ws.textMessageHandler(client::onText);
    ws.closeHandler(v -> client.onClose());
  }

  private final class Client {
    final ServerWebSocket ws;
    boolean instructor;
    String workshopId;
    String studentId;
    Group group;

    Client(ServerWebSocket ws) {
      this.ws = ws;
    }

    void onText(String text) {
      JsonObject m;
      try {
        m = new JsonObject(text);
      } catch (RuntimeException e) {
        error(null, "bad-request", "not a JSON object");
        return;
      }
      String type = m.getString("type", "");
      if (workshopId == null) {
        hello(m, type);
        return;
      }
      String opId = m.getString("opId");
      switch (type) {
        case "ping" -> ws.writeTextMessage(new JsonObject().put("type", "pong")
            .put("serverTime", System.currentTimeMillis()).encode());
        case "card.add", "card.edit" -> {
          if (group == null) {
            error(opId, "forbidden", "students only");
            return;
          }
          change(m, type, opId);
        }
        default -> error(opId, "unknown-type", "unknown type");
      }
    }

    private void hello(JsonObject m, String type) {
      if (!"hello".equals(type) || m.getString("workshopId") == null) {
        ws.close((short) 1008, "the first message must be hello");
        return;
      }
      workshopId = m.getString("workshopId");
      JsonObject welcome = new JsonObject().put("type", "welcome").put("serverTime", System.currentTimeMillis());
      if ("instructor".equals(m.getString("role"))) {
        instructor = true;
        dashboards.computeIfAbsent(workshopId, k -> new ArrayList<>()).add(ws);
        welcome.put("role", "instructor").put("workshopId", workshopId);
      } else {
        studentId = m.getString("studentId");
        String groupId = m.getString("groupId");
        group = groups.computeIfAbsent(workshopId + ":" + groupId, k -> new Group(groupId));
        group.members.add(ws);
        welcome.put("role", "student").put("studentId", studentId).put("groupId", groupId);
      }
      ws.writeTextMessage(welcome.encode());
    }

    private void change(JsonObject m, String type, String opId) {
      long now = System.currentTimeMillis();
      String cardId = m.getString("cardId");
      JsonObject event;
      if ("card.add".equals(type)) {
        if (cardId == null || group.cards.containsKey(cardId)) {
          error(opId, "conflict", "card id taken");
          return;
        }
        JsonObject card = new JsonObject().put("cardId", cardId).put("prompt", m.getString("prompt"))
            .put("text", m.getString("text")).putNull("label").put("authorId", studentId).put("authorName", studentId)
            .put("version", 1).put("late", false).put("createdAt", now).put("updatedAt", now);
        group.cards.put(cardId, card);
        event = new JsonObject().put("type", "card.added").put("card", card);
      } else {
        JsonObject card = group.cards.get(cardId);
        if (card == null) {
          error(opId, "not-found", "no such card");
          return;
        }
        int version = card.getInteger("version") + 1;
        card.put("text", m.getString("text")).put("version", version).put("updatedAt", now);
        event = new JsonObject().put("type", "card.edited").put("cardId", cardId).put("text", card.getString("text"))
            .putNull("label").put("version", version).put("editorId", studentId).put("late", false);
      }
      long seq = ++group.seq;
      // Encoded once, written to every member (the sender too, as ours does) and every dashboard.
      String text = new JsonObject().put("type", "event").put("groupId", group.id).put("seq", seq).put("at", now)
          .put("event", event).encode();
      for (ServerWebSocket member : group.members) {
        member.writeTextMessage(text);
      }
      List<ServerWebSocket> dash = dashboards.get(workshopId);
      if (dash != null) {
        for (ServerWebSocket d : dash) {
          d.writeTextMessage(text);
        }
      }
      ws.writeTextMessage(new JsonObject().put("type", "ack").put("opId", opId).put("seq", seq)
          .put("seqs", new JsonObject().put(group.id, seq)).encode());
    }

    private void error(String opId, String code, String message) {
      ws.writeTextMessage(new JsonObject().put("type", "error").put("opId", opId).put("code", code)
          .put("message", message).encode());
    }

    void onClose() {
      if (group != null) {
        group.members.remove(ws);
      } else if (instructor) {
        List<ServerWebSocket> dash = dashboards.get(workshopId);
        if (dash != null) {
          dash.remove(ws);
        }
      }
    }
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
