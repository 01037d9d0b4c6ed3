package org.annlib.exact;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.util.NodeQueue;
import org.annlib.util.Workers;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * Exact top-k for a whole query set, on all cores. Queries are processed in groups against
 * blocks of base rows small enough to stay in L2, so each base row is read from memory once per
 * group instead of once per query; on 60,000 x 784 base vectors that is the difference between
 * memory-bound and compute-bound. Ties at equal distance go to the lower base id.
 */
public final class GroundTruth {
  private static final int QUERY_GROUP = 16;
  private static final int BLOCK_BYTES = 256 * 1024;

  private GroundTruth() {}

  /**
   * @param base vectors as given (raw; normalised here under COSINE)
   * @param queries queries as given
   */
  public static Neighbors compute(
      VectorValues base, VectorValues queries, Metric metric, int k, int threads, ProgressListener progress) {
    return compute(base, queries, metric, k, Workers.of(threads), progress);
  }

  /**
   * As {@link #compute(VectorValues, VectorValues, Metric, int, int, ProgressListener)}, as
   * {@code threads} tasks on the caller's {@code executor} ({@code null}: threads of its own).
   */
  public static Neighbors compute(VectorValues base, VectorValues queries, Metric metric, int k, Executor executor,
      int threads, ProgressListener progress) {
    return compute(base, queries, metric, k, Workers.on(executor, threads), progress);
  }

  private static Neighbors compute(
      VectorValues base, VectorValues queries, Metric metric, int k, Workers workers, ProgressListener progress) {
    VectorChecks.checkK(k);
    if (base.dimension() != queries.dimension()) {
      throw new IllegalArgumentException(
          "query dimension " + queries.dimension() + " does not match base dimension " + base.dimension());
    }
    VectorValues stored = metric == Metric.COSINE ? normalised(base) : base;
    int nq = queries.size();
    int dim = base.dimension();
    int kk = Math.min(k, base.size());
    int[][] ids = new int[nq][];
    float[][] dists = new float[nq][];
    int rowsPerBlock = Math.max(16, BLOCK_BYTES / (4 * dim));
    int groups = (nq + QUERY_GROUP - 1) / QUERY_GROUP;
    AtomicInteger nextGroup = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    Runnable worker =
        () -> {
          float[] buf = new float[rowsPerBlock];
          NodeQueue[] heaps = new NodeQueue[QUERY_GROUP];
          VectorScorer[] scorers = new VectorScorer[QUERY_GROUP];
          for (int i = 0; i < QUERY_GROUP; i++) {
            heaps[i] = NodeQueue.maxHeap(kk + 1);
          }
          for (int g; (g = nextGroup.getAndIncrement()) < groups; ) {
            int q0 = g * QUERY_GROUP;
            int qn = Math.min(QUERY_GROUP, nq - q0);
            for (int j = 0; j < qn; j++) {
              float[] q = VectorChecks.prepare(queries.vector(q0 + j), dim, metric, "query " + (q0 + j));
              scorers[j] = stored.scorer(metric, q);
              heaps[j].clear();
            }
            int n = stored.size();
            for (int from = 0; from < n; from += rowsPerBlock) {
              int to = Math.min(n, from + rowsPerBlock);
              for (int j = 0; j < qn; j++) {
                scorers[j].distances(from, to, buf);
                NodeQueue h = heaps[j];
                for (int r = 0; r < to - from; r++) {
                  h.insertWithOverflow(from + r, buf[r], kk);
                }
              }
            }
            for (int j = 0; j < qn; j++) {
              int[] qi = new int[heaps[j].size()];
              float[] qd = new float[qi.length];
              heaps[j].drainAscending(qi, qd);
              ids[q0 + j] = qi;
              dists[q0 + j] = qd;
            }
            progress.progress("ground truth", done.addAndGet(qn), nq);
          }
        };
    workers.run("ground-truth", worker);
    return new Neighbors(ids, dists);
  }

  private static VectorValues normalised(VectorValues base) {
    int dim = base.dimension();
    // heap pages: no n x dim ceiling
    PagedVectorValues out = new PagedVectorValues(dim, Math.max(16, base.size()));
    for (int i = 0; i < base.size(); i++) {
      out.add(VectorChecks.prepare(base.vector(i), dim, Metric.COSINE, "vector " + i));
    }
    return out;
  }
}
