package org.annlib.datasets;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.vectors.VectorValues;

/**
 * Exact ground truth for files that lack it, computed once with {@link GroundTruth} and cached as
 * {@code KEY.gtK.ivecs} (ids) and {@code KEY.gtK.fvecs} (ann-benchmarks distances) in the cache
 * folder. The key includes the source file's size, so a replaced file is not matched with stale
 * neighbours; a cache entry of the wrong shape is recomputed.
 */
final class GroundTruthCache {
  record Entry(int[][] neighbors, float[][] distances) {}

  private GroundTruthCache() {}

  static Entry getOrCompute(Path cacheDir, String key, Metric metric, VectorValues train, VectorValues test, int k,
      int threads, ProgressListener progress) throws IOException {
    Path ids = cacheDir == null ? null : cacheDir.resolve(key + ".gt" + k + ".ivecs");
    Path dists = cacheDir == null ? null : cacheDir.resolve(key + ".gt" + k + ".fvecs");
    if (ids != null && Files.exists(ids) && Files.exists(dists)) {
      int[][] n = Texmex.readIvecs(ids);
      float[][] d = readRows(dists);
      if (n.length == test.size() && d.length == n.length && (n.length == 0 || n[0].length == k && d[0].length == k)) {
        return new Entry(n, d);
      }
    }
    Neighbors gt = GroundTruth.compute(train, test, metric, k, threads, progress);
    // Re-score in double precision, as for files whose distances are missing.
    int[][] n = gt.ids();
    float[][] d = Datasets.recomputeDistances(metric, train, test, n);
    if (ids != null) {
      Files.createDirectories(cacheDir);
      writeAtomically(ids, tmp -> Texmex.writeIvecs(tmp, n));
      float[][] dd = d;
      writeAtomically(dists, tmp -> Texmex.writeFvecs(tmp, dd));
    }
    return new Entry(n, d);
  }

  private static float[][] readRows(Path file) throws IOException {
    var v = Texmex.readFvecs(file, Integer.MAX_VALUE);
    float[][] out = new float[v.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.vector(i);
    }
    return out;
  }

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  static void writeAtomically(Path target, Writer writer) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    writer.write(tmp);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
