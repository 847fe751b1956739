package dev.breakout.server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server in a JVM of its own, so that a test can kill it for real ({@code kill -9}) and start
 * it again on the same data directory.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the server and waits (bounded) until its banner says it is ready. */
  public static ServerProcess start(Path dataDir, int port, Map<String, String> env) throws Exception {
    return start(List.of(), dataDir, port, env);
  }

  /**
   * As {@link #start(Path, int, Map)}, the java command run through {@code launcher} (e.g.
   * {@code ip netns exec NS}); {@code env} may set WORKSHOP_HOST to an address there.
   */
  public static ServerProcess start(List<String> launcher, Path dataDir, int port, Map<String, String> env)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Integration tests (after `package`) run the real jar; unit tests run the compiled classes.
    String jar = System.getProperty("workshop.jar");
    List<String> command = new ArrayList<>(launcher);
    command.addAll(jar != null ? List.of(java, "-jar", jar)
        : List.of(java, "-cp", System.getProperty("java.class.path"), "dev.breakout.server.Main"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("WORKSHOP_"));
    pb.environment().put("WORKSHOP_HOST", "127.0.0.1");
    pb.environment().put("WORKSHOP_PORT", String.valueOf(port));
    pb.environment().put("WORKSHOP_DATA_DIR", dataDir.toString());
    pb.environment().put("WORKSHOP_INSTRUCTOR_PASSWORD", TestServer.PASSWORD);
    pb.environment().put("WORKSHOP_METRICS_PORT", "0");
    pb.environment().putAll(env);
    ServerProcess server = new ServerProcess(pb.start(), port);
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          server.output.add(line);
          if (line.contains("Workshop server is ready")) {
            ready.complete(null);
          }
        }
        ready.completeExceptionally(new IllegalStateException("the server exited: " + server.output));
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
    }, "server-output");
    reader.setDaemon(true);
    reader.start();
    ready.get(60, TimeUnit.SECONDS);
    return server;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The management port from the banner's metrics line (the server was started with port 0 for it). */
  public int metricsPort() {
    return output().stream().filter(l -> l.contains("/metrics")).findFirst()
        .map(l -> Integer.parseInt(l.replaceAll(".*:(\\d+)/metrics.*", "$1")))
        .orElseThrow(() -> new IllegalStateException("no metrics line in " + output()));
  }

  public List<String> output() {
    return List.copyOf(output);
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not exit: " + output);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
