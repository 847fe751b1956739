package dev.breakout.server.cluster;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which node holds each workshop. One node at a time owns a workshop: it alone orders its
 * events, runs its clock and commits to the store (docs/decisions/006-cluster-consistency.md).
 * A single server owns everything.
 */
public interface Placement {

  /** This node's id. */
  String self();

  /**
   * The workshop's living owner; when it has none (new, or its node died), this node claims it.
   * Claims are atomic: of several nodes racing, one wins and all learn the same owner.
   */
  Future<String> claim(String workshopId);

  /** Makes a join code find its workshop, from any node. */
  Future<Void> register(String joinCode, String workshopId);

  /** The workshop a join code belongs to, if any node registered it. */
  Future<Optional<String>> workshopByCode(String code);

  /** Gives up this node's ownership (a clean shutdown), so that another node may claim it at once. */
  Future<Void> relinquish(String workshopId);

  /** Forgets a deleted workshop. */
  Future<Void> release(String workshopId, String joinCode);

  /** Every registered workshop and its owner's node id (owners may be dead). */
  Future<Map<String, String>> owners();

  /** Living nodes, this one included. */
  java.util.List<String> nodes();

  /** Called on this node's context with the id of a node that left the cluster. */
  void onNodeLeft(Consumer<String> handler);

  /**
   * Whether this node sees a majority of the cluster's configured members, and so may own
   * workshops (docs/decisions/013-partition-fencing.md). A single server always does.
   */
  default boolean hasQuorum() {
    return true;
  }

  /** Called on this node's context with false when the majority is lost, true when it is back. */
  default void onQuorumChanged(Consumer<Boolean> handler) {
    // A single server never loses it.
  }
}
