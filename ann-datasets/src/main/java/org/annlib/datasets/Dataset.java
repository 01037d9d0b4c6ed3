package org.annlib.datasets;

import org.annlib.Metric;
import org.annlib.vectors.VectorValues;

/**
 * A benchmark dataset in the ann-benchmarks sense: base vectors ({@code train}), queries ({@code
 * test}) and the exact neighbours of every query, best first, with their distances in the
 * ann-benchmarks convention (L2 for euclidean, 1 - cos for angular; see {@link
 * Metric#benchmarkDistance}). Vectors are as stored in the file, not normalised.
 *
 * @param name dataset name, such as "fashion-mnist-784-euclidean"
 * @param source where it was read from, for reports
 */
public record Dataset(
    String name,
    String source,
    Metric metric,
    VectorValues train,
    VectorValues test,
    int[][] neighbors,
    float[][] distances) {

  public Dataset {
    if (train.dimension() != test.dimension()) {
      throw new IllegalArgumentException(
          name + ": train dimension " + train.dimension() + " differs from test dimension " + test.dimension());
    }
    if (neighbors.length != test.size() || distances.length != test.size()) {
      throw new IllegalArgumentException(
          name + ": " + test.size() + " queries but ground truth for " + neighbors.length);
    }
  }

  public int dimension() {
    return train.dimension();
  }

  /** Ground-truth depth: how many neighbours are known for every query. */
  public int groundTruthDepth() {
    int k = Integer.MAX_VALUE;
    for (int[] row : neighbors) {
      k = Math.min(k, row.length);
    }
    return neighbors.length == 0 ? 0 : k;
  }
}
