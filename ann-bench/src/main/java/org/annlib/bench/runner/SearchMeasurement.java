package org.annlib.bench.runner;

import java.util.ArrayList;
import java.util.List;
import org.annlib.Index;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.datasets.Dataset;
import org.annlib.exact.Recall;

/**
 * One (index, search setting) cell of a run, measured the ann-benchmarks way: single-thread passes
 * sending one query at a time, after a warm-up pass; the caller interleaves the timed passes of
 * all cells so that machine noise hits every index alike. Recall is computed from the last pass's
 * results, outside any timed loop, by re-scoring returned ids exactly.
 */
final class SearchMeasurement implements Cell {
  /**
   * {@code qpsSpread} is (max - min) / median over the timed passes; {@code p10Recall} the recall
   * the worst tenth of queries stayed under; {@code belowTarget} and {@code belowTargetLess01} the
   * share of queries under the setting's recall target t and under t - 0.1 (NaN without a target).
   */
  record Result(double recall, double qps, List<Double> qpsRuns, double qpsSpread, double qpsBatch,
      double distancesPerQuery, double p10Recall, double belowTarget, double belowTargetLess01) {}

  private final Index index;
  private final Searcher searcher;
  private final float[][] queries;
  private final int k;
  private final SearchParams params;
  private final SearchResult[] results;
  private final List<Double> qpsRuns = new ArrayList<>();

  SearchMeasurement(Index index, float[][] queries, int k, SearchParams params) {
    this.index = index;
    this.searcher = index.searcher();
    this.queries = queries;
    this.k = k;
    this.params = params;
    this.results = new SearchResult[queries.length];
  }

  @Override
  public void warmUp() {
    int warm = Cell.warmQueries(queries.length);
    for (int q = 0; q < warm; q++) {
      results[q] = searcher.search(queries[q], k, params);
    }
  }

  @Override
  public void timedPass() {
    long t0 = System.nanoTime();
    for (int q = 0; q < queries.length; q++) {
      results[q] = searcher.search(queries[q], k, params);
    }
    qpsRuns.add(queries.length / ((System.nanoTime() - t0) / 1e9));
  }

  /**
   * Throughput of {@link Index#searchBatch} (the library's batch call, each task with its own
   * searcher) on a pool of {@code threads} threads; a warm pass first.
   */
  double batchQps(int threads) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      double qps = 0;
      for (int pass = 0; pass < 2; pass++) {
        long t0 = System.nanoTime();
        index.searchBatch(queries, k, params, pool);
        qps = queries.length / ((System.nanoTime() - t0) / 1e9);
      }
      return qps;
    } finally {
      pool.shutdownNow();
    }
  }

  @Override
  public Result result(Dataset d, double batchQps) {
    long distances = 0;
    for (SearchResult r : results) {
      distances += r.distanceComputations();
    }
    return summarize(d, queries, results, k, qpsRuns, batchQps, distances / (double) queries.length,
        params.targetRecall());
  }

  /**
   * Median QPS and spread of {@code qpsRuns}, recall of {@code results} re-scored exactly, and
   * against {@code target} (0: none) the share of queries that fell short of it.
   */
  static Result summarize(Dataset d, float[][] queries, SearchResult[] results, int k, List<Double> qpsRuns,
      double batchQps, double distancesPerQuery, double target) {
    double[] sorted = qpsRuns.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double recallSum = 0;
    double[] perQuery = new double[queries.length];
    int below = 0;
    int belowLess01 = 0;
    for (int q = 0; q < queries.length; q++) {
      perQuery[q] = Recall.recall(d.metric(), queries[q], d.train(), results[q], d.distances()[q], k);
      recallSum += perQuery[q];
      // recall moves in steps of 1/k: compare with a tolerance below that step's rounding
      below += perQuery[q] < target - 1e-9 ? 1 : 0;
      belowLess01 += perQuery[q] < target - 0.1 - 1e-9 ? 1 : 0;
    }
    java.util.Arrays.sort(perQuery);
    double p10 = perQuery.length == 0 ? Double.NaN : perQuery[(int) Math.floor(0.1 * (perQuery.length - 1))];
    boolean targeted = target > 0;
    return new Result(recallSum / queries.length, median, List.copyOf(qpsRuns), (sorted[n - 1] - sorted[0]) / median,
        batchQps, distancesPerQuery, p10, targeted ? below / (double) queries.length : Double.NaN,
        targeted ? belowLess01 / (double) queries.length : Double.NaN);
  }
}
