package org.annlib.hnsw;

import org.annlib.util.NodeQueue;

/** hnswlib's searchBaseLayerST as a strategy: a candidate min-heap and a result max-heap of width ef. */
final class HeapBeamSearch implements BaseLayerSearch {
  @Override
  public String name() {
    return "beam";
  }

  @Override
  public Runner newRunner(int capacity, int maxDegree) {
    LevelSearch search = new LevelSearch(capacity, maxDegree);
    return (graph, scorer, entry, entryDistance, seeds, seedDistances, seedCount, ef, k, size, accept, visitLimit,
        budget, outIds, outDistances) -> {
      search.computations = 0;
      boolean complete = search.beam(graph, scorer, entry, entryDistance, seeds, seedDistances, seedCount, ef, accept,
          visitLimit, size, budget);
      NodeQueue results = search.results;
      while (results.size() > k) {
        results.pop();
      }
      int n = results.size();
      results.drainAscending(outIds, outDistances);
      return new Walk(n, search.computations, complete, budget != null && budget.exhausted());
    };
  }
}
