package org.annlib.hnsw;

/**
 * Algorithm 4 of Malkov and Yashunin (hnswlib's getNeighborsByHeuristic2): walking candidates
 * nearest first, keep one unless an already kept neighbour is closer to it than the base node is.
 * This prefers neighbours in different directions, which keeps clustered data navigable. With
 * {@code keepPrunedConnections}, free slots are then filled with the nearest discarded candidates
 * (the paper's option; denser graph, more memory traffic per hop). The loop is {@link RngPruning}'s; the
 * bound here is the candidate's own distance to the base node.
 */
public final class HeuristicNeighborSelector implements NeighborSelector {
  private final boolean keepPruned;

  public HeuristicNeighborSelector(boolean keepPrunedConnections) {
    this.keepPruned = keepPrunedConnections;
  }

  @Override
  public String name() {
    return keepPruned ? "heuristic-keep-pruned" : "heuristic";
  }

  @Override
  public int select(int[] ids, float[] distances, int n, int max, int m, NodeDistance between, int[] out) {
    return RngPruning.select(ids, distances, n, max, m, between, (toBase, kept, mm) -> toBase, keepPruned, out);
  }
}
