package org.annlib.vectors;

import org.annlib.Metric;
import org.annlib.vector.VectorUtil;

/**
 * One query against rows of one {@code float[]} block, {@code dim} floats a row: the scorer of
 * {@link FlatVectorValues} and of each page of {@link PagedVectorValues}. The three metrics are
 * one kernel choice ({@link Metric#distanceFromDot} for the two dot-product ones), so there is one
 * class, not one per metric. {@code ord * dim} stays below 2^31 because the owner never holds more rows in one
 * array than that allows.
 */
final class ArrayRowScorer implements VectorScorer {
  private final float[] query;
  private final float[] data;
  private final int dim;
  private final Metric metric;
  private final boolean l2;

  ArrayRowScorer(Metric metric, float[] query, float[] data, int dim) {
    this.query = query;
    this.data = data;
    this.dim = dim;
    this.metric = metric;
    this.l2 = metric == Metric.EUCLIDEAN;
  }

  /** {@code metric}'s distance between row {@code a} of {@code da} and row {@code b} of {@code db}. */
  static float between(Metric metric, float[] da, int aOffset, float[] db, int bOffset, int dim) {
    return metric == Metric.EUCLIDEAN
        ? VectorUtil.squareL2(da, aOffset, db, bOffset, dim)
        : metric.distanceFromDot(VectorUtil.dot(da, aOffset, db, bOffset, dim));
  }

  @Override
  public float distance(int ord) {
    return l2
        ? VectorUtil.squareL2(query, 0, data, ord * dim, dim)
        : metric.distanceFromDot(VectorUtil.dot(query, 0, data, ord * dim, dim));
  }

  @Override
  public void distances(int from, int to, float[] out) {
    if (l2) {
      VectorUtil.squareL2Rows(query, data, from, to - from, dim, out);
    } else {
      VectorUtil.dotRows(query, data, from, to - from, dim, out);
      negate(out, to - from);
    }
  }

  @Override
  public void distances(int[] ords, int n, float[] out) {
    if (l2) {
      VectorUtil.squareL2Ords(query, data, ords, n, dim, out);
    } else {
      VectorUtil.dotOrds(query, data, ords, n, dim, out);
      negate(out, n);
    }
  }

  private void negate(float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = metric.distanceFromDot(out[i]);
    }
  }
}
