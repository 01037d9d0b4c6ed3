package org.annlib.hnsw;

/**
 * The level-0 search loop of queries (after the greedy descent through the upper levels). The
 * default, {@code beam}, is hnswlib's two-heap beam search, which also serves filtered queries and
 * inserts; other loops serve unfiltered queries only and fall back to it otherwise.
 */
public interface BaseLayerSearch extends HnswStrategy {
  String ROLE = "search";

  @Override
  default String role() {
    return ROLE;
  }

  /** Per-searcher state (scratch, pool, termination state); not thread-safe. Null for {@code beam}. */
  Runner newRunner(int capacity, int maxDegree);

  /** One searcher's loop. */
  interface Runner {
    /**
     * Searches level 0 from {@code entry} and the first {@code seedCount} extra seeds (already
     * scored) with width {@code ef} and writes the best {@code min(k, found)} ids and distances
     * ascending; returns how many.
     */
    int search(HnswGraph graph, org.annlib.vectors.VectorScorer scorer, int entry, float entryDistance, int[] seeds,
        float[] seedDistances, int seedCount, int ef, int k, int size, int[] outIds, float[] outDistances);

    /** Distances computed by the last search. */
    long computations();
  }

  /** hnswlib's beam: the built-in default. */
  BaseLayerSearch BEAM = new BaseLayerSearch() {
    @Override
    public String name() {
      return "beam";
    }

    @Override
    public Runner newRunner(int capacity, int maxDegree) {
      return null;
    }
  };
}
