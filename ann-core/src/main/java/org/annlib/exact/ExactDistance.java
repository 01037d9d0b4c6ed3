package org.annlib.exact;

import org.annlib.Metric;

/**
 * Distances in double precision and in the ann-benchmarks convention (L2, 1 - cos, -dot), from
 * raw (un-normalised) vectors: how a benchmark re-scores returned ids before it computes recall,
 * independent of any index's quantisation or float rounding.
 */
public final class ExactDistance {
  private ExactDistance() {}

  /**
   * The distance an {@link org.annlib.Index} reports ({@link Metric}'s convention: squared L2,
   * -dot, 1 - cos), in double precision from the raw vectors: what a test compares a reported
   * distance with.
   */
  public static double indexDistance(Metric metric, float[] a, float[] b) {
    double d = benchmarkDistance(metric, a, b);
    return metric == Metric.EUCLIDEAN ? d * d : d;
  }

  public static double benchmarkDistance(Metric metric, float[] a, float[] b) {
    double dot = 0, l2 = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i], y = b[i];
      dot += x * y;
      double d = x - y;
      l2 += d * d;
      na += x * x;
      nb += y * y;
    }
    return switch (metric) {
      case EUCLIDEAN -> Math.sqrt(l2);
      case INNER_PRODUCT -> -dot;
      case COSINE -> na == 0 || nb == 0 ? 1.0 : 1.0 - dot / Math.sqrt(na * nb);
    };
  }
}
