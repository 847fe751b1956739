package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The server's surface")
class HealthTest {

  @Test
  @DisplayName("A server started on a free port answers /health with 200 and status UP")
  void healthIsUp(Vertx vertx, VertxTestContext ctx) throws Exception {
    TestServer server = TestServer.start(vertx);
    vertx.createHttpClient().request(HttpMethod.GET, server.port(), "127.0.0.1", "/health")
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> {
          ctx.verify(() -> {
            assertThat(resp.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(body).getString("status")).isEqualTo("UP");
          });
          return null;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("The sessions of the content module are served, Session 7 among them")
  void sessionsAreServed(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      assertThat(server.get("/api/sessions", null).array().getJsonObject(0).getString("id"))
          .isEqualTo("week1-day1-session7");
      JsonObject session = server.get("/api/sessions/week1-day1-session7", null).json();
      assertThat(session.getJsonObject("exercise").getJsonArray("prompts")).hasSize(3);
      assertThat(server.get("/api/sessions/nope", null).status()).isEqualTo(404);
    }
  }

  @Test
  @DisplayName("The web client's files are served at /")
  void staticFiles(Vertx vertx) throws Exception {
    try (TestServer server = TestServer.start(vertx)) {
      TestServer.Response index = server.get("/", null);
      assertThat(index.status()).isEqualTo(200);
      assertThat(index.body()).contains("<html");
    }
  }
}
