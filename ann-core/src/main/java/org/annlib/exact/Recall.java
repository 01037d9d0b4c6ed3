package org.annlib.exact;

import java.util.Arrays;
import org.annlib.Metric;
import org.annlib.SearchResult;
import org.annlib.vectors.VectorValues;

/**
 * Recall as ann-benchmarks computes it ({@code ann_benchmarks/plotting/metrics.py}, "knn"): a
 * returned neighbour counts as a hit when its true distance is at most the k-th true neighbour's
 * distance plus {@link #EPSILON}. Ties at the k-th distance therefore all count, and any id with
 * an equal distance is as good as the one the ground-truth file happened to list. Distances are
 * in the ann-benchmarks convention (L2, not squared; see {@link
 * org.annlib.Metric#benchmarkDistance}), and result distances must be recomputed exactly, not
 * taken from a quantised index.
 */
public final class Recall {
  /** ann-benchmarks' default epsilon, absolute, in the benchmark distance convention. */
  public static final double EPSILON = 1e-3;

  private Recall() {}

  /**
   * Hits among the first {@code k} of {@code resultCount} result distances.
   *
   * @param groundTruthDistances exact distances, best first, at least {@code k} of them
   */
  public static int hits(float[] groundTruthDistances, int k, float[] resultDistances, int resultCount, double epsilon) {
    if (k <= 0) {
      throw new IllegalArgumentException("recall@k needs k >= 1, got " + k);
    }
    if (groundTruthDistances.length < k) {
      throw new IllegalArgumentException(
          "ground truth has " + groundTruthDistances.length + " neighbours, recall@" + k + " needs " + k);
    }
    double threshold = groundTruthDistances[k - 1] + epsilon;
    int hits = 0;
    for (int i = 0, n = Math.min(k, resultCount); i < n; i++) {
      if (resultDistances[i] <= threshold) {
        hits++;
      }
    }
    return hits;
  }

  /** recall@k of one query in [0, 1]. */
  public static double recall(float[] groundTruthDistances, int k, float[] resultDistances, int resultCount) {
    return hits(groundTruthDistances, k, resultDistances, resultCount, EPSILON) / (double) k;
  }

  /**
   * recall@k of one search result the ann-benchmarks way: the returned ids are re-scored exactly
   * (double precision, raw vectors) and counted against the ground-truth distances. An id returned
   * more than once counts once: ten copies of the nearest neighbour are one hit, not ten.
   *
   * @param query the raw query
   * @param base the raw base vectors (not normalised)
   */
  public static double recall(Metric metric, float[] query, VectorValues base, SearchResult result,
      float[] groundTruthDistances, int k) {
    long[] ids = result.ids();
    Arrays.sort(ids);
    float[] exact = new float[ids.length];
    int n = 0;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= base.size()) {
        throw new IllegalArgumentException("result id " + ids[i] + " is not a position in the " + base.size()
            + " base vectors (recall needs an index built without ids, or with ids equal to positions)");
      }
      if (i == 0 || ids[i] != ids[i - 1]) {
        exact[n++] = (float) ExactDistance.benchmarkDistance(metric, query, base.vector((int) ids[i]));
      }
    }
    Arrays.sort(exact, 0, n);
    return recall(groundTruthDistances, k, exact, n);
  }

  /** Fraction of {@code groundTruthIds[0..k-1]} found among {@code resultIds[0..k-1]}, ignoring ties. */
  public static double idRecall(int[] groundTruthIds, int k, long[] resultIds, int resultCount) {
    return idRecall(Arrays.stream(groundTruthIds).asLongStream().toArray(), k, resultIds, resultCount);
  }

  /** As {@link #idRecall(int[], int, long[], int)}, for ground truth in application ids. */
  public static double idRecall(long[] groundTruthIds, int k, long[] resultIds, int resultCount) {
    if (k <= 0) {
      throw new IllegalArgumentException("recall@k needs k >= 1, got " + k);
    }
    if (groundTruthIds.length < k) {
      throw new IllegalArgumentException(
          "ground truth has " + groundTruthIds.length + " neighbours, recall@" + k + " needs " + k);
    }
    int hits = 0;
    int n = Math.min(k, resultCount);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < n; j++) {
        if (resultIds[j] == groundTruthIds[i]) {
          hits++;
          break;
        }
      }
    }
    return hits / (double) k;
  }
}
