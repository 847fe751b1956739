package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakout.server.WorkshopServer;
import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("A join code seats new students for 24 hours; a seat taken before is taken back any time")
class JoinCodeValidityTest {

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  @DisplayName("After 24 hours a name join is refused with 404 (and costs no guess), while the code's info and rejoins still work")
  void codeClosesAfterADay(Vertx vertx) throws Exception {
    MovableClock clock = new MovableClock();
    Map<String, String> env = Map.of("WORKSHOP_HOST", "127.0.0.1", "WORKSHOP_PORT", "0",
        "WORKSHOP_DATA_DIR", Files.createTempDirectory("workshop-test").toString(),
        "WORKSHOP_INSTRUCTOR_PASSWORD", TestServer.PASSWORD, "WORKSHOP_JWT_SECRET", TestServer.JWT_SECRET);
    WorkshopServer server = WorkshopServer.start(vertx, ConfigLoader.load(env, new String[0]), clock)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    try {
      ApiClient api = new ApiClient(vertx, server.port());
      String code = api.createWorkshop(api.instructorToken(), new JsonObject()).getString("joinCode");
      JsonObject early = api.join(code, "일찍 온 학생");
      clock.advance(Duration.ofHours(23));
      assertThat(api.join(code, "늦게 온 학생").getString("name")).isEqualTo("늦게 온 학생");
      clock.advance(Duration.ofHours(1).plusMinutes(1));
      for (int i = 0; i < 15; i++) {
        ApiClient.Response late = api.post("/api/join", new JsonObject().put("code", code).put("name", "학생" + i), null);
        assertThat(late.status()).isEqualTo(404);
        assertThat(late.json().getJsonObject("error").getString("message")).contains("closed");
      }
      // Fifteen refusals and still no 429: a closed code is no guess.
      assertThat(api.get("/api/join/" + code, null).status()).isEqualTo(200);
      ApiClient.Response back = api.post("/api/join", new JsonObject().put("code", code)
          .put("rejoinKey", early.getString("rejoinKey")), null);
      assertThat(back.status()).isEqualTo(200);
      assertThat(back.json().getString("studentId")).isEqualTo(early.getString("studentId"));
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }
}
