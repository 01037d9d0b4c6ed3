package org.annlib.bench.peers;

import org.annlib.Metric;

/**
 * Lucene and JVector report "higher is better" scores: {@code 1 / (1 + d^2)} for euclidean and
 * {@code (1 + dot) / 2} for dot product (on unit vectors for cosine). This maps them back to our
 * distance convention; the runner re-scores ids exactly for recall anyway.
 */
final class PeerScores {
  private PeerScores() {}

  static float toDistance(Metric metric, float score) {
    return switch (metric) {
      case EUCLIDEAN -> 1f / score - 1f;
      case INNER_PRODUCT -> -(2f * score - 1f);
      case COSINE -> 1f - (2f * score - 1f);
    };
  }
}
