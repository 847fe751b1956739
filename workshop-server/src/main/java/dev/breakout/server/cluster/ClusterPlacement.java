package dev.breakout.server.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Ownership kept in two cluster-wide maps (Hazelcast through Vert.x shared data): workshop id
 * to owner node, join code to workshop id. A claim takes a free entry with putIfAbsent, or a dead
 * owner's entry with replaceIfPresent, so exactly one of racing nodes wins.
 *
 * <p>Both maps require the cluster's majority (Hazelcast split-brain protection, see
 * {@link ClusterNode}); a node that does not see a majority of the configured members claims nothing
 * and tells its listeners, which give up the workshops it holds (docs/decisions/013).
 */
public final class ClusterPlacement implements Placement {
  static final String OWNERS = "workshop-owners";
  static final String CODES = "workshop-codes";
  static final List<String> MAPS = List.of(OWNERS, CODES);
  /** How often the majority is looked at; membership changes move it at once, this only reports it. */
  static final long QUORUM_CHECK_MS = 200;

  private final ClusterManager manager;
  private final SplitBrainProtection majority;
  private final List<Consumer<Boolean>> quorumHandlers = new CopyOnWriteArrayList<>();
  private boolean reportedQuorum = true;
  private final AsyncMap<String, String> owners;
  private final AsyncMap<String, String> codes;
  private final List<Consumer<String>> leftHandlers = new CopyOnWriteArrayList<>();

  private ClusterPlacement(ClusterManager manager, AsyncMap<String, String> owners, AsyncMap<String, String> codes) {
    this.manager = manager;
    HazelcastInstance hazelcast = ((io.vertx.spi.cluster.hazelcast.HazelcastClusterManager) manager)
        .getHazelcastInstance();
    this.majority = hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(ClusterNode.MAJORITY);
    this.owners = owners;
    this.codes = codes;
  }

  /** Must be called on the context that will use it: membership news is delivered there. */
  public static Future<Placement> create(Vertx vertx, ClusterManager manager) {
    Context context = vertx.getOrCreateContext();
    return vertx.sharedData().<String, String>getAsyncMap(OWNERS)
        .compose(owners -> vertx.sharedData().<String, String>getAsyncMap(CODES)
            .map(codes -> {
              ClusterPlacement placement = new ClusterPlacement(manager, owners, codes);
              placement.reportedQuorum = placement.hasQuorum();
              vertx.setPeriodic(QUORUM_CHECK_MS, id -> placement.checkQuorum());
              manager.nodeListener(new NodeListener() {
                @Override
                public void nodeAdded(String nodeId) {
                  // A new node claims nothing by itself; it serves what it is asked for.
                }

                @Override
                public void nodeLeft(String nodeId) {
                  context.runOnContext(v -> placement.leftHandlers.forEach(h -> h.accept(nodeId)));
                }
              });
              return placement;
            }));
  }

  @Override
  public String self() {
    return manager.getNodeId();
  }

  @Override
  public boolean hasQuorum() {
    return majority.hasMinimumSize();
  }

  @Override
  public void onQuorumChanged(Consumer<Boolean> handler) {
    quorumHandlers.add(handler);
  }

  /** On this node's context: tells the listeners when the majority was lost or regained. */
  private void checkQuorum() {
    boolean now = hasQuorum();
    if (now != reportedQuorum) {
      reportedQuorum = now;
      quorumHandlers.forEach(h -> h.accept(now));
    }
  }

  @Override
  public Future<String> claim(String workshopId) {
    if (!hasQuorum()) {
      return Future.failedFuture(new NoQuorumException(manager.getNodes().size()));
    }
    return guarded(owners.putIfAbsent(workshopId, self())).compose(current -> {
      if (current == null || current.equals(self())) {
        return Future.succeededFuture(self());
      }
      if (alive(current)) {
        return Future.succeededFuture(current);
      }
      // A dead owner: take over, unless another survivor did first; then ask again who.
      return guarded(owners.replaceIfPresent(workshopId, current, self()))
          .compose(won -> won ? Future.succeededFuture(self()) : claim(workshopId));
    });
  }

  @Override
  public Future<Void> register(String joinCode, String workshopId) {
    return guarded(codes.put(joinCode, workshopId));
  }

  private boolean alive(String nodeId) {
    return manager.getNodes().contains(nodeId);
  }

  @Override
  public Future<Optional<String>> workshopByCode(String code) {
    return guarded(codes.get(code)).map(Optional::ofNullable);
  }

  @Override
  public Future<Void> relinquish(String workshopId) {
    return guarded(owners.removeIfPresent(workshopId, self())).mapEmpty();
  }

  @Override
  public Future<Void> release(String workshopId, String joinCode) {
    return guarded(owners.remove(workshopId).compose(v -> codes.remove(joinCode))).mapEmpty();
  }

  @Override
  public Future<Map<String, String>> owners() {
    return guarded(owners.entries());
  }

  /**
   * The majority was lost between the check and the map operation, and Hazelcast refused it:
   * reported as {@link NoQuorumException}, which callers turn into 4503 and 503.
   */
  private <T> Future<T> guarded(Future<T> operation) {
    return operation.recover(err -> {
      for (Throwable t = err; t != null; t = t.getCause()) {
        if (t instanceof com.hazelcast.splitbrainprotection.SplitBrainProtectionException) {
          return Future.failedFuture(new NoQuorumException(manager.getNodes().size()));
        }
      }
      return Future.failedFuture(err);
    });
  }

  @Override
  public List<String> nodes() {
    return manager.getNodes();
  }

  @Override
  public void onNodeLeft(Consumer<String> handler) {
    leftHandlers.add(handler);
  }
}
