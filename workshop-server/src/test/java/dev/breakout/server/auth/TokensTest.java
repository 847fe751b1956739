package dev.breakout.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Tokens")
class TokensTest {
  private static final String SECRET = "0123456789-0123456789-0123456789-0123456789";

  @Test
  @DisplayName("A student token names the student and the workshop and verifies with the same key")
  void studentTokenRoundTrip(Vertx vertx) throws Exception {
    Tokens tokens = new Tokens(vertx, SECRET, Duration.ofMinutes(5), Duration.ofMinutes(5));
    String token = tokens.studentToken("w1", "s-1");
    Principal p = tokens.verify(token).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(p).isEqualTo(new Principal.Student("s-1", "w1"));
  }

  @Test
  @DisplayName("A token from another key is refused even with the same claims")
  void otherKeyRefused(Vertx vertx) throws Exception {
    Tokens ours = new Tokens(vertx, SECRET, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Tokens theirs = new Tokens(vertx, SECRET.replace('0', 'x'), Duration.ofMinutes(5), Duration.ofMinutes(5));
    Throwable err = ours.verify(theirs.instructorToken("i")).toCompletionStage().toCompletableFuture()
        .handle((p, e) -> e).get(5, TimeUnit.SECONDS);
    assertThat(err).isNotNull();
  }
}
