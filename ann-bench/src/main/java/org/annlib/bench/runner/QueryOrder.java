package org.annlib.bench.runner;

import java.util.SplittableRandom;
import org.annlib.datasets.Dataset;
import org.annlib.vectors.FlatVectorValues;

/** The order a run takes a dataset's test queries in. */
final class QueryOrder {
  /** The shuffle's seed: fixed, so runs on different days evaluate the same queries. */
  static final long SEED = 1;

  private QueryOrder() {}

  /** {@code d} with its test queries (and their ground truth) in a seeded random order. */
  static Dataset shuffled(Dataset d, long seed) {
    int n = d.test().size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    FlatVectorValues test = new FlatVectorValues(d.dimension(), Math.max(1, n));
    int[][] neighbors = new int[n][];
    float[][] distances = new float[n][];
    for (int i = 0; i < n; i++) {
      test.add(d.test().vector(order[i]));
      neighbors[i] = d.neighbors()[order[i]];
      distances[i] = d.distances()[order[i]];
    }
    return new Dataset(d.name(), d.source(), d.metric(), d.train(), test, neighbors, distances);
  }
}
