package org.annlib.vectors;

import org.annlib.Metric;

/**
 * Random access to float vectors by dense ordinal {@code 0..size()-1}. Implementations are safe
 * for concurrent reads; appending implementations publish a vector before counting it in {@link
 * #size()}.
 */
public interface VectorValues {
  int size();

  int dimension();

  /** Copies vector {@code ord} into {@code dst} at {@code offset}. */
  void copyTo(int ord, float[] dst, int offset);

  /** A fresh copy of vector {@code ord}. */
  default float[] vector(int ord) {
    float[] v = new float[dimension()];
    copyTo(ord, v, 0);
    return v;
  }

  /**
   * Distances from {@code query} to stored vectors under {@code metric}'s kernel: squared L2 for
   * EUCLIDEAN, {@code -dot} for INNER_PRODUCT and {@code 1 - dot} for COSINE. For COSINE the caller
   * guarantees that the stored vectors and the query are unit length. The query array is read,
   * not copied, and must not change while the scorer is used.
   */
  VectorScorer scorer(Metric metric, float[] query);

  /**
   * {@code metric}'s kernel distance between stored vectors {@code a} and {@code b} (graph
   * construction compares stored vectors with each other). Storage types override this to avoid
   * the copy.
   */
  default float distanceBetween(Metric metric, int a, int b) {
    return scorer(metric, vector(a)).distance(b);
  }

  /** Bytes held by the vector data. */
  long ramBytesUsed();
}
