package org.annlib.vectors;

import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.vector.VectorUtil;

/** Validation at the boundary, with the messages every index uses. */
public final class VectorChecks {
  private VectorChecks() {}

  /**
   * Checks that {@code v} has {@code dimension} finite components.
   *
   * @param what "query" or "vector", used in the message
   */
  public static void check(float[] v, int dimension, String what) {
    if (v == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (v.length != dimension) {
      throw new IllegalArgumentException(
          what + " dimension " + v.length + " does not match index dimension " + dimension);
    }
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException(
            what + " has a non-finite component at index " + i + ": " + v[i]);
      }
    }
  }

  /** Checks the arguments of a search besides the query: {@code k > 0} and parameters given. */
  public static void checkSearch(int k, SearchParams params) {
    checkK(k);
    if (params == null) {
      throw new IllegalArgumentException("search params must not be null; pass SearchParams.DEFAULT");
    }
  }

  /** Checks a range search's radius and parameters. */
  public static void checkRange(float radius, SearchParams params) {
    if (Float.isNaN(radius)) {
      throw new IllegalArgumentException("radius must not be NaN");
    }
    if (params == null) {
      throw new IllegalArgumentException("search params must not be null; pass SearchParams.DEFAULT");
    }
  }

  /** Checks that {@code ord} names one of the {@code size} stored vectors. */
  public static void checkOrdinal(int ord, int size) {
    if (ord < 0 || ord >= size) {
      throw new IndexOutOfBoundsException("ordinal " + ord + " out of range [0, " + size + ")");
    }
  }

  /** Checks {@code k}, which must be positive. */
  public static void checkK(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
  }

  /**
   * Checks {@code v} and returns the form an index stores or searches with: a unit-length copy
   * under COSINE (zero vectors rejected), {@code v} itself otherwise.
   */
  public static float[] prepare(float[] v, int dimension, Metric metric, String what) {
    check(v, dimension, what);
    if (metric != Metric.COSINE) {
      return v;
    }
    try {
      return VectorUtil.l2normalize(v.clone());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is a zero vector, which has no direction under COSINE");
    }
  }
}
