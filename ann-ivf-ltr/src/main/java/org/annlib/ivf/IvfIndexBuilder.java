package org.annlib.ivf;

import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.ivf.train.KMeans;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;

/**
 * Builds an {@link IvfIndex}: validates every vector, trains k-means (spherical under cosine) on
 * a sample, assigns every vector to its nearest centroid, and lays the partitions out flat.
 */
public final class IvfIndexBuilder implements IndexBuilder<IvfIndex> {
  private final Metric metric;
  private int nlist;
  private int nprobe = 8;
  private int iterations = 25;
  private long seed = 42;
  private int threads = Runtime.getRuntime().availableProcessors();
  private ProgressListener progress = ProgressListener.NONE;

  IvfIndexBuilder(Metric metric) {
    if (metric == null) {
      throw new NullPointerException("metric is null");
    }
    this.metric = metric;
  }

  /**
   * Number of partitions. Default (0): about {@code 4 * sqrt(n)}, FAISS's rule of thumb, at most
   * n. An explicit value above the number of vectors fails the build.
   */
  public IvfIndexBuilder nlist(int nlist) {
    if (nlist < 0) {
      throw new IllegalArgumentException("nlist must be positive (or 0 for the default), got " + nlist);
    }
    this.nlist = nlist;
    return this;
  }

  /** Partitions a query probes when it does not say. Default 8. */
  public IvfIndexBuilder nprobe(int nprobe) {
    if (nprobe <= 0) {
      throw new IllegalArgumentException("nprobe must be positive, got " + nprobe);
    }
    this.nprobe = nprobe;
    return this;
  }

  /** Lloyd iterations. Default 25 (as FAISS). */
  public IvfIndexBuilder iterations(int iterations) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    this.iterations = iterations;
    return this;
  }

  public IvfIndexBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  @Override
  public IvfIndexBuilder threads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
    return this;
  }

  @Override
  public IvfIndexBuilder progress(ProgressListener listener) {
    this.progress = listener == null ? ProgressListener.NONE : listener;
    return this;
  }

  @Override
  public IvfIndex build(VectorValues source) {
    int n = source.size();
    int dim = source.dimension();
    if (nlist > n) {
      throw new IllegalArgumentException("nlist " + nlist + " exceeds the number of vectors " + n
          + "; every partition needs at least one vector");
    }
    float[] data = new float[Math.multiplyExact(n, dim)];
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      source.copyTo(i, row, 0);
      System.arraycopy(VectorChecks.prepare(row, dim, metric, "vector " + i), 0, data, i * dim, dim);
    }
    int lists = nlist > 0 ? nlist : Math.max(1, Math.min(n, (int) Math.round(4 * Math.sqrt(n))));
    if (n == 0) {
      return new IvfIndex(metric, new CentroidRouter(metric, new float[dim], dim), FlatVectorValues.wrap(data, dim),
          new int[0], new int[] {0, 0}, new float[dim], nprobe);
    }
    FlatVectorValues stored = FlatVectorValues.wrap(data, dim);
    float[] centroids = KMeans.train(stored, lists, iterations, seed, metric == Metric.COSINE, threads);
    progress.progress("build ivf", n / 2, n);
    int[] assign = new int[n];
    KMeans.assign(data, n, dim, centroids, lists, assign, threads);
    int[] offsets = new int[lists + 1];
    for (int a : assign) {
      offsets[a + 1]++;
    }
    for (int p = 0; p < lists; p++) {
      offsets[p + 1] += offsets[p];
    }
    int[] fill = offsets.clone();
    int[] ids = new int[n];
    float[] rows = new float[data.length];
    for (int i = 0; i < n; i++) {
      int at = fill[assign[i]]++;
      ids[at] = i;
      System.arraycopy(data, i * dim, rows, at * dim, dim);
    }
    progress.progress("build ivf", n, n);
    return new IvfIndex(metric, new CentroidRouter(metric, centroids, dim), FlatVectorValues.wrap(rows, dim), ids,
        offsets, centroids, nprobe);
  }
}
