package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.util.NodeQueue;
import org.annlib.QueryBudget;
import org.annlib.util.RangeHits;
import org.annlib.util.VisitedSet;
import org.annlib.vectors.VectorScorer;

/**
 * Range search on level 0: a best-first walk that expands a candidate while it is within the
 * radius or among the best {@code ef} seen, so it first reaches the region as a beam of width ef
 * would and then floods the connected part of the graph inside the radius (the traversal of
 * Lucene's similarity-threshold vector query). Every accepted node it scores within the radius is
 * a hit; rejected nodes route but are not hits. Exact distances only: a radius is a promise about
 * true distances, which first-pass codes cannot keep. One per searcher; not thread-safe.
 */
final class RangeWalk {
  private final NodeQueue candidates = NodeQueue.minHeap(256);
  private final NodeQueue beam = NodeQueue.maxHeap(256);
  private final VisitedSet visited;
  private final int[] neighbors;
  private final float[] scores;

  RangeWalk(int capacity, int maxDegree) {
    visited = new VisitedSet(Math.max(1, capacity));
    neighbors = new int[Math.max(1, maxDegree)];
    scores = new float[Math.max(1, maxDegree)];
  }

  /**
   * Walks from {@code entry} and adds the hits to {@code hits}; returns the distances computed.
   *
   * @param accept null to accept every node
   * @param budget the query's bound, asked after every expansion; null when unbounded
   */
  long walk(HnswGraph g, VectorScorer scorer, int entry, float entryDistance, int ef, float radius, Bits accept,
      int size, QueryBudget budget, RangeHits hits) {
    candidates.clear();
    beam.clear();
    visited.clear(size);
    visited.visit(entry);
    candidates.add(entry, entryDistance);
    beam.add(entry, entryDistance);
    offer(entry, entryDistance, radius, accept, hits);
    long computations = 0;
    while (!candidates.isEmpty()) {
      float cd = candidates.topDistance();
      if (cd > radius && beam.size() >= ef && cd > beam.topDistance()) {
        break;
      }
      int c = candidates.pop();
      int n = g.neighbors(c, 0, neighbors);
      int fresh = 0;
      for (int i = 0; i < n; i++) {
        int x = neighbors[i];
        if (x < size && visited.visit(x)) {
          neighbors[fresh++] = x;
        }
      }
      scorer.distances(neighbors, fresh, scores);
      computations += fresh;
      for (int i = 0; i < fresh; i++) {
        int x = neighbors[i];
        float d = scores[i];
        offer(x, d, radius, accept, hits);
        if (d <= radius || beam.size() < ef || d < beam.topDistance()) {
          candidates.add(x, d);
          beam.insertWithOverflow(x, d, ef);
        }
      }
      if (budget != null && budget.spend(fresh)) {
        break;
      }
    }
    return computations;
  }

  private static void offer(int node, float d, float radius, Bits accept, RangeHits hits) {
    if (d <= radius && (accept == null || accept.get(node))) {
      hits.add(node, d);
    }
  }
}
