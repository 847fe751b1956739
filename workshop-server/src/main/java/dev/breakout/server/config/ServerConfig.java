package dev.breakout.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the server, parsed and checked once at start (see {@link ConfigLoader}).
 *
 * <p>Optional settings are {@link Optional}s rather than nulls so that "not configured" is a
 * decision each reader makes on purpose (for example: no instructor password means one is made
 * and kept in the data directory).
 *
 * @param eventLoops the event loops (one per core by default) the workshops are spread over, each
 *     workshop on one of them (docs/decisions/002-one-event-loop-per-node.md)
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> publicUrl,
    Optional<Path> contentDir,
    Optional<String> instructorPassword,
    Optional<String> jwtSecret,
    List<String> allowedOrigins,
    ZoneId timeZone,
    Duration instructorTokenTtl,
    Duration studentTokenTtl,
    Duration warningLead,
    Duration grace,
    int maxFrameBytes,
    int maxCardChars,
    double opsPerSecond,
    int opsBurst,
    Optional<String> dbUrl,
    Optional<String> dbUser,
    Optional<String> dbPassword,
    boolean fsync,
    Optional<Cluster> cluster,
    boolean trustProxy,
    Duration nudgeNoCard,
    Duration nudgeIdle,
    Optional<Management> metrics,
    Memory memory,
    int eventLoops) {

  /** More event loops than this would only add hops: no server has that many cores for rooms. */
  public static final int MAX_EVENT_LOOPS = 256;

  public ServerConfig {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * How this node joins a cluster: Hazelcast over TCP-IP only, on the given members.
   *
   * @param members {@code host:port} of every member, this node included
   */
  public record Cluster(String name, String host, int port, List<String> members) {
    public Cluster {
      members = List.copyOf(members);
    }
  }

  /**
   * Where Prometheus scrapes {@code /metrics}: a port of its own, on loopback unless configured,
   * so that the figures are not published to every student's phone with the rooms.
   */
  public record Management(String host, int port) {}

  /**
   * What a long-running server keeps in memory (docs/decisions/012-bounded-memory.md).
   *
   * @param historyEvents newest events kept per group for replay; an older lastSeq gets a snapshot
   * @param retryWindow   newest acks kept per client for retries; older retries are checked in the store
   * @param idleUnload    a workshop nobody uses for this long leaves memory (loaded again on demand)
   * @param maxLoaded     above this many loaded workshops, the least recently used idle ones leave at once
   */
  public record Memory(int historyEvents, int retryWindow, java.time.Duration idleUnload, int maxLoaded) {}

  /** The server's settings with nothing configured. */
  public static ServerConfig defaults() {
    return ConfigLoader.load(java.util.Map.of(), new String[0]);
  }

}
