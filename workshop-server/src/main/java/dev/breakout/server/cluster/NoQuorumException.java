package dev.breakout.server.cluster;

/**
 * This node does not see a majority of the cluster's configured members (a network partition, or
 * most nodes down), so it may not own workshops. Clients go to another node (close code 4503).
 */
public final class NoQuorumException extends RuntimeException {
  public NoQuorumException(int visibleMembers) {
    super("this node sees " + visibleMembers + " cluster member(s), not a majority; it holds no workshops until it "
        + "sees one again");
  }
}
