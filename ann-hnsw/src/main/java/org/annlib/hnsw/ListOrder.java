package org.annlib.hnsw;

/**
 * Reorders every node's level-0 neighbour list once the build is done (a plug point for
 * graph-construction variants such as CRINN's nearest-first lists). ann-hnsw computes the
 * distances; the strategy only permutes. Lists changed by later {@link HnswIndex#add} calls keep
 * their insertion order.
 */
public interface ListOrder extends HnswStrategy {
  String ROLE = "listOrder";

  @Override
  default String role() {
    return ROLE;
  }

  /** False for the default, which leaves lists as built and skips the pass entirely. */
  boolean reorders();

  /** Permutes {@code ids[0..n)} and {@code distances[0..n)} together (distance from the list's node). */
  void order(int[] ids, float[] distances, int n);
}
