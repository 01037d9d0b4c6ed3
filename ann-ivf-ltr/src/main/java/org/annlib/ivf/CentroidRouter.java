package org.annlib.ivf;

import org.annlib.Metric;
import org.annlib.vector.VectorUtil;

/**
 * Classic IVF routing by centroid, written as the linear router it is: for inner product and
 * cosine {@code s_i = <q, c_i>}; for euclidean {@code s_i = 2<q, c_i> - |c_i|^2}, which orders
 * partitions exactly as {@code -|q - c_i|^2} does (the {@code |q|^2} term is the same for all).
 * Inner product over L2-built partitions is the paper's "standard k-means" baseline.
 */
public final class CentroidRouter extends LinearRouter {
  public static final String NAME = "centroid";

  CentroidRouter(float[] weights, float[] bias, int dim) {
    super(weights, bias, dim);
  }

  public static CentroidRouter of(Metric metric, float[] centroids, int dim) {
    int partitions = centroids.length / dim;
    float[] weights = centroids.clone();
    float[] bias = new float[partitions];
    if (metric == Metric.EUCLIDEAN) {
      for (int i = 0; i < partitions; i++) {
        bias[i] = -VectorUtil.dot(centroids, i * dim, centroids, i * dim, dim);
        for (int j = 0; j < dim; j++) {
          weights[i * dim + j] *= 2;
        }
      }
    }
    return new CentroidRouter(weights, bias, dim);
  }

  @Override
  public String name() {
    return NAME;
  }
}
