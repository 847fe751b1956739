package dev.breakout.server.web;

import dev.breakout.content.Exercise;
import dev.breakout.content.Session;
import dev.breakout.server.auth.PasswordHasher;
import dev.breakout.server.auth.Principal;
import dev.breakout.server.auth.Tokens;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.live.Rejected;
import dev.breakout.server.live.Workshops;
import dev.breakout.server.protocol.HttpBodies;
import dev.breakout.server.room.Ids;
import dev.breakout.server.room.Reason;
import dev.breakout.server.room.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API: the route table first, then one method per route. */
final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  private static final String PRINCIPAL = "principal";
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final ServerConfig config;
  private final Sessions sessions;
  private final Tokens tokens;
  private final String passwordHash;
  private final Workshops workshops;
  private final Dispatcher dispatcher;
  private final BooleanSupplier ready;
  private final JoinThrottle joinCodes = new JoinThrottle();
  private final Throttle wrongPasswords;

  Api(Vertx vertx, ServerConfig config, Sessions sessions, Tokens tokens, String passwordHash,
      Workshops workshops, Dispatcher dispatcher, BooleanSupplier ready) {
    this.dispatcher = dispatcher;
    this.vertx = vertx;
    this.config = config;
    this.sessions = sessions;
    this.tokens = tokens;
    this.passwordHash = passwordHash;
    this.workshops = workshops;
    this.ready = ready;
    this.wrongPasswords = new Throttle(5, 0.2);
  }

  Router router() {
    Router router = Router.router(vertx);
    if (config.trustProxy()) {
      // Behind a reverse proxy: its X-Forwarded-* headers give the public scheme, host and the
      // client's address (for the join-code throttle). Never trusted otherwise: clients could forge them.
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    router.route().handler(SecurityHeaders::add);
    router.get("/health").handler(this::health);

    router.route("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false));
    router.get("/api/sessions").handler(this::listSessions);
    router.get("/api/sessions/:id").handler(this::getSession);
    router.post("/api/instructor/login").handler(this::login);
    router.get("/api/join/:code").handler(this::joinInfo);
    router.get("/api/join/:code/qr.svg").handler(this::joinQr);
    router.post("/api/join").handler(this::join);

    router.route("/api/workshops*").handler(this::requireInstructor);
    router.post("/api/workshops").handler(this::createWorkshop);
    router.get("/api/workshops").handler(this::listWorkshops);
    router.get("/api/workshops/:id").handler(this::getWorkshop);
    router.delete("/api/workshops/:id").handler(this::deleteWorkshop);
    router.get("/api/workshops/:id/export").handler(this::export);
    router.get("/api/workshops/:id/analytics").handler(this::analytics);
    router.get("/api/workshops/:id/synthesis").handler(this::synthesis);

    router.route("/api/*").handler(ctx -> fail(ctx, ApiException.of(Reason.NO_API_ROUTE)));
    // The QR code's link: the student page, with the code in the query for it to read.
    router.get("/join").handler(ctx -> ctx.reroute("/index.html"));
    // Pages must not outlive a server update on students' phones: always revalidate.
    router.route().handler(ctx -> {
      ctx.response().putHeader("cache-control", "no-cache");
      ctx.next();
    });
    router.route().handler(StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false));
    router.route("/api/*").failureHandler(this::failure);
    router.route().failureHandler(this::failure);
    return router;
  }

  // ------------------------------------------------------------------ routes

  private void health(RoutingContext ctx) {
    boolean up = ready.getAsBoolean();
    // A node cut off from the cluster's majority serves no room: a load balancer should skip it.
    boolean cutOff = up && !workshops.placement().hasQuorum();
    ctx.response().setStatusCode(up && !cutOff ? 200 : 503).putHeader("content-type", "application/json")
        .end(HttpBodies.health(cutOff ? "CUT-OFF" : up ? "UP" : "STARTING").encode());
  }

  private void listSessions(RoutingContext ctx) {
    json(ctx, 200, HttpBodies.sessions(sessions.all()));
  }

  private void getSession(RoutingContext ctx) {
    JsonObject session = sessions.json(ctx.pathParam("id"))
        .orElseThrow(() -> ApiException.of(Reason.NO_SESSION, "sessionId", ctx.pathParam("id")));
    json(ctx, 200, session);
  }

  private void login(RoutingContext ctx) {
    String address = clientAddress(ctx);
    if (!wrongPasswords.allowed(address, workshops.clock().millis())) {
      throw tooMany(wrongPasswords.retryAfterSeconds(address));
    }
    String password = body(ctx).getValue("password") instanceof String s ? s : null;
    if (password == null || password.isEmpty()) {
      throw ApiException.of(Reason.PASSWORD_REQUIRED);
    }
    // PBKDF2 is slow on purpose: keep it off the event loop.
    vertx.executeBlocking(() -> PasswordHasher.verify(password, passwordHash), false)
        .onSuccess(ok -> {
          if (!ok) {
            wrongPasswords.failure(address, workshops.clock().millis());
            fail(ctx, ApiException.of(Reason.WRONG_PASSWORD));
            return;
          }
          json(ctx, 200, HttpBodies.token(tokens.instructorToken("instructor")));
        })
        .onFailure(ctx::fail);
  }

  private void joinInfo(RoutingContext ctx) {
    byJoinCode(ctx, ctx.pathParam("code"), new JsonObject().put("action", "joinInfo"))
        .onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  /** The join URL as a QR code for the projector; the code is public there anyway. */
  private void joinQr(RoutingContext ctx) {
    String code = ctx.pathParam("code");
    byJoinCode(ctx, code, new JsonObject().put("action", "joinInfo")).onSuccess(reply -> {
      if (reply.status() != 200) {
        send(ctx, reply);
        return;
      }
      ctx.response().putHeader("content-type", "image/svg+xml").putHeader("cache-control", "no-store")
          .end(QrSvg.of(joinUrl(ctx, code)));
    }).onFailure(ctx::fail);
  }

  private void join(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String code = body.getValue("code") instanceof String c ? c : "";
    JsonObject action = new JsonObject().put("action", "join").put("name", body.getValue("name"))
        .put("groupId", body.getValue("groupId")).put("rejoinKey", body.getValue("rejoinKey"));
    byJoinCode(ctx, code, action).onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  private void createWorkshop(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String sessionId = body.getValue("sessionId") instanceof String s ? s : null;
    if (sessionId == null) {
      throw ApiException.of(Reason.SESSION_REQUIRED);
    }
    Session session = sessions.find(sessionId)
        .orElseThrow(() -> ApiException.of(Reason.NO_SESSION, "sessionId", sessionId));
    Exercise exercise = session.exercise();
    PlanRequest request = new PlanRequest(body, config);
    request.toPlan(Ids.random(10), "000000", session, exercise, 0); // checks the request before a code is spent
    uniqueJoinCode(0)
        .map(code -> request.toPlan(Ids.random(10), code, session, exercise, workshops.clock().millis()))
        .compose(workshops::create)
        .onSuccess(p -> {
          LOG.info("workshop {} created for session {} with {} groups", p.id(), sessionId, p.groups().size());
          json(ctx, 201, HttpBodies.created(p, joinUrl(ctx, p.joinCode())));
        })
        .onFailure(ctx::fail);
  }

  private void listWorkshops(RoutingContext ctx) {
    dispatcher.list().onSuccess(list -> {
      list.forEach(w -> ((JsonObject) w).put("joinUrl", joinUrl(ctx, ((JsonObject) w).getString("joinCode"))));
      json(ctx, 200, list);
    }).onFailure(ctx::fail);
  }

  private void getWorkshop(RoutingContext ctx) {
    dispatcher.byId(ctx.pathParam("id"), new JsonObject().put("action", "state")).onSuccess(reply -> {
      if (reply.status() != 200) {
        send(ctx, reply);
        return;
      }
      JsonObject state = (JsonObject) reply.body();
      state.getJsonObject("workshop").put("joinUrl", joinUrl(ctx, state.getJsonObject("workshop").getString("joinCode")));
      json(ctx, 200, state);
    }).onFailure(ctx::fail);
  }

  /** The link students open; the edge that was asked knows the address they reach it by. */
  private String joinUrl(RoutingContext ctx, String code) {
    return publicBase(ctx) + "/join?code=" + code;
  }

  private void export(RoutingContext ctx) {
    String format = ctx.queryParams().get("format") == null ? "md" : ctx.queryParams().get("format");
    dispatcher.byId(ctx.pathParam("id"), new JsonObject().put("action", "export").put("format", format))
        .onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  private void analytics(RoutingContext ctx) {
    dispatcher.byId(ctx.pathParam("id"), new JsonObject().put("action", "analytics"))
        .onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  private void synthesis(RoutingContext ctx) {
    dispatcher.byId(ctx.pathParam("id"), new JsonObject().put("action", "synthesis"))
        .onSuccess(reply -> send(ctx, reply)).onFailure(ctx::fail);
  }

  private void deleteWorkshop(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    dispatcher.byId(id, new JsonObject().put("action", "delete")).onSuccess(reply -> {
      if (reply.status() == 204) {
        LOG.info("workshop {} deleted", id);
      }
      send(ctx, reply);
    }).onFailure(ctx::fail);
  }

  // ------------------------------------------------------------------ helpers

  private void requireInstructor(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      fail(ctx, ApiException.of(Reason.LOGIN_REQUIRED));
      return;
    }
    tokens.verify(header.substring("Bearer ".length()).trim()).onSuccess(principal -> {
      if (!(principal instanceof Principal.Instructor)) {
        fail(ctx, ApiException.of(Reason.INSTRUCTOR_ONLY));
        return;
      }
      ctx.put(PRINCIPAL, principal);
      ctx.next();
    }).onFailure(err -> fail(ctx, ApiException.of(Reason.LOGIN_EXPIRED)));
  }

  /**
   * Asks the workshop with this join code; wrong codes count against the caller's network (see
   * {@link JoinThrottle}). A throttled network may still take back a seat it holds: a rejoin key
   * is a secret no guesser has, and anything but success is answered as throttled.
   */
  private Future<Actions.Reply> byJoinCode(RoutingContext ctx, String code, JsonObject action) {
    String address = clientAddress(ctx);
    long now = workshops.clock().millis();
    boolean allowed = joinCodes.allowed(address, now);
    if (!allowed && action.getValue("rejoinKey") == null) {
      throw tooMany(joinCodes.retryAfterSeconds(address, now));
    }
    return dispatcher.byCode(code, action).compose(reply -> {
      if (!allowed) {
        return reply.status() == 200 ? Future.succeededFuture(reply)
            : Future.failedFuture(tooMany(joinCodes.retryAfterSeconds(address, now)));
      }
      if (reply.reason().filter(Reason.NO_WORKSHOP_FOR_CODE.wire()::equals).isPresent()) {
        joinCodes.miss(address, code, now);
      } else if (reply.status() == 200) {
        joinCodes.joined(address, code, now);
      }
      return Future.succeededFuture(reply);
    });
  }

  private static void send(RoutingContext ctx, Actions.Reply reply) {
    if (reply.filename() != null) {
      ctx.response().putHeader("content-disposition", "attachment; filename=\"" + reply.filename() + "\"");
    }
    if (reply.contentType() != null) {
      ctx.response().putHeader("content-type", reply.contentType());
    }
    ctx.response().putHeader("cache-control", "no-store").setStatusCode(reply.status()).end(reply.encoded());
  }

  private static ApiException tooMany(long retryAfterSeconds) {
    return new ApiException(429, Rejection.of(Reason.TOO_MANY_ATTEMPTS, "seconds", retryAfterSeconds),
        retryAfterSeconds);
  }

  /** A join code no workshop on any node uses; 6 digits, easy on a phone's number pad. */
  private Future<String> uniqueJoinCode(int attempt) {
    if (attempt >= 100) {
      return Future.failedFuture(ApiException.of(Reason.NO_FREE_JOIN_CODE));
    }
    String code = String.format("%06d", RANDOM.nextInt(1_000_000));
    // The store too: an unloaded workshop's code is still its code.
    return workshops.idByCode(code)
        .compose(taken -> taken.isPresent() ? uniqueJoinCode(attempt + 1) : Future.succeededFuture(code));
  }

  /** Where students' phones reach this server: the configured public URL, else the request's host. */
  String publicBase(RoutingContext ctx) {
    return config.publicUrl().orElseGet(() -> ctx.request().scheme() + "://" + ctx.request().authority());
  }

  private static String clientAddress(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().host();
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.of(Reason.BODY_REQUIRED);
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.of(Reason.BODY_NOT_JSON);
    }
  }

  /** Answers with a JSON body: a {@link JsonObject} or {@link JsonArray}. */
  static void json(RoutingContext ctx, int status, Object body) {
    send(ctx, Actions.Reply.json(status, body));
  }

  private static void fail(RoutingContext ctx, ApiException e) {
    ctx.fail(e.status(), e);
  }

  /** The one place that turns failures into responses. */
  private void failure(RoutingContext ctx) {
    Throwable err = ctx.failure();
    ApiException api;
    if (err instanceof ApiException a) {
      api = a;
    } else if (err instanceof Rejected r) {
      api = ApiException.of(r.rejection());
    } else if (err instanceof dev.breakout.server.cluster.NoQuorumException) {
      api = ApiException.of(Reason.CUT_OFF);
    } else if (err == null) {
      int status = ctx.statusCode();
      api = status == 413 ? ApiException.of(Reason.REQUEST_TOO_LARGE)
          : ApiException.withStatus(status, status == 404 ? Reason.NO_ROUTE : Reason.REQUEST_FAILED, "status", status);
    } else {
      LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), err);
      api = ApiException.of(Reason.INTERNAL);
    }
    if (ctx.response().ended()) {
      return;
    }
    if (api.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", String.valueOf(api.retryAfterSeconds()));
    }
    json(ctx, api.status(), HttpBodies.error(api.rejection()));
  }

}
