package org.annlib.vectors;

/**
 * Distances from one query to stored vectors, in {@link org.annlib.Metric}'s convention. All
 * index code reaches distances through this type, which is what lets quantized scorers drop in.
 * Not thread-safe.
 */
public interface VectorScorer {
  float distance(int ord);

  /** Distances to ordinals {@code from..to-1} into {@code out[0..to-from-1]}. */
  default void distances(int from, int to, float[] out) {
    for (int ord = from; ord < to; ord++) {
      out[ord - from] = distance(ord);
    }
  }

  /** Distances to {@code ords[0..n-1]} into {@code out[0..n-1]}. */
  default void distances(int[] ords, int n, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = distance(ords[i]);
    }
  }
}
