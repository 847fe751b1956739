package dev.breakout.server.support;

import dev.breakout.server.WorkshopServer;
import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real server on a random loopback port with its own data directory. */
public final class TestServer extends ApiClient implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery staple";
  public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123456789";

  private final WorkshopServer server;
  private final Path dataDir;

  private TestServer(Vertx vertx, WorkshopServer server, Path dataDir) {
    super(vertx, server.port());
    this.server = server;
    this.dataDir = dataDir;
  }

  public static TestServer start(Vertx vertx, Map<String, String> extraEnv) throws Exception {
    Path dataDir = Files.createTempDirectory("workshop-test");
    Map<String, String> env = new HashMap<>();
    env.put("WORKSHOP_HOST", "127.0.0.1");
    env.put("WORKSHOP_PORT", "0");
    env.put("WORKSHOP_DATA_DIR", dataDir.toString());
    env.put("WORKSHOP_INSTRUCTOR_PASSWORD", PASSWORD);
    env.put("WORKSHOP_JWT_SECRET", JWT_SECRET);
    // Metrics on, as by default, but on a port of the system's choosing: tests run side by side.
    env.put("WORKSHOP_METRICS_PORT", "0");
    env.putAll(extraEnv);
    ServerConfig config = ConfigLoader.load(env, new String[0]);
    WorkshopServer server = WorkshopServer.start(vertx, config).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    return new TestServer(vertx, server, dataDir);
  }

  public static TestServer start(Vertx vertx) throws Exception {
    return start(vertx, Map.of());
  }

  public WorkshopServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
