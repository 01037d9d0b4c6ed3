package org.annlib;

import org.annlib.vectors.VectorValues;

/**
 * An index that turns {@link SearchParams#targetRecall()} into search effort of its own, from a
 * calibration on queries like the ones it will serve. The target is a mean over such queries,
 * not a per-query guarantee: single queries fall below it, and {@link #describe()} reports how
 * many did in calibration.
 */
public interface RecallCalibratable extends Index {
  /**
   * Measures, on {@code queries} against exact search over the index's live vectors, the recall
   * each search setting reaches at each {@code k}, and replaces any earlier calibration. The
   * queries must be disjoint from the vectors in the index (a query log, or vectors held out of
   * it) and from the queries an evaluation will use: a stored vector used as its own query finds
   * itself and its graph neighbours at once, so its recall overstates what real queries get.
   *
   * @param ks the k values to calibrate (searches with another k use the next larger one)
   * @param threads threads for ground truth and measurement
   */
  void calibrate(VectorValues queries, int[] ks, int threads);
}
