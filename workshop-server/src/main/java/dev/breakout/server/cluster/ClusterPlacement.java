package dev.breakout.server.cluster;

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
 */
public final class ClusterPlacement implements Placement {
  private final ClusterManager manager;
  private final AsyncMap<String, String> owners;
  private final AsyncMap<String, String> codes;
  private final List<Consumer<String>> leftHandlers = new CopyOnWriteArrayList<>();

  private ClusterPlacement(ClusterManager manager, AsyncMap<String, String> owners, AsyncMap<String, String> codes) {
    this.manager = manager;
    this.owners = owners;
    this.codes = codes;
  }

  /** Must be called on the context that will use it: membership news is delivered there. */
  public static Future<Placement> create(Vertx vertx, ClusterManager manager) {
    Context context = vertx.getOrCreateContext();
    return vertx.sharedData().<String, String>getAsyncMap("workshop-owners")
        .compose(owners -> vertx.sharedData().<String, String>getAsyncMap("workshop-codes")
            .map(codes -> {
              ClusterPlacement placement = new ClusterPlacement(manager, owners, codes);
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
  public Future<String> claim(String workshopId) {
    return owners.putIfAbsent(workshopId, self()).compose(current -> {
      if (current == null || current.equals(self())) {
        return Future.succeededFuture(self());
      }
      if (alive(current)) {
        return Future.succeededFuture(current);
      }
      // A dead owner: take over, unless another survivor did first; then ask again who.
      return owners.replaceIfPresent(workshopId, current, self())
          .compose(won -> won ? Future.succeededFuture(self()) : claim(workshopId));
    });
  }

  @Override
  public Future<Void> register(String joinCode, String workshopId) {
    return codes.put(joinCode, workshopId);
  }

  private boolean alive(String nodeId) {
    return manager.getNodes().contains(nodeId);
  }

  @Override
  public Future<Optional<String>> workshopByCode(String code) {
    return codes.get(code).map(Optional::ofNullable);
  }

  @Override
  public Future<Void> relinquish(String workshopId) {
    return owners.removeIfPresent(workshopId, self()).mapEmpty();
  }

  @Override
  public Future<Void> release(String workshopId, String joinCode) {
    return owners.remove(workshopId).compose(v -> codes.remove(joinCode)).mapEmpty();
  }

  @Override
  public Future<Map<String, String>> owners() {
    return owners.entries();
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
