package dev.breakout.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.breakout.server.config.ServerConfig;
import dev.breakout.server.metrics.Monitoring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x on Hazelcast, joined by TCP-IP on the configured members only: no multicast,
 * no auto-detection, no phone-home. Failure detection is tuned so that a dead node is noticed in
 * about five seconds rather than a minute (docs/decisions/006-cluster-consistency.md).
 */
public record ClusterNode(Vertx vertx, HazelcastClusterManager manager) {

  /** Seconds between heartbeats, and without one before a member is declared dead. */
  static final int HEARTBEAT_SECONDS = 1;
  static final int MAX_NO_HEARTBEAT_SECONDS = 5;

  public static Future<ClusterNode> start(ServerConfig.Cluster cluster) {
    return start(cluster, Monitoring.off());
  }

  /** With Vert.x's meters (HTTP, WebSocket, event bus) recorded in {@code monitoring}. */
  public static Future<ClusterNode> start(ServerConfig.Cluster cluster, Monitoring monitoring) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(cluster.host()).setPort(0).setClusterPublicHost(cluster.host());
    return monitoring.instrument(Vertx.builder(), options).withClusterManager(manager).buildClustered()
        .map(vertx -> new ClusterNode(vertx, manager));
  }

  static Config hazelcast(ServerConfig.Cluster cluster) {
    // loadConfig keeps the map and multimap settings Vert.x relies on.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(HEARTBEAT_SECONDS));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    config.setProperty("hazelcast.heartbeat.failuredetector.type", "deadline");
    config.setProperty("hazelcast.logging.type", "slf4j");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
