package org.annlib.hnsw;

/**
 * The pruning loop every relative-neighbourhood selector shares (HNSW's heuristic, CRINN's relaxed
 * rule): walk the candidates nearest first and keep one unless an already kept neighbour lies
 * within the selector's {@link Bound} of it. Selectors differ only in that bound, so the loop,
 * the "fewer candidates than slots" shortcut and the refill with pruned candidates live here once.
 */
public final class RngPruning {
  private RngPruning() {}

  /** How close a kept neighbour may be before it prunes a candidate. */
  @FunctionalInterface
  public interface Bound {
    /**
     * @param toBase the candidate's distance to the base node
     * @param kept neighbours kept so far
     * @param m the index's M
     * @return the candidate is pruned if a kept neighbour is nearer to it than this
     */
    float limit(float toBase, int kept, int m);
  }

  /**
   * Selects up to {@code max} of {@code ids[0..n)} (sorted by {@code distances} ascending) into
   * {@code out}, best first, and returns how many. With fewer candidates than slots and no refill,
   * all are kept unpruned (hnswlib and CRINN do the same). {@code refill}: free slots are then
   * filled with the nearest pruned candidates.
   */
  public static int select(int[] ids, float[] distances, int n, int max, int m, NeighborSelector.NodeDistance between,
      Bound bound, boolean refill, int[] out) {
    if (n < max && !refill) {
      System.arraycopy(ids, 0, out, 0, n);
      return n;
    }
    int kept = 0;
    boolean[] pruned = refill ? new boolean[n] : null;
    for (int i = 0; i < n && kept < max; i++) {
      int c = ids[i];
      float limit = bound.limit(distances[i], kept, m);
      boolean good = true;
      for (int j = 0; j < kept; j++) {
        if (between.between(c, out[j]) < limit) {
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
