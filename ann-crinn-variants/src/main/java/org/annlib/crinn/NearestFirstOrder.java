package org.annlib.crinn;

import org.annlib.hnsw.ListOrder;

/**
 * CRINN's nearest-first level-0 lists (G6 in docs/crinn-variants.md): after the build every node's list
 * is sorted by distance to the node, ascending. hnswlib leaves lists roughly farthest-first (drained
 * from a max-heap, reverse links appended), so the nearest neighbour sits on average 69% of the
 * way down a list; sorted, it comes first, the walk meets good candidates early, and the pool or
 * heap shifts less. Costs one distance per edge at the end of the build.
 */
public final class NearestFirstOrder implements ListOrder {
  public NearestFirstOrder() {}

  static final String NAME = "nearest-first";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean reorders() {
    return true;
  }

  @Override
  public void order(int[] ids, float[] distances, int n) {
    // insertion sort: lists hold at most 2M (typically 32-96) entries; stable, so ties keep build order
    for (int i = 1; i < n; i++) {
      int id = ids[i];
      float d = distances[i];
      int j = i - 1;
      while (j >= 0 && distances[j] > d) {
        ids[j + 1] = ids[j];
        distances[j + 1] = distances[j];
        j--;
      }
      ids[j + 1] = id;
      distances[j + 1] = d;
    }
  }
}
