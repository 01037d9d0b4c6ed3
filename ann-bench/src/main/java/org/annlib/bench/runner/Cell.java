package org.annlib.bench.runner;

import org.annlib.datasets.Dataset;

/**
 * One (index, search setting) of a run: a warm-up, then timed passes that the runner interleaves
 * with every other cell's, so that machine noise hits all indexes alike; then a result whose
 * recall comes from re-scoring the last pass's ids exactly.
 */
interface Cell {
  void warmUp();

  void timedPass();

  /** @param batchQps the multi-thread throughput, NaN when not measured */
  SearchMeasurement.Result result(Dataset d, double batchQps);

  /** How many queries a warm-up pass sends: a fifth of them, at least 500. */
  static int warmQueries(int queries) {
    return Math.min(queries, Math.max(500, queries / 5));
  }
}
