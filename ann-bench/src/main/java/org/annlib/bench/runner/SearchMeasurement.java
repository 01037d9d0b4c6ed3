package org.annlib.bench.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.annlib.Index;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.datasets.Dataset;
import org.annlib.exact.Recall;

/**
 * Times one search setting the ann-benchmarks way: one query at a time on one thread, after a
 * warm-up pass, the median of {@code runs} passes; optionally also batch throughput across
 * threads. Recall is computed afterwards (outside the timed loop) from exact double-precision
 * distances of the returned ids, against the dataset's ground-truth distances.
 */
final class SearchMeasurement {
  record Result(double recall, double qps, List<Double> qpsRuns, double qpsBatch, double distancesPerQuery) {}

  private SearchMeasurement() {}

  static Result measure(Index index, Dataset d, float[][] queries, int k, SearchParams params, int runs, int threads) {
    Searcher searcher = index.searcher();
    SearchResult[] results = new SearchResult[queries.length];
    int warm = Math.min(queries.length, Math.max(200, queries.length / 5));
    for (int q = 0; q < warm; q++) {
      results[q] = searcher.search(queries[q], k, params);
    }
    List<Double> qpsRuns = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      for (int q = 0; q < queries.length; q++) {
        results[q] = searcher.search(queries[q], k, params);
      }
      long t1 = System.nanoTime();
      qpsRuns.add(queries.length / ((t1 - t0) / 1e9));
    }
    double[] sorted = qpsRuns.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    double batch = threads > 1 ? batchQps(index, queries, k, params, threads) : Double.NaN;
    double recallSum = 0;
    long distances = 0;
    for (int q = 0; q < queries.length; q++) {
      recallSum += Recall.recall(d.metric(), queries[q], d.train(), results[q], d.distances()[q], k);
      distances += results[q].distanceComputations();
    }
    return new Result(recallSum / queries.length, median, qpsRuns, batch, distances / (double) queries.length);
  }

  private static double batchQps(Index index, float[][] queries, int k, SearchParams params, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int pass = 0; pass < 2; pass++) { // the first pass warms every thread's searcher
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
          int first = t;
          fs.add(pool.submit(() -> {
            Searcher s = index.searcher();
            for (int q = first; q < queries.length; q += threads) {
              s.search(queries[q], k, params);
            }
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
        if (pass == 1) {
          return queries.length / ((System.nanoTime() - t0) / 1e9);
        }
      }
      throw new AssertionError();
    } catch (Exception e) {
      throw new IllegalStateException("batch search failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
