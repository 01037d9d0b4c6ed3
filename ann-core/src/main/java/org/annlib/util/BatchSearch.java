package org.annlib.util;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.Index;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;

/**
 * Many queries in one call: tasks on the caller's executor (through {@link Workers}; a batch
 * of one task runs on the caller's thread), each with its own {@link Searcher}
 * (scratch is per task, never shared), pull the next query from a shared counter, so a slow query
 * does not hold up a fixed share; results come back in query order. Every query is checked
 * before any task starts.
 */
public final class BatchSearch {
  private BatchSearch() {}

  public static SearchResult[] run(Index index, float[][] queries, int k, SearchParams params, Executor executor) {
    if (queries == null) {
      throw new IllegalArgumentException("queries must not be null");
    }
    if (executor == null) {
      throw new IllegalArgumentException("executor must not be null");
    }
    for (int q = 0; q < queries.length; q++) {
      if (queries[q] == null) {
        throw new IllegalArgumentException("query " + q + " is null");
      }
      if (queries[q].length != index.dimension()) {
        throw new IllegalArgumentException(
            "query " + q + " dimension " + queries[q].length + " does not match index dimension " + index.dimension());
      }
    }
    SearchResult[] out = new SearchResult[queries.length];
    if (queries.length == 0) {
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    Workers.on(executor, Math.min(queries.length, parallelism(executor))).run("batch search", () -> {
      Searcher s = index.searcher();
      try {
        for (int q; (q = next.getAndIncrement()) < queries.length; ) {
          out[q] = s.search(queries[q], k, params);
        }
      } catch (RuntimeException | Error e) {
        next.set(queries.length); // the batch fails: the other tasks stop taking queries
        throw e;
      }
    });
    return out;
  }

  /** Tasks to start: a fork-join pool's parallelism, else one per core (idle tasks end at once). */
  private static int parallelism(Executor executor) {
    return executor instanceof ForkJoinPool p ? p.getParallelism() : Runtime.getRuntime().availableProcessors();
  }
}
