package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.QueryBudget;
import org.annlib.vectors.VectorScorer;

/**
 * The level-0 search loop of queries (after the greedy descent through the upper levels): hnswlib's
 * two-heap beam ({@code beam}, the default), GLASS's sorted pool and CRINN's terminations. Every
 * query goes through the strategy the index was built with, filtered and deleted ones included:
 * a rejected node still routes the walk but is never returned, and while fewer than ef accepted
 * nodes are known the walk keeps going (hnswlib's rule for filtered search).
 */
public interface BaseLayerSearch extends HnswStrategy {
  String ROLE = "search";

  @Override
  default String role() {
    return ROLE;
  }

  /** Per-searcher state (scratch, heaps or pool, termination state); not thread-safe. */
  Runner newRunner(int capacity, int maxDegree);

  /**
   * What one walk produced: how many ids it wrote, the distances it computed, whether it
   * finished within its visit limit (when not, the caller falls back to exact search), and
   * whether the query's budget stopped it (its ids are then the best found so far).
   */
  record Walk(int count, long computations, boolean complete, boolean stopped) {}

  /** One searcher's loop. */
  interface Runner {
    /**
     * Searches level 0 from {@code entry} and the first {@code seedCount} extra seeds (already
     * scored) with width {@code ef}, and writes the best {@code min(k, found)} accepted ids and
     * distances ascending into {@code outIds}/{@code outDistances}.
     *
     * @param accept null to accept every node; otherwise rejected nodes route but are not returned
     * @param visitLimit stop, incomplete, after visiting more nodes than this
     * @param budget the query's bound, asked after every expansion; null when unbounded
     */
    Walk search(HnswGraph graph, VectorScorer scorer, int entry, float entryDistance, int[] seeds,
        float[] seedDistances, int seedCount, int ef, int k, int size, Bits accept, int visitLimit,
        QueryBudget budget, int[] outIds, float[] outDistances);
  }

  /** hnswlib's beam: the built-in default. */
  BaseLayerSearch BEAM = new HeapBeamSearch();
}
