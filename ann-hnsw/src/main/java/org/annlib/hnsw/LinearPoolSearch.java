package org.annlib.hnsw;

import java.util.function.Supplier;
import org.annlib.Bits;
import org.annlib.QueryBudget;
import org.annlib.util.VisitedSet;
import org.annlib.vectors.VectorScorer;

/**
 * GLASS's level-0 search loop: a {@link LinearPool} of width ef, unvisited neighbours of the
 * expanded node gathered first and scored in one batched call, and a pluggable
 * {@link PoolTermination} on top of the pool's own end. With {@link PoolTermination#EXHAUST} it
 * visits what the heap beam visits; other rules stop earlier. Filtered and deleted searches run
 * the same loop over the pool's filtered mode (see {@link LinearPool}).
 */
public final class LinearPoolSearch implements BaseLayerSearch {
  private final String name;
  private final Supplier<PoolTermination> termination;

  public LinearPoolSearch(String name, Supplier<PoolTermination> termination) {
    this.name = name;
    this.termination = termination;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Runner newRunner(int capacity, int maxDegree) {
    return new PoolRunner(capacity, maxDegree, termination.get());
  }

  private static final class PoolRunner implements Runner {
    private final LinearPool pool = new LinearPool();
    private final VisitedSet visited;
    private final int[] neighbors;
    private final float[] scores;
    private final PoolTermination stop;

    PoolRunner(int capacity, int maxDegree, PoolTermination stop) {
      this.visited = new VisitedSet(Math.max(1, capacity));
      this.neighbors = new int[Math.max(1, maxDegree)];
      this.scores = new float[Math.max(1, maxDegree)];
      this.stop = stop;
    }

    @Override
    public Walk search(HnswGraph graph, VectorScorer scorer, int entry, float entryDistance, int[] seeds,
        float[] seedDistances, int seedCount, int ef, int k, int size, Bits accept, int visitLimit,
        QueryBudget budget, int[] outIds, float[] outDistances) {
      boolean filtered = accept != null;
      pool.reset(ef);
      stop.reset(ef);
      visited.clear(size);
      visited.visit(entry);
      int visitedCount = 1;
      offer(entry, entryDistance, accept);
      for (int i = 0; i < seedCount; i++) {
        if (visited.visit(seeds[i])) {
          visitedCount++;
          offer(seeds[i], seedDistances[i], accept);
        }
      }
      long computations = 0;
      // Under a filter the pool may hold more than ef entries (rejected ones do not count), so the
      // termination rule sees the pool's real length as its width.
      while (pool.hasNext() && !stop.stop(pool.frontier(), filtered ? Math.max(ef, pool.size()) : ef)) {
        int u = pool.pop();
        int n = graph.neighbors(u, 0, neighbors);
        int fresh = 0;
        for (int i = 0; i < n; i++) {
          int x = neighbors[i];
          if (x < size && visited.visit(x)) {
            neighbors[fresh++] = x;
          }
        }
        visitedCount += fresh;
        if (visitedCount > visitLimit) {
          return new Walk(0, computations, false, false);
        }
        scorer.distances(neighbors, fresh, scores);
        computations += fresh;
        for (int i = 0; i < fresh; i++) {
          int before = pool.size();
          int at = offer(neighbors[i], scores[i], accept);
          if (at >= 0) {
            stop.inserted(at, before);
          }
        }
        if (budget != null && budget.spend(fresh)) {
          break;
        }
      }
      boolean stopped = budget != null && budget.exhausted();
      if (filtered) {
        return new Walk(pool.acceptedInto(k, outIds, outDistances), computations, true, stopped);
      }
      int n = Math.min(k, pool.size());
      for (int i = 0; i < n; i++) {
        outIds[i] = pool.id(i);
        outDistances[i] = pool.distance(i);
      }
      return new Walk(n, computations, true, stopped);
    }

    /** Inserts into the pool in the mode the filter asks for; returns the position or -1. */
    private int offer(int id, float d, Bits accept) {
      return accept == null ? pool.insert(id, d) : pool.insert(id, d, accept.get(id));
    }
  }
}
