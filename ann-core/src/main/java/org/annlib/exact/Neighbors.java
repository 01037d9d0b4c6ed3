package org.annlib.exact;

/**
 * Exact nearest neighbours of a query set: for query {@code q}, {@code ids[q]} best first and
 * {@code distances[q]} in the {@link org.annlib.Metric} convention (squared L2 for EUCLIDEAN).
 */
public record Neighbors(int[][] ids, float[][] distances) {
  public int queries() {
    return ids.length;
  }
}
