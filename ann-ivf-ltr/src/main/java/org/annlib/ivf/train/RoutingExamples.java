package org.annlib.ivf.train;

import java.util.Arrays;

/**
 * Training examples for a router: queries (row-major, {@code size x dim}) and, per query, a soft
 * label over partitions stored sparsely ({@code parts/weights[offsets[i]..offsets[i+1]]}). With
 * top-1 labels a query has one partition of weight 1 (the paper's one-hot target); with top-k
 * labels partition j has weight "share of the exact top k that lives in j" (arXiv 2404.11731; docs/ivf-ltr.md),
 * so the label mass a router captures in its first l partitions is recall@k at nprobe l.
 */
public record RoutingExamples(float[] queries, int dim, int[] offsets, int[] parts, float[] weights) {
  public int size() {
    return offsets.length - 1;
  }

  /**
   * @param neighbours per query, its exact nearest base ids, best first (the query's own id already
   *     removed when queries are base vectors)
   * @param assignment partition of every base id
   * @param k labels come from the first {@code k} neighbours (1 = the paper's top-1 label)
   */
  public static RoutingExamples fromNeighbours(float[] queries, int dim, int[][] neighbours, int[] assignment, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("label depth k must be positive, got " + k);
    }
    int n = neighbours.length;
    if (queries.length != n * dim) {
      throw new IllegalArgumentException(queries.length + " query floats for " + n + " queries of dimension " + dim);
    }
    int[] offsets = new int[n + 1];
    int[] parts = new int[n * k];
    float[] weights = new float[n * k];
    int at = 0;
    int[] buf = new int[k];
    for (int i = 0; i < n; i++) {
      int m = Math.min(k, neighbours[i].length);
      if (m == 0) {
        throw new IllegalArgumentException("query " + i + " has no neighbours to label it with");
      }
      for (int t = 0; t < m; t++) {
        buf[t] = assignment[neighbours[i][t]];
      }
      Arrays.sort(buf, 0, m);
      for (int t = 0; t < m; ) {
        int u = t;
        while (u < m && buf[u] == buf[t]) {
          u++;
        }
        parts[at] = buf[t];
        weights[at++] = (float) (u - t) / m;
        t = u;
      }
      offsets[i + 1] = at;
    }
    return new RoutingExamples(queries, dim, offsets, Arrays.copyOf(parts, at), Arrays.copyOf(weights, at));
  }

  /** The examples at {@code rows}, in that order. */
  public RoutingExamples select(int[] rows) {
    float[] q = new float[rows.length * dim];
    int[] off = new int[rows.length + 1];
    int total = 0;
    for (int r : rows) {
      total += offsets[r + 1] - offsets[r];
    }
    int[] p = new int[total];
    float[] w = new float[total];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      System.arraycopy(queries, r * dim, q, i * dim, dim);
      int len = offsets[r + 1] - offsets[r];
      System.arraycopy(parts, offsets[r], p, off[i], len);
      System.arraycopy(weights, offsets[r], w, off[i], len);
      off[i + 1] = off[i] + len;
    }
    return new RoutingExamples(q, dim, off, p, w);
  }

  /** Copies query {@code i} into {@code out}. */
  public void query(int i, float[] out) {
    System.arraycopy(queries, i * dim, out, 0, dim);
  }
}
