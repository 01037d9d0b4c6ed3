package org.annlib.datasets;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.OffHeapVectorValues;

/**
 * Datasets named {@code synthetic-<n>-<dim>-<metric>} ({@code synthetic-1000000-128-euclidean}):
 * {@code n} base vectors and {@value #QUERIES} queries from {@link SyntheticMixture}, with exact
 * top-100 ground truth. For size, not quality: recall claims belong on real data. The base vectors
 * are generated once into the cache folder and memory-mapped, so a set larger than the heap costs
 * no heap; the ground truth is computed once on all threads and cached beside them.
 */
public final class SyntheticDataset {
  public static final String PREFIX = "synthetic-";
  public static final int QUERIES = 10_000;
  /** Bumped whenever {@link SyntheticMixture} changes, so stale cache files are never reused. */
  static final int VERSION = 1;
  private static final int CHUNK_ROWS = 4096;

  /** A parsed name. */
  public record Spec(int size, int dimension, Metric metric) {
    public String name() {
      return PREFIX + size + "-" + dimension + "-" + metric.benchmarkName();
    }
  }

  private SyntheticDataset() {}

  public static boolean isSyntheticName(String name) {
    return name.startsWith(PREFIX);
  }

  /**
   * Parses {@code synthetic-<n>-<dim>-<metric>}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code name}
   */
  public static Spec parse(String name) {
    String[] parts = name.substring(Math.min(name.length(), PREFIX.length())).split("-", -1);
    String form = "a synthetic dataset is named synthetic-<n>-<dim>-<metric>, for example"
        + " synthetic-1000000-128-euclidean";
    if (!isSyntheticName(name) || parts.length != 3) {
      throw new IllegalArgumentException("'" + name + "': " + form);
    }
    long n = positive(parts[0], "size", name, form);
    long dim = positive(parts[1], "dimension", name, form);
    if (n > Integer.MAX_VALUE - 8 || dim > 65_536) {
      throw new IllegalArgumentException("'" + name + "': size must be at most " + (Integer.MAX_VALUE - 8)
          + " and dimension at most 65536");
    }
    Metric metric;
    try {
      metric = Metric.fromName(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "': " + e.getMessage());
    }
    Spec spec = new Spec((int) n, (int) dim, metric);
    if (!spec.name().equals(name)) {
      throw new IllegalArgumentException("'" + name + "': write it as " + spec.name());
    }
    return spec;
  }

  private static long positive(String s, String what, String name, String form) {
    try {
      long v = Long.parseLong(s);
      if (v > 0 && s.charAt(0) != '+') {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + name + "': the " + what + " '" + s + "' is not a positive integer; " + form);
  }

  /**
   * The dataset: base vectors mapped from {@code cacheDir} (generated there first if missing), the
   * queries on the heap, ground truth from the cache or computed on {@code threads} threads. The
   * mapping lives as long as the JVM (a dataset is opened once per run).
   */
  public static Dataset open(Spec spec, Path cacheDir, int threads, ProgressListener progress) throws IOException {
    SyntheticMixture mixture = new SyntheticMixture(spec.dimension());
    Path base = cacheDir.resolve(PREFIX + spec.size() + "-" + spec.dimension() + ".v" + VERSION + ".f32");
    long bytes = 4L * spec.dimension() * spec.size();
    if (!Files.isRegularFile(base) || Files.size(base) != bytes) {
      Files.createDirectories(cacheDir);
      GroundTruthCache.writeAtomically(base, tmp -> generate(mixture, spec, tmp, threads, progress));
    }
    OffHeapVectorValues train = OffHeapVectorValues.map(base, 0, spec.size(), spec.dimension(), Arena.global());
    FlatVectorValues test = queries(mixture, spec.dimension());
    String key = spec.name() + ".v" + VERSION;
    GroundTruthCache.Entry gt = GroundTruthCache.getOrCompute(cacheDir, key, spec.metric(), train, test,
        Math.min(Datasets.GROUND_TRUTH_DEPTH, spec.size()), threads, progress);
    return new Dataset(spec.name(), "generated:" + base, spec.metric(), train, test, gt.neighbors(), gt.distances());
  }

  static FlatVectorValues queries(SyntheticMixture mixture, int dim) {
    FlatVectorValues test = new FlatVectorValues(dim, QUERIES);
    float[] row = new float[dim];
    for (int i = 0; i < QUERIES; i++) {
      mixture.row(SyntheticMixture.QUERIES, i, row);
      test.add(row);
    }
    return test;
  }

  /** Rows in chunks claimed by {@code threads} workers, each written at its own file position. */
  private static void generate(SyntheticMixture mixture, Spec spec, Path file, int threads, ProgressListener progress)
      throws IOException {
    int dim = spec.dimension();
    long n = spec.size();
    long chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      IOException[] failure = new IOException[1];
      Workers.of(threads).run("synthetic", () -> {
        float[] row = new float[dim];
        ByteBuffer buf = ByteBuffer.allocate(4 * dim * CHUNK_ROWS).order(ByteOrder.LITTLE_ENDIAN);
        for (long c; (c = next.getAndIncrement()) < chunks; ) {
          long first = c * CHUNK_ROWS;
          long last = Math.min(n, first + CHUNK_ROWS);
          buf.clear();
          for (long i = first; i < last; i++) {
            mixture.row(SyntheticMixture.BASE, i, row);
            buf.asFloatBuffer().put(row);
            buf.position(buf.position() + 4 * dim);
          }
          buf.flip();
          try {
            long at = 4L * dim * first;
            while (buf.hasRemaining()) {
              at += ch.write(buf, at);
            }
          } catch (IOException e) {
            synchronized (failure) {
              failure[0] = e;
            }
            return;
          }
          progress.progress("generate " + spec.name(), done.addAndGet(last - first), n);
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }
}
