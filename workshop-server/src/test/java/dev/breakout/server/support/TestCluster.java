package dev.breakout.server.support;

import dev.breakout.server.WorkshopServer;
import dev.breakout.server.cluster.ClusterNode;
import dev.breakout.server.config.ConfigLoader;
import dev.breakout.server.config.ServerConfig;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Several clustered servers in this JVM, on loopback, sharing one PostgreSQL. */
public final class TestCluster implements AutoCloseable {

  /** One member: its Vert.x, its server and its HTTP port. */
  public record Node(ClusterNode cluster, WorkshopServer server) {
    public int port() {
      return server.port();
    }
  }

  private final List<Node> nodes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Integer> hazelcastPorts = new ArrayList<>();
  private final List<String> members = new ArrayList<>();
  private final String name = "test-" + UUID.randomUUID();
  private final Postgres postgres;
  private final Map<String, String> extraEnv = new HashMap<>();

  public TestCluster(Postgres postgres) {
    this.postgres = postgres;
  }

  /** A setting every node of this cluster starts with (before {@link #start}). */
  public TestCluster with(String name, String value) {
    extraEnv.put(name, value);
    return this;
  }

  /** Starts {@code count} members; each knows all of them. */
  public TestCluster start(int count) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(ServerProcess.freePort());
    }
    ports.forEach(p -> members.add("127.0.0.1:" + p));
    hazelcastPorts.addAll(ports);
    for (int port : ports) {
      nodes.add(startNode(port));
    }
    return this;
  }

  private Node startNode(int hazelcastPort) throws Exception {
    Map<String, String> env = env(postgres, name, hazelcastPort, members);
    env.put("WORKSHOP_HOST", "127.0.0.1");
    env.put("WORKSHOP_PORT", "0");
    env.put("WORKSHOP_DATA_DIR", Files.createTempDirectory("node").toString());
    env.put("WORKSHOP_INSTRUCTOR_PASSWORD", TestServer.PASSWORD);
    env.put("WORKSHOP_METRICS_PORT", "0");
    env.putAll(extraEnv);
    ServerConfig config = ConfigLoader.load(env, new String[0]);
    ClusterNode cluster = ClusterNode.start(config.cluster().orElseThrow()).toCompletionStage()
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
    WorkshopServer server = WorkshopServer.start(cluster.vertx(), config, Clock.systemUTC(),
        Optional.of(cluster.manager())).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return new Node(cluster, server);
  }

  /** The settings that make a node a member of cluster {@code name} on the shared database. */
  public static Map<String, String> env(Postgres postgres, String name, int hazelcastPort, List<String> members) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKSHOP_JWT_SECRET", TestServer.JWT_SECRET);
    env.put("WORKSHOP_DB_URL", postgres.url());
    env.put("WORKSHOP_DB_USER", postgres.user());
    env.put("WORKSHOP_CLUSTER", "true");
    env.put("WORKSHOP_CLUSTER_NAME", name);
    env.put("WORKSHOP_CLUSTER_HOST", "127.0.0.1");
    env.put("WORKSHOP_CLUSTER_PORT", String.valueOf(hazelcastPort));
    env.put("WORKSHOP_CLUSTER_MEMBERS", String.join(",", members));
    // The tests' writers go as fast as acks come back, far above a person's pace.
    env.put("WORKSHOP_OPS_PER_SECOND", "1000");
    env.put("WORKSHOP_OPS_BURST", "1000");
    return env;
  }

  public Node node(int i) {
    return nodes.get(i);
  }

  /** Stops one member (its Hazelcast leaves the cluster); the others carry on. */
  public void stop(int i) throws Exception {
    Node n = nodes.get(i);
    n.server().stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    n.cluster().vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Starts a fresh member in the place of stopped member {@code i} (same Hazelcast address). */
  public void startAgain(int i) throws Exception {
    nodes.set(i, startNode(hazelcastPorts.get(i)));
  }

  /** Stops member {@code i} and starts a fresh one in its place (same Hazelcast address). */
  public void restart(int i) throws Exception {
    stop(i);
    nodes.set(i, startNode(hazelcastPorts.get(i)));
  }

  @Override
  public void close() {
    for (Node n : nodes) {
      try {
        n.cluster().vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Already stopped by the test.
      }
    }
  }
}
