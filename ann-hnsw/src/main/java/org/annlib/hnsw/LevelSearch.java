package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.util.NodeQueue;
import org.annlib.QueryBudget;
import org.annlib.util.VisitedSet;
import org.annlib.vectors.VectorScorer;

/**
 * The two searches of HNSW, with their scratch space: greedy descent through the upper levels and
 * the beam search on one level (Algorithm 2 of the paper, hnswlib's searchBaseLayer). Used by
 * queries and by inserts alike; one instance per thread.
 */
final class LevelSearch {
  final NodeQueue candidates = NodeQueue.minHeap(256);
  final NodeQueue results = NodeQueue.maxHeap(256);
  final VisitedSet visited;
  int[] neighbors;
  private final float[] scores;
  long computations;
  int visitedCount;
  /** Node and distance where {@link #greedy} stopped. */
  int greedyNode;
  float greedyDistance;

  LevelSearch(int capacity, int maxDegree) {
    visited = new VisitedSet(capacity);
    neighbors = new int[Math.max(1, maxDegree)];
    scores = new float[Math.max(1, maxDegree)];
  }

  /**
   * Moves to closer neighbours on each level from {@code top} down to {@code bottom + 1}. Ids at
   * or above {@code size} (nodes appended after this search began) are skipped.
   */
  void greedy(HnswGraph g, VectorScorer scorer, int node, float distance, int top, int bottom, int size) {
    for (int level = top; level > bottom; level--) {
      boolean changed = true;
      while (changed) {
        changed = false;
        int n = g.neighbors(node, level, neighbors);
        int m = 0;
        for (int i = 0; i < n; i++) {
          if (neighbors[i] < size) {
            neighbors[m++] = neighbors[i];
          }
        }
        // one batched call: the rows' cache misses overlap instead of coming one at a time; the
        // first strictly closer minimum wins, as in hnswlib's scan that moves as it goes
        scorer.distances(neighbors, m, scores);
        computations += m;
        for (int i = 0; i < m; i++) {
          if (scores[i] < distance) {
            distance = scores[i];
            node = neighbors[i];
            changed = true;
          }
        }
      }
    }
    greedyNode = node;
    greedyDistance = distance;
  }

  /**
   * Beam search of width {@code ef} on level 0 from {@code entry} and the first {@code seedCount}
   * extra seeds (already scored); the best {@code ef} accepted nodes are left in {@link #results}.
   * Nodes that {@code accept} rejects (filtered or deleted) are still walked through but never
   * returned; while fewer than {@code ef} accepted nodes are known, the search keeps exploring, as
   * hnswlib does for filtered queries.
   *
   * @param accept null to accept every node
   * @param visitLimit stop (and return false) after visiting this many nodes
   * @param budget the query's bound, asked after every expansion (null: unbounded); when it stops
   *     the walk, {@link #results} holds the best found so far
   * @return whether the search completed within the visit limit
   */
  boolean beam(HnswGraph g, VectorScorer scorer, int entry, float entryDistance, int[] seeds, float[] seedDistances,
      int seedCount, int ef, Bits accept, int visitLimit, int size, QueryBudget budget) {
    return beam(g, scorer, entry, entryDistance, seeds, seedDistances, seedCount, 0, ef, accept, visitLimit, size,
        false, null, budget);
  }

  /**
   * The insert's search on {@code level}: with {@code fill}, the walk goes on until {@code ef}
   * results are held even when the nearest candidate is already farther than all of them, as
   * hnswlib's construction search does (it matters while the graph is small and sparse), and a
   * construction stop rule is checked after every expansion (null: none).
   */
  boolean beam(HnswGraph g, VectorScorer scorer, int entry, float entryDistance, int level, int ef, Bits accept,
      int visitLimit, int size, boolean fill, ConstructionBeam.Stop stop) {
    return beam(g, scorer, entry, entryDistance, null, null, 0, level, ef, accept, visitLimit, size, fill, stop, null);
  }

  private boolean beam(HnswGraph g, VectorScorer scorer, int entry, float entryDistance, int[] seeds,
      float[] seedDistances, int seedCount, int level, int ef, Bits accept, int visitLimit, int size, boolean fill,
      ConstructionBeam.Stop stop, QueryBudget budget) {
    int expansions = 0;
    int improvements = 0;
    float best = entryDistance;
    candidates.clear();
    results.clear();
    visited.clear(size);
    visited.visit(entry);
    visitedCount = 1;
    candidates.add(entry, entryDistance);
    if (accept == null || accept.get(entry)) {
      results.add(entry, entryDistance);
    }
    for (int i = 0; i < seedCount; i++) {
      int x = seeds[i];
      if (visited.visit(x)) {
        visitedCount++;
        candidates.add(x, seedDistances[i]);
        if (accept == null || accept.get(x)) {
          results.insertWithOverflow(x, seedDistances[i], ef);
        }
      }
    }
    float bound = results.isEmpty() ? Float.POSITIVE_INFINITY : results.topDistance();
    while (!candidates.isEmpty()) {
      float cd = candidates.topDistance();
      if (cd > bound && (results.size() >= ef || (accept == null && !fill))) {
        break;
      }
      int c = candidates.pop();
      int n = g.neighbors(c, level, neighbors);
      // Gather the unvisited neighbours first and score them in one batch (GLASS's batch path):
      // the kernel then streams four scattered rows at once instead of waiting on one at a time.
      int fresh = 0;
      for (int i = 0; i < n; i++) {
        int x = neighbors[i];
        if (x < size && visited.visit(x)) {
          neighbors[fresh++] = x;
        }
      }
      visitedCount += fresh;
      if (visitedCount > visitLimit) {
        return false;
      }
      scorer.distances(neighbors, fresh, scores);
      computations += fresh;
      for (int i = 0; i < fresh; i++) {
        int x = neighbors[i];
        float d = scores[i];
        if (stop != null && d < best) { // only construction stop rules read it
          best = d;
          improvements++;
        }
        if (results.size() < ef || d < bound) {
          candidates.add(x, d);
          if (accept == null || accept.get(x)) {
            results.insertWithOverflow(x, d, ef);
            bound = results.size() >= ef || accept == null ? results.topDistance() : Float.POSITIVE_INFINITY;
          }
        }
      }
      expansions++;
      if ((stop != null && stop.stop(expansions, improvements, ef)) || (budget != null && budget.spend(fresh))) {
        break;
      }
    }
    return true;
  }
}
