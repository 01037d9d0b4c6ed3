package org.annlib.vectors;

import java.util.Arrays;
import org.annlib.Metric;

/**
 * On-heap vectors in one {@code float[size * dimension]} block, row-major (hnswlib's one-block
 * layout: a vector is one contiguous, prefetch-friendly run). Appends are single-writer
 * (callers serialise {@link #add}); reads are safe concurrently with an append, because a vector
 * is written, and the array republished after growth, before the volatile size that counts it.
 * Capacity is bounded by Java arrays: {@code size * dimension < 2^31}; {@link PagedVectorValues}
 * and {@link OffHeapVectorValues} have no such bound.
 */
public final class FlatVectorValues implements VectorValues {
  private final int dimension;
  private volatile float[] data;
  private volatile int size;

  public FlatVectorValues(int dimension, int initialCapacity) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
    this.data = new float[Math.multiplyExact(dimension, Math.max(1, initialCapacity))];
  }

  /** Wraps {@code data} (length a multiple of {@code dimension}) without copying. */
  public static FlatVectorValues wrap(float[] data, int dimension) {
    if (dimension <= 0 || data.length % dimension != 0) {
      throw new IllegalArgumentException(
          "data length " + data.length + " is not a multiple of dimension " + dimension);
    }
    FlatVectorValues v = new FlatVectorValues(dimension, 1);
    v.data = data;
    v.size = data.length / dimension;
    return v;
  }

  /** Copies any vector values into a flat on-heap block. */
  public static FlatVectorValues copyOf(VectorValues source) {
    int n = source.size();
    int dim = source.dimension();
    float[] block = new float[Math.multiplyExact(n, dim)];
    for (int i = 0; i < n; i++) {
      source.copyTo(i, block, i * dim);
    }
    return wrap(block, dim);
  }

  /** Appends {@code v} (not validated here) and returns its ordinal. Single writer only. */
  public int add(float[] v) {
    int n = size;
    float[] d = data;
    if ((long) (n + 1) * dimension > d.length) {
      long wanted = Math.max((long) (n + 1) * dimension, (long) d.length + (d.length >> 1));
      if (wanted > Integer.MAX_VALUE - 16) {
        wanted = (long) (n + 1) * dimension;
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException(
              "on-heap vector storage is full at " + n + " vectors of dimension " + dimension
                  + "; use off-heap storage for more");
        }
      }
      d = Arrays.copyOf(d, (int) wanted);
      data = d;
    }
    System.arraycopy(v, 0, d, n * dimension, dimension);
    size = n + 1;
    return n;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** The backing block (row {@code i} at {@code i * dimension}); only rows below size are valid. */
  public float[] data() {
    return data;
  }

  @Override
  public void copyTo(int ord, float[] dst, int offset) {
    VectorChecks.checkOrdinal(ord, size);
    System.arraycopy(data, ord * dimension, dst, offset, dimension);
  }


  @Override
  public VectorScorer scorer(Metric metric, float[] query) {
    return new ArrayRowScorer(metric, query, data, dimension);
  }

  @Override
  public float distanceBetween(Metric metric, int a, int b) {
    float[] d = data;
    return ArrayRowScorer.between(metric, d, a * dimension, d, b * dimension, dimension);
  }

  @Override
  public long ramBytesUsed() {
    return 16L + 4L * data.length;
  }
}
