package org.annlib.ivf;

/**
 * Decides which partitions a query probes: a score per partition, higher first. Linear routers
 * ({@code s = W q + b}) cost one matrix-vector product, the same as comparing with centroids.
 */
public interface Router {
  /** Stable name, recorded in saved indexes. */
  String name();

  /** Number of partitions. */
  int partitions();

  /** Writes one score per partition into {@code out[0..partitions()-1]}; thread-safe. */
  void scores(float[] query, float[] out);
}
