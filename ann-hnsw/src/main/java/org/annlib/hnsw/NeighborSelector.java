package org.annlib.hnsw;

/**
 * Chooses which candidates become a node's neighbours at insert time (and when a full list
 * overflows). A strategy plug point: the default is the HNSW paper's heuristic; graph-construction
 * variants implement their own.
 */
public interface NeighborSelector {
  /** Stable name, recorded in saved indexes. */
  String name();

  /**
   * @param ids candidate ids, sorted by {@code distances} ascending (distance to the base node)
   * @param n number of candidates
   * @param max most neighbours to keep
   * @param between distance between two stored nodes
   * @param out receives the chosen ids, best first
   * @return how many were chosen
   */
  int select(int[] ids, float[] distances, int n, int max, NodeDistance between, int[] out);

  /** Distance between two stored nodes, in the index's metric convention. */
  @FunctionalInterface
  interface NodeDistance {
    float between(int a, int b);
  }
}
