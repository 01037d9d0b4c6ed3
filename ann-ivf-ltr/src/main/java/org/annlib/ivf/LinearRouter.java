package org.annlib.ivf;

import org.annlib.vector.VectorUtil;

/**
 * A router of the form {@code s = W q + b}: one row of {@code W} per partition, scored with the
 * batched SIMD dot kernel. Centroid and learned routing differ only in where W and b come from,
 * so they cost the same at query time (arXiv 2404.11731, section 3: the learned rows replace the
 * centroids).
 */
public abstract class LinearRouter implements Router {
  private final float[] weights;
  private final float[] bias;
  private final int partitions;
  private final int dim;

  LinearRouter(float[] weights, float[] bias, int dim) {
    if (weights.length != bias.length * dim) {
      throw new IllegalArgumentException(
          "router weights hold " + weights.length + " floats, expected " + bias.length + " x " + dim);
    }
    this.weights = weights;
    this.bias = bias;
    this.partitions = bias.length;
    this.dim = dim;
  }

  @Override
  public final int partitions() {
    return partitions;
  }

  public final int dimension() {
    return dim;
  }

  /** Row-major {@code partitions x dimension} weights; a copy. */
  public final float[] weights() {
    return weights.clone();
  }

  /** One bias per partition; a copy. */
  public final float[] bias() {
    return bias.clone();
  }

  @Override
  public final void scores(float[] query, float[] out) {
    VectorUtil.dotRows(query, weights, 0, partitions, dim, out);
    for (int i = 0; i < partitions; i++) {
      out[i] += bias[i];
    }
  }

  /** Rebuilds a router from its saved name, weights and bias. */
  static LinearRouter of(String name, float[] weights, float[] bias, int dim) {
    return switch (name) {
      case CentroidRouter.NAME -> new CentroidRouter(weights, bias, dim);
      case LearnedRouter.NAME -> new LearnedRouter(weights, bias, dim);
      default -> throw new IllegalArgumentException(
          "unknown router '" + name + "'; known: " + CentroidRouter.NAME + ", " + LearnedRouter.NAME);
    };
  }
}
