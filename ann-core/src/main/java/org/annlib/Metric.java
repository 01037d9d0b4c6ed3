package org.annlib;

import java.util.Locale;

/**
 * How vectors are compared. Every index reports <b>distances, lower is better</b>, in one
 * convention per metric:
 *
 * <ul>
 *   <li>{@link #EUCLIDEAN}: squared L2, {@code sum((a_i - b_i)^2)}. The square root is never
 *       taken on the hot path; {@link #benchmarkDistance} gives plain L2.
 *   <li>{@link #INNER_PRODUCT}: the negated dot product {@code -a.b}, so the largest inner product
 *       (maximum-inner-product search on un-normalised vectors) comes first.
 *   <li>{@link #COSINE} (alias "angular"): the cosine distance {@code 1 - cos(a, b)}, in [0, 2].
 *       Indexes normalise stored vectors once at insert and queries once per search, so the
 *       kernel is a plain dot product; zero vectors have no direction and are rejected.
 * </ul>
 */
public enum Metric {
  EUCLIDEAN,
  INNER_PRODUCT,
  COSINE;

  /**
   * Parses a metric name as written by users, ann-benchmarks and FAISS: {@code euclidean, l2,
   * angular, cosine, ip, dot, inner_product, mips}; case-insensitive.
   *
   * @throws IllegalArgumentException naming the known names
   */
  public static Metric fromName(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "euclidean", "l2", "squared_l2" -> {
        return EUCLIDEAN;
      }
      case "angular", "cosine", "cos" -> {
        return COSINE;
      }
      case "ip", "dot", "dot_product", "inner_product", "mips" -> {
        return INNER_PRODUCT;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown metric '"
                  + name
                  + "'; known: euclidean (l2), angular (cosine), inner_product (ip, dot)");
    }
  }

  /**
   * Converts a distance of this metric's convention to the one ann-benchmarks files store:
   * L2 (the square root) for EUCLIDEAN; unchanged for COSINE (1 - cos) and INNER_PRODUCT (-dot).
   */
  public float benchmarkDistance(float distance) {
    return this == EUCLIDEAN ? (float) Math.sqrt(Math.max(0f, distance)) : distance;
  }

  /**
   * This metric's kernel distance given the dot product of the two vectors: {@code -dot}, or
   * {@code 1 - dot} under cosine (whose vectors are unit length). Euclidean distance is not a
   * function of the dot product alone.
   */
  public float distanceFromDot(float dot) {
    if (this == EUCLIDEAN) {
      throw new IllegalStateException("euclidean distance is not a function of the dot product");
    }
    return this == COSINE ? 1f - dot : -dot;
  }

  /** The inverse of {@link #benchmarkDistance}. */
  public float fromBenchmarkDistance(float benchmarkDistance) {
    return this == EUCLIDEAN ? benchmarkDistance * benchmarkDistance : benchmarkDistance;
  }

  /** The name ann-benchmarks files use in their {@code distance} attribute. */
  public String benchmarkName() {
    return switch (this) {
      case EUCLIDEAN -> "euclidean";
      case COSINE -> "angular";
      case INNER_PRODUCT -> "dot";
    };
  }
}
