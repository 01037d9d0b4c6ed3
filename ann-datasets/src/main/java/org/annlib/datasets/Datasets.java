package org.annlib.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.ExactDistance;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;

/** Loads datasets from files, completing missing ground truth exactly. */
public final class Datasets {
  /** Ground-truth depth computed for files that lack it: ann-benchmarks files carry 100. */
  public static final int GROUND_TRUTH_DEPTH = 100;

  /** Name of the embedded default dataset. */
  public static final String EMBEDDED_NAME = "fashion-mnist-784-euclidean-10k";

  private static final String EMBEDDED_RESOURCE = "fashion-mnist-784-euclidean-10k.hdf5";

  private Datasets() {}

  /**
   * Loads an ann-benchmarks HDF5 file ({@code .hdf5}, {@code .h5}) or a TEXMEX base file ({@code
   * X_base.fvecs} or {@code .bvecs}, with {@code X_query.*} and, if present, {@code
   * X_groundtruth.ivecs} beside it).
   *
   * @param metric the metric of a TEXMEX set (HDF5 files name their own); null means euclidean
   * @param cacheDir where ground truth computed for a file that lacks it is cached
   */
  public static Dataset load(Path file, Metric metric, Path cacheDir, int threads, ProgressListener progress)
      throws IOException {
    String fileName = file.getFileName().toString();
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".hdf5") || lower.endsWith(".h5")) {
      AnnBenchmarksHdf5.Content c = AnnBenchmarksHdf5.read(file);
      if (metric != null && metric != c.metric()) {
        throw new IllegalArgumentException(
            file + " is a " + c.metric().benchmarkName() + " dataset; --metric " + metric.benchmarkName() + " contradicts it");
      }
      String name = fileName.substring(0, fileName.lastIndexOf('.'));
      return complete(name, file.toString(), c.metric(), c.train(), c.test(), c.neighbors(), c.distances(),
          cacheKey(file), cacheDir, threads, progress);
    }
    if (lower.endsWith(".fvecs") || lower.endsWith(".bvecs")) {
      return loadTexmex(file, metric == null ? Metric.EUCLIDEAN : metric, cacheDir, threads, progress);
    }
    throw new DatasetFormatException(
        file + ": unknown dataset format; expected an ann-benchmarks .hdf5 file or a TEXMEX X_base.fvecs/.bvecs file");
  }

  /** The embedded default: 10,000 Fashion-MNIST train vectors and 1,000 queries, exact top-100. */
  public static Dataset embedded() {
    try (InputStream in = Datasets.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("embedded dataset " + EMBEDDED_RESOURCE + " is missing from the class path");
      }
      AnnBenchmarksHdf5.Content c = AnnBenchmarksHdf5.read(in, EMBEDDED_RESOURCE);
      return complete(EMBEDDED_NAME, "embedded:" + EMBEDDED_RESOURCE, c.metric(), c.train(), c.test(),
          c.neighbors(), c.distances(), null, null, 1, ProgressListener.NONE);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Copies the embedded dataset's HDF5 file to {@code target}, for tools that read files. */
  public static Path copyEmbedded(Path target) throws IOException {
    try (InputStream in = Datasets.class.getResourceAsStream(EMBEDDED_RESOURCE)) {
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static Dataset loadTexmex(Path base, Metric metric, Path cacheDir, int threads, ProgressListener progress)
      throws IOException {
    String fileName = base.getFileName().toString();
    boolean bytes = fileName.toLowerCase(Locale.ROOT).endsWith(".bvecs");
    int cut = fileName.lastIndexOf("_base.");
    if (cut < 0) {
      throw new DatasetFormatException(base + ": a TEXMEX base file is named X_base.fvecs or X_base.bvecs,"
          + " with X_query.* and X_groundtruth.ivecs beside it");
    }
    String stem = fileName.substring(0, cut);
    Path query = base.resolveSibling(stem + "_query" + fileName.substring(cut + 5));
    if (!Files.exists(query)) {
      throw new java.nio.file.NoSuchFileException(query.toString(), null, "queries for " + base + " are missing");
    }
    FlatVectorValues train = bytes ? Texmex.readBvecs(base, Integer.MAX_VALUE) : Texmex.readFvecs(base, Integer.MAX_VALUE);
    FlatVectorValues test = bytes ? Texmex.readBvecs(query, Integer.MAX_VALUE) : Texmex.readFvecs(query, Integer.MAX_VALUE);
    if (test.dimension() != train.dimension()) {
      throw new DatasetFormatException(
          query + " has dimension " + test.dimension() + ", " + base + " has " + train.dimension());
    }
    Path gt = base.resolveSibling(stem + "_groundtruth.ivecs");
    int[][] neighbors = null;
    if (Files.exists(gt) && metric == Metric.EUCLIDEAN) { // TEXMEX ground truth is euclidean
      neighbors = Texmex.readIvecs(gt);
      if (neighbors.length != test.size()) {
        throw new DatasetFormatException(gt + " has " + neighbors.length + " rows, " + query + " has " + test.size());
      }
      for (int q = 0; q < neighbors.length; q++) {
        for (int id : neighbors[q]) {
          if (id < 0 || id >= train.size()) {
            throw new DatasetFormatException(
                gt + ": row " + q + " names id " + id + ", outside " + base + "'s [0, " + train.size() + ")");
          }
        }
      }
    }
    return complete(stem, base.toString(), metric, train, test, neighbors, null,
        cacheKey(base) + "-" + metric.benchmarkName(), cacheDir, threads, progress);
  }

  private static String cacheKey(Path file) throws IOException {
    String n = file.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.')) + "-" + Files.size(file);
  }

  private static Dataset complete(String name, String source, Metric metric, FlatVectorValues train,
      FlatVectorValues test, int[][] neighbors, float[][] distances, String cacheKey, Path cacheDir, int threads,
      ProgressListener progress) throws IOException {
    if (neighbors == null) {
      GroundTruthCache.Entry gt = GroundTruthCache.getOrCompute(cacheDir, cacheKey, metric, train, test,
          Math.min(GROUND_TRUTH_DEPTH, train.size()), threads, progress);
      neighbors = gt.neighbors();
      distances = gt.distances();
    }
    if (distances == null) {
      distances = recomputeDistances(metric, train, test, neighbors);
    }
    return new Dataset(name, source, metric, train, test, neighbors, distances);
  }

  /** Exact benchmark-convention distances of the listed neighbours, re-sorted by distance then id. */
  public static float[][] recomputeDistances(Metric metric, VectorValues train, VectorValues test, int[][] neighbors) {
    float[][] out = new float[neighbors.length][];
    for (int q = 0; q < neighbors.length; q++) {
      float[] query = test.vector(q);
      int[] ids = neighbors[q];
      double[] d = new double[ids.length];
      for (int j = 0; j < ids.length; j++) {
        d[j] = ExactDistance.benchmarkDistance(metric, query, train.vector(ids[j]));
      }
      // Sort ids and distances together; ties keep the lower id first.
      Integer[] order = new Integer[ids.length];
      for (int j = 0; j < ids.length; j++) order[j] = j;
      java.util.Arrays.sort(order, (x, y) -> d[x] != d[y] ? Double.compare(d[x], d[y]) : Integer.compare(ids[x], ids[y]));
      int[] sortedIds = new int[ids.length];
      float[] sortedD = new float[ids.length];
      for (int j = 0; j < ids.length; j++) {
        sortedIds[j] = ids[order[j]];
        sortedD[j] = (float) d[order[j]];
      }
      neighbors[q] = sortedIds;
      out[q] = sortedD;
    }
    return out;
  }
}
