package dev.breakout.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The join throttle against a real server behind a (trusted) proxy, so that each request can come
 * from the address the test names: a school's one NAT address, a guesser's address.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Join codes: a class behind one address joins with its typos; a guesser is stopped")
class JoinThrottleTest {
  private static final String SCHOOL = "203.0.113.7";
  private static final String GUESSER = "198.51.100.9";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HostileFixture room;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    room = new HostileFixture(vertx, Map.of("WORKSHOP_TRUST_PROXY", "true"));
  }

  @AfterEach
  void stop() throws Exception {
    room.close();
  }

  private HttpResponse<String> from(String address, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(room.server.base() + path))
        .header("X-Forwarded-For", address).timeout(Duration.ofSeconds(15));
    if (body != null) {
      request.header("content-type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** What a student types for the code: mostly right, sometimes with a slip, now and then far off. */
  private static List<String> attempts(String code, Random random) {
    List<String> typed = new ArrayList<>();
    double roll = random.nextDouble();
    char[] c = code.toCharArray();
    if (roll < 0.10) {
      // One digit wrong.
      int i = random.nextInt(6);
      c[i] = (char) ('0' + (c[i] - '0' + 1 + random.nextInt(9)) % 10);
      typed.add(new String(c));
    } else if (roll < 0.14) {
      // Two neighbours swapped.
      int i = random.nextInt(5);
      char t = c[i];
      c[i] = c[i + 1];
      c[i + 1] = t;
      typed.add(new String(c));
    } else if (roll < 0.17) {
      // A digit left out.
      typed.add(code.substring(0, 5));
    } else if (roll < 0.20) {
      // Two digits wrong.
      c[0] = (char) ('0' + (c[0] - '0' + 5) % 10);
      c[3] = (char) ('0' + (c[3] - '0' + 3) % 10);
      typed.add(new String(c));
    }
    // Two equal neighbours swapped are no typo at all.
    typed.remove(code);
    typed.add(code);
    return typed;
  }

  @Test
  @DisplayName("200 students behind one address, one in five with a typo, all join within a minute and none is refused")
  void classBehindOneAddress() throws Exception {
    Random random = new Random(17);
    long start = System.nanoTime();
    int typos = 0;
    for (int i = 0; i < 200; i++) {
      List<String> typed = attempts(room.joinCode, random);
      typos += typed.size() - 1;
      for (String code : typed) {
        // As the page does: look the code up, then join with a name.
        HttpResponse<String> info = from(SCHOOL, "GET", "/api/join/" + code, null);
        assertThat(info.statusCode()).as("student %d typing %s", i, code).isIn(200, 404);
        if (info.statusCode() == 200) {
          HttpResponse<String> joined = from(SCHOOL, "POST", "/api/join",
              new JsonObject().put("code", code).put("name", "학생" + i));
          assertThat(joined.statusCode()).as("student %d", i).isEqualTo(200);
        }
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("200 students behind one address, %d typos, joined in %.1f s%n", typos, seconds);
    assertThat(typos).isGreaterThanOrEqualTo(20);
    assertThat(seconds).isLessThan(60);
    assertThat(room.server.get("/api/workshops/" + room.workshopId, room.instructor).json()
        .getJsonArray("students")).hasSize(201);
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("A guesser is refused after 10 far misses, for the right code too, for two hours; its own seat and the school are unaffected")
  void guesserIsStopped() throws Exception {
    JsonObject seat = new JsonObject(from(GUESSER, "POST", "/api/join",
        new JsonObject().put("code", room.joinCode).put("name", "손님")).body());
    Random random = new Random(5);
    int misses = 0;
    while (misses < 10) {
      String guess = String.format("%06d", random.nextInt(1_000_000));
      if (guess.equals(room.joinCode) || JoinThrottle.oneSlip(room.joinCode, guess)) {
        continue;
      }
      assertThat(from(GUESSER, "GET", "/api/join/" + guess, null).statusCode()).isEqualTo(404);
      misses++;
    }
    HttpResponse<String> refused = from(GUESSER, "GET", "/api/join/123456", null);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo("rate-limited");
    assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(3_600L, 7_200L);
    // The right code is refused just the same: a guesser learns nothing from the answers.
    assertThat(from(GUESSER, "GET", "/api/join/" + room.joinCode, null).statusCode()).isEqualTo(429);
    assertThat(from(GUESSER, "POST", "/api/join", new JsonObject().put("code", room.joinCode).put("name", "새 이름"))
        .statusCode()).isEqualTo(429);
    assertThat(from(GUESSER, "POST", "/api/join", new JsonObject().put("code", room.joinCode)
        .put("rejoinKey", "not-a-key")).statusCode()).isEqualTo(429);
    // A seat it holds it may take back: the rejoin key is a secret no guesser has.
    HttpResponse<String> rejoined = from(GUESSER, "POST", "/api/join", new JsonObject().put("code", room.joinCode)
        .put("rejoinKey", seat.getString("rejoinKey")));
    assertThat(rejoined.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(rejoined.body()).getString("studentId")).isEqualTo(seat.getString("studentId"));
    // Another address is not affected.
    assertThat(from(SCHOOL, "POST", "/api/join", new JsonObject().put("code", room.joinCode).put("name", "학생"))
        .statusCode()).isEqualTo(200);
    room.assertBystanderUnaffected();
  }

  @Test
  @DisplayName("Slips around a code the address joined, before or after the join, and codes that are not six digits cost nothing")
  void slipsCostNothing() throws Exception {
    char[] c = room.joinCode.toCharArray();
    c[5] = (char) ('0' + (c[5] - '0' + 1) % 10);
    String slip = new String(c);
    // Five slips before anyone from the address got in: half the burst, for now...
    for (int i = 0; i < 5; i++) {
      assertThat(from(SCHOOL, "GET", "/api/join/" + slip, null).statusCode()).isEqualTo(404);
    }
    // ...given back by the first join; slips after it and codes of five digits are free.
    assertThat(from(SCHOOL, "POST", "/api/join", new JsonObject().put("code", room.joinCode).put("name", "첫 학생"))
        .statusCode()).isEqualTo(200);
    for (int i = 0; i < 30; i++) {
      assertThat(from(SCHOOL, "GET", "/api/join/" + slip, null).statusCode()).isEqualTo(404);
      assertThat(from(SCHOOL, "GET", "/api/join/12345", null).statusCode()).isEqualTo(404);
    }
    // So the whole burst of ten far misses is still there, and not one more.
    Random random = new Random(3);
    int far = 0;
    while (far < 10) {
      String guess = String.format("%06d", random.nextInt(1_000_000));
      if (guess.equals(room.joinCode) || JoinThrottle.oneSlip(room.joinCode, guess)) {
        continue;
      }
      assertThat(from(SCHOOL, "GET", "/api/join/" + guess, null).statusCode()).isEqualTo(404);
      far++;
    }
    assertThat(from(SCHOOL, "GET", "/api/join/" + room.joinCode, null).statusCode()).isEqualTo(429);
    room.assertBystanderUnaffected();
  }
}
