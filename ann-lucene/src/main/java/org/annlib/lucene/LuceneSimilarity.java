package org.annlib.lucene;

import org.annlib.Metric;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Which annlib metric orders a Lucene similarity's neighbours. Scores themselves always come from
 * Lucene's own scorer, so they match its exact search to the bit. DOT_PRODUCT and
 * MAXIMUM_INNER_PRODUCT are monotone in the dot product; COSINE is the dot product of normalized
 * copies, and a zero vector stays zero there (annlib's cosine metric rejects it; Lucene accepts it).
 */
final class LuceneSimilarity {
  private LuceneSimilarity() {}

  static Metric metric(VectorSimilarityFunction similarity) {
    return similarity == VectorSimilarityFunction.EUCLIDEAN ? Metric.EUCLIDEAN : Metric.INNER_PRODUCT;
  }

  static boolean normalizes(VectorSimilarityFunction similarity) {
    return similarity == VectorSimilarityFunction.COSINE;
  }

  /** {@code v} scaled to unit length, or unchanged when it is zero. */
  static float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    float[] out = v.clone();
    if (sum > 0) {
      float inv = (float) (1 / Math.sqrt(sum));
      for (int i = 0; i < out.length; i++) {
        out[i] *= inv;
      }
    }
    return out;
  }
}
