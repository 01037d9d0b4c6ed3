package org.annlib.ivf;

import org.annlib.Metric;
import org.annlib.vector.VectorUtil;

/**
 * Classic IVF routing by centroid, written as the linear router it is: for inner product and
 * cosine {@code s_i = <q, c_i>}; for euclidean {@code s_i = 2<q, c_i> - |c_i|^2}, which orders
 * partitions exactly as {@code -|q - c_i|^2} does (the {@code |q|^2} term is the same for all).
 */
public final class CentroidRouter implements Router {
  private final float[] weights;
  private final float[] bias;
  private final int partitions;
  private final int dim;

  public CentroidRouter(Metric metric, float[] centroids, int dim) {
    this.dim = dim;
    this.partitions = centroids.length / dim;
    this.weights = centroids.clone();
    this.bias = new float[partitions];
    if (metric == Metric.EUCLIDEAN) {
      for (int i = 0; i < partitions; i++) {
        bias[i] = -VectorUtil.dot(centroids, i * dim, centroids, i * dim, dim);
        for (int j = 0; j < dim; j++) {
          weights[i * dim + j] *= 2;
        }
      }
    }
  }

  @Override
  public String name() {
    return "centroid";
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public void scores(float[] query, float[] out) {
    VectorUtil.dotRows(query, weights, 0, partitions, dim, out);
    for (int i = 0; i < partitions; i++) {
      out[i] += bias[i];
    }
  }
}
