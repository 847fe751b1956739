package dev.breakout.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** Our server's HTTP API, as the harness needs it: login, create workshops, join students. */
final class OursApi {
  static final String SESSION = "week1-day1-session7";
  private static final int JOIN_CONCURRENCY = 32;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  OursApi(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  record Joined(String token, String studentId, String groupId) {}

  String login(String password) {
    return post("/api/instructor/login", null, new JsonObject().put("password", password), 200).getString("token");
  }

  JsonObject createWorkshop(String token, int groups) {
    // Writing stays open for a day: the run never reaches the end of the discussion.
    return post("/api/workshops", token, new JsonObject().put("sessionId", SESSION).put("groups", groups)
        .put("discussionSeconds", 24 * 3600), 201);
  }

  /** Joins students concurrently; the i-th result answers the i-th code and name. */
  List<Joined> joinAll(List<String> codes, List<String> names) {
    Semaphore window = new Semaphore(JOIN_CONCURRENCY);
    List<CompletableFuture<Joined>> all = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      window.acquireUninterruptibly();
      HttpRequest req = request("/api/join", null, new JsonObject().put("code", codes.get(i)).put("name", names.get(i)));
      all.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
        if (r.statusCode() != 200) {
          throw new IllegalStateException("join answered " + r.statusCode() + ": " + r.body());
        }
        JsonObject j = new JsonObject(r.body());
        return new Joined(j.getString("token"), j.getString("studentId"), j.getString("groupId"));
      }).whenComplete((j, e) -> window.release()));
    }
    return all.stream().map(CompletableFuture::join).toList();
  }

  private HttpRequest request(String path, String token, JsonObject body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private JsonObject post(String path, String token, JsonObject body, int expected) {
    try {
      HttpResponse<String> r = http.send(request(path, token, body), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return new JsonObject(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("POST " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
