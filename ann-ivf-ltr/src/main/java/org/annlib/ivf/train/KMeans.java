package org.annlib.ivf.train;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;
import org.annlib.vector.VectorUtil;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * Lloyd's k-means on a seeded sample (at most 256 points per centroid, as FAISS does), with
 * k-means++ initialisation, multi-threaded assignment through the batched SIMD kernel, sums in
 * double, and empty clusters re-seeded by splitting the largest one. {@code spherical}
 * renormalises the centroids after each update (cosine data).
 */
public final class KMeans {
  private KMeans() {}

  /** Row-major centroids, {@code k * dim} floats; reports each iteration as step "k-means". */
  public static float[] train(VectorValues data, int k, int iterations, long seed, boolean spherical, Workers workers,
      ProgressListener progress) {
    int n = data.size();
    int dim = data.dimension();
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive, got " + k);
    }
    if (n < k) {
      throw new IllegalArgumentException("cannot make " + k + " partitions of " + n + " vectors");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] sample = sample(data, Math.min(n, 256 * k), rnd);
    int m = sample.length / dim;
    float[] c = plusPlus(sample, m, dim, k, rnd);
    int[] assign = new int[m];
    for (int it = 0; it < iterations; it++) {
      assign(FlatVectorValues.wrap(sample, dim), c, k, assign, workers);
      double[] sums = new double[k * dim];
      int[] counts = new int[k];
      for (int i = 0; i < m; i++) {
        int a = assign[i];
        counts[a]++;
        for (int j = 0; j < dim; j++) {
          sums[a * dim + j] += sample[i * dim + j];
        }
      }
      for (int a = 0; a < k; a++) {
        if (counts[a] > 0) {
          for (int j = 0; j < dim; j++) {
            c[a * dim + j] = (float) (sums[a * dim + j] / counts[a]);
          }
        }
      }
      splitEmpty(c, counts, k, dim, rnd);
      if (spherical) {
        for (int a = 0; a < k; a++) {
          normalise(c, a * dim, dim);
        }
      }
      progress.progress("k-means", it + 1, iterations);
    }
    return c;
  }

  /** The nearest of the {@code k} centroids to {@code row} (squared L2); {@code scratch} holds k floats. */
  public static int nearest(float[] row, float[] centroids, int k, float[] scratch) {
    VectorUtil.squareL2Rows(row, centroids, 0, k, row.length, scratch);
    int best = 0;
    for (int a = 1; a < k; a++) {
      if (scratch[a] < scratch[best]) {
        best = a;
      }
    }
    return best;
  }

  /** The nearest centroid of each row (squared L2), on {@code workers}; rows are read one at a time. */
  public static void assign(VectorValues rows, float[] centroids, int k, int[] out, Workers workers) {
    int m = rows.size();
    int dim = rows.dimension();
    AtomicInteger next = new AtomicInteger();
    workers.run("kmeans-assign", () -> {
      float[] d = new float[k];
      float[] row = new float[dim];
      for (int i; (i = next.getAndIncrement()) < m; ) {
        rows.copyTo(i, row, 0);
        out[i] = nearest(row, centroids, k, d);
      }
    });
  }

  private static float[] sample(VectorValues data, int m, SplittableRandom rnd) {
    int n = data.size();
    int dim = data.dimension();
    int[] idx = Sampling.sample(n, m, rnd);
    float[] out = new float[m * dim];
    for (int i = 0; i < m; i++) {
      data.copyTo(idx[i], out, i * dim);
    }
    return out;
  }

  /** k-means++: each next centre drawn with probability proportional to its squared distance. */
  private static float[] plusPlus(float[] s, int m, int dim, int k, SplittableRandom rnd) {
    float[] c = new float[k * dim];
    System.arraycopy(s, rnd.nextInt(m) * dim, c, 0, dim);
    double[] best = new double[m];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
    for (int a = 1; a < k; a++) {
      double total = 0;
      for (int i = 0; i < m; i++) {
        best[i] = Math.min(best[i], VectorUtil.squareL2(s, i * dim, c, (a - 1) * dim, dim));
        total += best[i];
      }
      double r = rnd.nextDouble() * total;
      int pick = m - 1;
      for (int i = 0; i < m; i++) {
        r -= best[i];
        if (r <= 0) {
          pick = i;
          break;
        }
      }
      System.arraycopy(s, pick * dim, c, a * dim, dim);
    }
    return c;
  }

  private static void splitEmpty(float[] c, int[] counts, int k, int dim, SplittableRandom rnd) {
    for (int a = 0; a < k; a++) {
      if (counts[a] > 0) {
        continue;
      }
      int big = 0;
      for (int b = 1; b < k; b++) {
        if (counts[b] > counts[big]) {
          big = b;
        }
      }
      // Two copies of the largest centroid, pushed slightly apart (FAISS's rule).
      for (int j = 0; j < dim; j++) {
        float v = c[big * dim + j];
        float eps = (float) (1e-4 * (rnd.nextBoolean() ? 1 : -1)) * Math.max(1e-3f, Math.abs(v));
        c[a * dim + j] = v + eps;
        c[big * dim + j] = v - eps;
      }
      counts[a] = counts[big] / 2;
      counts[big] -= counts[a];
    }
  }

  private static void normalise(float[] c, int off, int dim) {
    double sq = 0;
    for (int j = 0; j < dim; j++) {
      sq += (double) c[off + j] * c[off + j];
    }
    if (sq > 0) {
      double norm = Math.sqrt(sq);
      for (int j = 0; j < dim; j++) {
        c[off + j] = (float) (c[off + j] / norm);
      }
    }
  }
}
