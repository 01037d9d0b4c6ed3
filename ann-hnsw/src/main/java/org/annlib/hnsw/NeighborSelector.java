package org.annlib.hnsw;

/**
 * Chooses which candidates become a node's neighbours at insert time (and when a full list
 * overflows). A strategy plug point: the default is the HNSW paper's heuristic; graph-construction
 * variants implement their own.
 */
public interface NeighborSelector extends HnswStrategy {
  String ROLE = "neighborSelector";

  @Override
  default String role() {
    return ROLE;
  }

  /**
   * @param ids candidate ids, sorted by {@code distances} ascending (distance to the base node)
   * @param n number of candidates
   * @param max most neighbours to keep
   * @param m the index's M (max is M for a new node's lists, 2M when a full level-0 list is re-pruned)
   * @param between distance between two stored nodes
   * @param out receives the chosen ids, best first
   * @return how many were chosen
   */
  int select(int[] ids, float[] distances, int n, int max, int m, NodeDistance between, int[] out);

  /** Distance between two stored nodes, in the index's metric convention. */
  @FunctionalInterface
  interface NodeDistance {
    float between(int a, int b);
  }
}
