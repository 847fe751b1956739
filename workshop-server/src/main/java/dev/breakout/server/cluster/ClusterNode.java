package dev.breakout.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
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
 *
 * <p>Only a side of the cluster that holds a majority of the configured members may own workshops:
 * the ownership maps are guarded by Hazelcast's split-brain protection, and a node that sees fewer
 * members gives its workshops up (docs/decisions/013-partition-fencing.md). After a partition heals,
 * Hazelcast merges the smaller side into the larger within seconds (the merge runs every
 * {@value #MERGE_SECONDS} s instead of the default two to five minutes).
 */
public record ClusterNode(Vertx vertx, HazelcastClusterManager manager) {

  /** Seconds between heartbeats, and without one before a member is declared dead. */
  static final int HEARTBEAT_SECONDS = 1;
  static final int MAX_NO_HEARTBEAT_SECONDS = 5;
  /** How often a node looks for the other side of a healed partition to merge with. */
  static final int MERGE_SECONDS = 5;
  /** Event-bus connections between nodes are pinged this often, and dropped without a pong this long. */
  static final long EVENT_BUS_PING_MS = 2_000;
  static final long EVENT_BUS_PING_REPLY_MS = 4_000;
  /** The split-brain protection that the ownership maps require. */
  static final String MAJORITY = "workshop-majority";

  public static Future<ClusterNode> start(ServerConfig.Cluster cluster) {
    return start(cluster, Monitoring.off());
  }

  /** With Vert.x's meters (HTTP, WebSocket, event bus) recorded in {@code monitoring}. */
  public static Future<ClusterNode> start(ServerConfig.Cluster cluster, Monitoring monitoring) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(cluster.host()).setPort(0).setClusterPublicHost(cluster.host())
        // A connection to another node that went silent (a partition drops packets, it does not
        // reset connections) is replaced after a few seconds, not 40 s: otherwise, after the
        // partition heals, relayed messages queue on a dead connection until its ping times out.
        .setClusterPingInterval(EVENT_BUS_PING_MS).setClusterPingReplyInterval(EVENT_BUS_PING_REPLY_MS);
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
    config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(MERGE_SECONDS));
    config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(MERGE_SECONDS));
    config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(MAJORITY, true, majority(cluster))
        .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
    for (String map : ClusterPlacement.MAPS) {
      config.getMapConfig(map).setSplitBrainProtectionName(MAJORITY);
    }
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).clear().addInterface(cluster.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }

  /** More than half of the configured members, this one included. */
  static int majority(ServerConfig.Cluster cluster) {
    return cluster.members().size() / 2 + 1;
  }
}
