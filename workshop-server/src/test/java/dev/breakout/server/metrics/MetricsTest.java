package dev.breakout.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breakout.server.WorkshopServer;
import dev.breakout.server.config.ConfigException;
import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.support.ApiClient;
import dev.breakout.server.support.TestServer;
import dev.breakout.server.support.TestSocket;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prometheus metrics on the management port")
class MetricsTest {
  // HTTP/1.1 as Prometheus scrapes; no h2c upgrade dance.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private Monitoring monitoring;
  private Vertx vertx;
  private WorkshopServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
    if (monitoring != null) {
      monitoring.close();
    }
  }

  /** A server on a Vert.x built the way Main builds it, so that Vert.x's own meters are there too. */
  private ApiClient start(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("WORKSHOP_HOST", "127.0.0.1");
    env.put("WORKSHOP_PORT", "0");
    env.put("WORKSHOP_METRICS_PORT", "0");
    env.put("WORKSHOP_DATA_DIR", Files.createTempDirectory("metrics-test").toString());
    env.put("WORKSHOP_INSTRUCTOR_PASSWORD", TestServer.PASSWORD);
    env.put("WORKSHOP_JWT_SECRET", TestServer.JWT_SECRET);
    env.putAll(extra);
    ServerConfig config = ConfigLoader.load(env, new String[0]);
    monitoring = Monitoring.of(config);
    vertx = monitoring.instrument(Vertx.builder(), new VertxOptions()).build();
    server = WorkshopServer.start(vertx, config, Clock.systemUTC(), Optional.empty(), monitoring)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new ApiClient(vertx, server.port());
  }

  private HttpResponse<String> request(String method, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort().orElseThrow() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String scrape() throws Exception {
    HttpResponse<String> r = request("GET", "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  /** The value of the one sample of {@code name} that has all of {@code labels} ({@code key="value"}); 0 when none. */
  static double value(String scrape, String name, String... labels) {
    return samples(scrape, name, labels).findFirst().orElse(0);
  }

  /** The sum of every sample of {@code name} that has all of {@code labels}. */
  static double sum(String scrape, String name, String... labels) {
    return samples(scrape, name, labels).sum();
  }

  private static DoubleStream samples(String scrape, String name, String... labels) {
    return scrape.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(l -> Arrays.stream(labels).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  @Test
  @DisplayName("The figures move when a student edits: clients, operations by outcome, ack and fan-out latency, store commits")
  void figuresMoveWhenAStudentEdits() throws Exception {
    ApiClient api = start(Map.of());
    String before = scrape();
    assertThat(value(before, "workshop_clients", "role=\"student\"")).isZero();
    assertThat(value(before, "workshop_operations_total", "type=\"card.add\"", "outcome=\"accepted\"")).isZero();

    String instructor = api.instructorToken();
    JsonObject created = api.createWorkshop(instructor, new JsonObject());
    JsonObject joined = api.join(created.getString("joinCode"), "민지");
    try (TestSocket teacher = api.socket()) {
      teacher.send(new JsonObject().put("type", "hello").put("token", instructor)
          .put("workshopId", created.getString("id")));
      teacher.awaitType("welcome");
      assertThat(teacher.awaitReply(teacher.op("exercise.start", new JsonObject())).getString("type"))
          .isEqualTo("ack");
    }
    try (TestSocket student = api.socket()) {
      student.send(new JsonObject().put("type", "hello").put("token", joined.getString("token")).put("lastSeq", 0));
      student.awaitType("welcome");
      String cardId = "c" + System.nanoTime();
      String add = student.op("card.add", new JsonObject().put("cardId", cardId).put("prompt", "p1").put("text", "예산"));
      assertThat(student.awaitReply(add).getString("type")).isEqualTo("ack");
      String edit = student.op("card.edit", new JsonObject().put("cardId", cardId).put("text", "예산 부족"));
      assertThat(student.awaitReply(edit).getString("type")).isEqualTo("ack");
      String missing = student.op("card.delete", new JsonObject().put("cardId", "no-such-card"));
      assertThat(student.awaitReply(missing).getString("code")).isEqualTo("not-found");
      student.sendRaw("not json");
      assertThat(student.awaitType("error").getString("code")).isEqualTo("bad-request");

      String during = scrape();
      assertThat(value(during, "workshop_clients", "role=\"student\"")).isEqualTo(1);
      assertThat(value(during, "workshop_clients", "role=\"instructor\"")).isZero();
      assertThat(value(during, "workshop_live_workshops")).isEqualTo(1);
      assertThat(value(during, "workshop_operations_total", "type=\"card.add\"", "outcome=\"accepted\"")).isEqualTo(1);
      assertThat(value(during, "workshop_operations_total", "type=\"card.edit\"", "outcome=\"accepted\"")).isEqualTo(1);
      assertThat(value(during, "workshop_operations_total", "type=\"card.delete\"", "outcome=\"not-found\"")).isEqualTo(1);
      assertThat(value(during, "workshop_operations_total", "type=\"other\"", "outcome=\"bad-request\"")).isEqualTo(1);
      assertThat(value(during, "workshop_operations_total", "type=\"exercise.start\"", "outcome=\"accepted\""))
          .isEqualTo(1);
      assertThat(value(during, "workshop_ack_latency_seconds_count")).isEqualTo(3);
      assertThat(value(during, "workshop_ack_latency_seconds_bucket", "le=\"5.0\"")).isEqualTo(3);
      // The join, the start and the two edits were each fanned out once.
      assertThat(value(during, "workshop_fanout_latency_seconds_count")).isGreaterThanOrEqualTo(4);
      assertThat(value(during, "workshop_store_commit_latency_seconds_count", "store=\"journal\"")).isGreaterThanOrEqualTo(1);
      assertThat(value(during, "workshop_store_batch_size_sum", "store=\"journal\"")).isGreaterThanOrEqualTo(3);
      // Vert.x's own meters and the JVM's.
      assertThat(sum(during, "vertx_http_server_requests_total")).isPositive();
      assertThat(value(during, "vertx_http_server_active_ws_connections")).isEqualTo(1);
      // Summed over the heap's pools: one pool (a survivor space, an empty old generation) may well be at 0.
      assertThat(sum(during, "jvm_memory_used_bytes", "area=\"heap\"")).isPositive();
      assertThat(value(during, "jvm_threads_live_threads")).isPositive();
      assertThat(during).contains("jvm_gc_");
      // No label carries a workshop, a room or a path.
      assertThat(during).doesNotContain(created.getString("id")).doesNotContain("/api/join/");
    }
    // The journal's appends reach H2 within 100 ms: the backlog drains.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      String after = scrape();
      assertThat(value(after, "workshop_journal_backlog_events")).isZero();
      assertThat(value(after, "workshop_store_commit_latency_seconds_count", "store=\"database\"")).isPositive();
      assertThat(value(after, "workshop_clients", "role=\"student\"")).isZero();
    });
  }

  @Test
  @DisplayName("The metrics port answers GET /metrics only: other methods get 405, other paths 404")
  void onlyGet() throws Exception {
    start(Map.of());
    for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"}) {
      HttpResponse<String> r = request(method, "/metrics");
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(r.headers().firstValue("allow")).as(method).contains("GET");
    }
    assertThat(request("GET", "/").statusCode()).isEqualTo(404);
    assertThat(request("GET", "/health").statusCode()).isEqualTo(404);
    assertThat(request("GET", "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Metrics bind to loopback on 9464 by default, can be moved, and can be turned off")
  void settings() throws Exception {
    ServerConfig defaults = ConfigLoader.load(Map.of(), new String[0]);
    assertThat(defaults.metrics()).contains(new ServerConfig.Management("127.0.0.1", 9464));
    ServerConfig moved = ConfigLoader.load(Map.of("WORKSHOP_METRICS_HOST", "10.0.0.5"),
        new String[] {"--metrics-port", "9500"});
    assertThat(moved.metrics()).contains(new ServerConfig.Management("10.0.0.5", 9500));
    Assertions.assertThatThrownBy(() -> ConfigLoader.load(Map.of("WORKSHOP_PORT", "9000", "WORKSHOP_METRICS_PORT", "9000"),
        new String[0])).isInstanceOf(ConfigException.class).hasMessageContaining("metricsPort");

    ApiClient api = start(Map.of("WORKSHOP_METRICS", "false"));
    assertThat(server.metricsPort()).isEmpty();
    assertThat(api.get("/health", null).status()).isEqualTo(200);
  }
}
