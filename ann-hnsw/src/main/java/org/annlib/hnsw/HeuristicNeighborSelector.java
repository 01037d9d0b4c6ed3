package org.annlib.hnsw;

/**
 * Algorithm 4 of Malkov and Yashunin (hnswlib's getNeighborsByHeuristic2): walking candidates
 * nearest first, keep one unless an already kept neighbour is closer to it than the base node is.
 * This prefers neighbours in different directions, which keeps clustered data navigable. With
 * {@code keepPrunedConnections}, free slots are then filled with the nearest discarded candidates
 * (the paper's option; denser graph, more memory traffic per hop).
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
    if (n < max && !keepPruned) {
      // Fewer candidates than slots: hnswlib keeps them all without pruning.
      System.arraycopy(ids, 0, out, 0, n);
      return n;
    }
    int kept = 0;
    boolean[] pruned = keepPruned ? new boolean[n] : null;
    for (int i = 0; i < n && kept < max; i++) {
      int c = ids[i];
      float dc = distances[i];
      boolean good = true;
      for (int j = 0; j < kept; j++) {
        if (between.between(c, out[j]) < dc) {
          good = false;
          break;
        }
      }
      if (good) {
        out[kept++] = c;
      } else if (pruned != null) {
        pruned[i] = true;
      }
    }
    if (pruned != null) {
      for (int i = 0; i < n && kept < max; i++) {
        if (pruned[i]) {
          out[kept++] = ids[i];
        }
      }
    }
    return kept;
  }
}
