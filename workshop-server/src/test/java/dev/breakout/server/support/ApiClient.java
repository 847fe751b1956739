package dev.breakout.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A blocking client of one server's API and WebSocket, for the test thread (never an event loop). */
public class ApiClient {
  private final Vertx vertx;
  private final int port;
  private final String host;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(Vertx vertx, int port) {
    this(vertx, "127.0.0.1", port);
  }

  /** A client of a server at {@code host} (e.g. in a network namespace a test made). */
  public ApiClient(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
  }

  public int port() {
    return port;
  }

  public String base() {
    return "http://" + host + ":" + port();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** A response: status and body, parsed as JSON when it is JSON. */
  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }
  }

  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), token);
  }

  public Response delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE(), token);
  }

  public Response post(String path, Object body, String token) {
    String text = body instanceof String s ? s : body.toString();
    return send(HttpRequest.newBuilder(URI.create(base() + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), token);
  }

  private Response send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(15)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String instructorToken() {
    Response r = post("/api/instructor/login", new JsonObject().put("password", TestServer.PASSWORD), null);
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r);
    }
    return r.json().getString("token");
  }

  /** Creates a Session 7 workshop with short durations; returns the create response. */
  public JsonObject createWorkshop(String token, JsonObject overrides) {
    JsonObject body = new JsonObject().put("sessionId", "week1-day1-session7").put("groups", 2)
        .put("discussionSeconds", 600).put("presentationSeconds", 600).mergeIn(overrides);
    Response r = post("/api/workshops", body, token);
    if (r.status() != 201) {
      throw new IllegalStateException("create failed: " + r.status() + " " + r.body());
    }
    return r.json();
  }

  /** Joins a student; returns the join response (token, studentId, groupId, rejoinKey). */
  public JsonObject join(String code, String name) {
    Response r = post("/api/join", new JsonObject().put("code", code).put("name", name), null);
    if (r.status() != 200) {
      throw new IllegalStateException("join failed: " + r.status() + " " + r.body());
    }
    return r.json();
  }

  public TestSocket socket() throws Exception {
    return TestSocket.connect(vertx, host, port(), null);
  }

}
