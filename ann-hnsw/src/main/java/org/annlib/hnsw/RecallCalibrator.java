package org.annlib.hnsw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.util.DeletedSet;
import org.annlib.util.Workers;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Measures an index's recall@k over an ef grid on calibration queries: exact ground truth over the
 * live vectors, then every query searched at every grid width through the index's own searchers
 * (so the preset's codes, re-rank and termination are what is measured). The grid for a k stops
 * early at a mean recall of {@value #ENOUGH}, or once four widths in a row add nothing: the preset's
 * ceiling, which a wider beam does not lift.
 */
final class RecallCalibrator {
  static final int[] GRID = {10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256,
      320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 2048};
  static final double ENOUGH = 0.9999;
  private static final int PLATEAU = 4;

  private RecallCalibrator() {}

  static RecallCalibration calibrate(HnswIndex index, VectorValues queries, int[] ks, Workers workers,
      ProgressListener progress) {
    HnswView v = index.view();
    int[] sortedKs = checkedKs(ks);
    int nq = queries.size();
    if (nq == 0) {
      throw new IllegalArgumentException("calibration needs at least one query");
    }
    if (queries.dimension() != v.dimension()) {
      throw new IllegalArgumentException("calibration queries have dimension " + queries.dimension()
          + ", the index " + v.dimension());
    }
    int size = v.size();
    DeletedSet deleted = v.deleted();
    int live = size - deleted.count();
    if (live == 0) {
      throw new IllegalArgumentException("cannot calibrate an index with no live vectors");
    }
    float[][] raw = new float[nq][];
    PagedVectorValues prepared = new PagedVectorValues(v.dimension(), Math.max(16, nq));
    for (int i = 0; i < nq; i++) {
      raw[i] = queries.vector(i);
      prepared.add(VectorChecks.prepare(raw[i], v.dimension(), v.metric(), "calibration query " + i));
    }
    int maxK = sortedKs[sortedKs.length - 1];
    // Deleted nodes are in the stored vectors: look deep enough to skip them all.
    int depth = (int) Math.min(size, (long) maxK + deleted.count());
    // Stored cosine vectors are unit length already: the inner product ranks them without a copy.
    Metric truthMetric = v.metric() == Metric.COSINE ? Metric.INNER_PRODUCT : v.metric();
    Neighbors truth = GroundTruth.compute(v.vectors(), prepared, truthMetric, depth, workers.executor(),
        workers.threads(), progress);
    List<RecallCalibration.Table> tables = new ArrayList<>();
    for (int k : sortedKs) {
      float[] thresholds = thresholds(v, prepared, truth, deleted, k);
      tables.add(table(index, raw, thresholds, Math.min(k, live), k, size, workers, progress));
    }
    return new RecallCalibration(live, nq, tables);
  }

  private static int[] checkedKs(int[] ks) {
    if (ks == null || ks.length == 0) {
      throw new IllegalArgumentException("calibration needs at least one k");
    }
    int[] s = ks.clone();
    Arrays.sort(s);
    for (int i = 0; i < s.length; i++) {
      if (s[i] <= 0) {
        throw new IllegalArgumentException("calibration k must be positive, got " + s[i]);
      }
      if (i > 0 && s[i] == s[i - 1]) {
        throw new IllegalArgumentException("calibration k " + s[i] + " is listed twice");
      }
    }
    return s;
  }

  /**
   * Per query, the exact distance of its k-th live neighbour in the searcher's own convention
   * (re-scored by the index's scorer), which a returned distance may reach and still be a hit:
   * ties at the k-th distance count, as in ann-benchmarks.
   */
  private static float[] thresholds(HnswView v, VectorValues prepared, Neighbors truth, DeletedSet deleted, int k) {
    float[] t = new float[truth.queries()];
    for (int q = 0; q < t.length; q++) {
      int[] ids = truth.ids()[q];
      int seen = 0;
      int last = -1;
      for (int i = 0; i < ids.length && seen < k; i++) {
        if (!deleted.contains(ids[i])) {
          last = ids[i];
          seen++;
        }
      }
      VectorScorer scorer = v.vectors().scorer(v.metric(), prepared.vector(q));
      float d = scorer.distance(last);
      // batch and single-row kernels sum in different orders: allow their rounding difference
      t[q] = d + 1e-5f * Math.abs(d) + 1e-6f;
    }
    return t;
  }

  private static RecallCalibration.Table table(HnswIndex index, float[][] queries, float[] thresholds, int hitsMax,
      int k, int size, Workers workers, ProgressListener progress) {
    List<Integer> efs = new ArrayList<>();
    List<float[]> stats = new ArrayList<>();
    int nq = queries.length;
    float[] recall = new float[nq];
    long[] computed = new long[nq];
    double best = -1;
    int flat = 0;
    for (int ef : grid(k, size)) {
      SearchParams params = SearchParams.builder().ef(ef).build();
      AtomicInteger next = new AtomicInteger();
      workers.atMost(nq / 64 + 1).run("hnsw-calibrate", () -> {
        Searcher s = index.searcher();
        for (int q; (q = next.getAndIncrement()) < nq; ) {
          SearchResult r = s.search(queries[q], k, params);
          int hits = 0;
          float[] d = r.distances();
          for (int i = 0, n = Math.min(k, d.length); i < n; i++) {
            if (d[i] <= thresholds[q]) {
              hits++;
            }
          }
          recall[q] = hits / (float) hitsMax;
          computed[q] = r.distanceComputations();
        }
      });
      stats.add(summary(recall, computed));
      efs.add(ef);
      progress.progress("calibrate k=" + k, efs.size(), GRID.length);
      double mean = stats.getLast()[0];
      if (mean > best + 1e-4) {
        best = mean;
        flat = 0;
      } else {
        flat++;
      }
      if (mean >= ENOUGH || flat >= PLATEAU) {
        break;
      }
    }
    int n = efs.size();
    int[] ef = new int[n];
    float[][] cols = new float[4][n];
    for (int i = 0; i < n; i++) {
      ef[i] = efs.get(i);
      for (int c = 0; c < 4; c++) {
        cols[c][i] = stats.get(i)[c];
      }
    }
    return new RecallCalibration.Table(k, ef, cols[0], cols[1], cols[2], cols[3]);
  }

  /** The widths tried for {@code k}: k itself, then the grid above it, up to the first that covers the index. */
  static int[] grid(int k, int size) {
    List<Integer> g = new ArrayList<>();
    g.add(k);
    for (int ef : GRID) {
      if (g.getLast() >= size) {
        break;
      }
      if (ef > k) {
        g.add(ef);
      }
    }
    return g.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Mean recall, its standard error, the 10th percentile, and mean distances per query. */
  private static float[] summary(float[] recall, long[] computed) {
    int n = recall.length;
    double sum = 0;
    double sumSq = 0;
    double dist = 0;
    for (int i = 0; i < n; i++) {
      sum += recall[i];
      sumSq += (double) recall[i] * recall[i];
      dist += computed[i];
    }
    double mean = sum / n;
    double variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
    float[] sorted = recall.clone();
    Arrays.sort(sorted);
    return new float[] {(float) mean, (float) Math.sqrt(variance / n), sorted[(int) Math.floor(0.1 * (n - 1))],
        (float) (dist / n)};
  }
}
