package org.annlib.ivf;

import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.NodeQueue;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;

/**
 * Inverted-file index: vectors grouped by k-means partition and stored flat, one contiguous block
 * in partition order ({@code offsets[p]..offsets[p+1]} is partition p, {@code ids} maps a row back
 * to its id). A query asks the {@link Router} for scores, scans the {@code nprobe} best partitions
 * with the batched SIMD kernel and keeps the exact top k of what it scanned. Read-only after build.
 */
public final class IvfIndex implements Index {
  private final Metric metric;
  private final Router router;
  private final FlatVectorValues rows;
  private final int[] ids;
  private final int[] offsets;
  private final float[] centroids;
  private final int defaultNprobe;
  private final int largestList;
  private final SearcherPool pool = new SearcherPool(IvfSearcher::new);

  IvfIndex(Metric metric, Router router, FlatVectorValues rows, int[] ids, int[] offsets, float[] centroids,
      int defaultNprobe) {
    this.metric = metric;
    this.router = router;
    this.rows = rows;
    this.ids = ids;
    this.offsets = offsets;
    this.centroids = centroids;
    this.defaultNprobe = defaultNprobe;
    int largest = 0;
    for (int p = 0; p + 1 < offsets.length; p++) {
      largest = Math.max(largest, offsets[p + 1] - offsets[p]);
    }
    this.largestList = largest;
  }

  public static IvfIndexBuilder builder(Metric metric) {
    return new IvfIndexBuilder(metric);
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int dimension() {
    return rows.dimension();
  }

  @Override
  public int size() {
    return rows.size();
  }

  /** Number of partitions (nlist). */
  public int partitions() {
    return offsets.length - 1;
  }

  /** Vectors in partition {@code p}, for the list-size distribution. */
  public int partitionSize(int p) {
    return offsets[p + 1] - offsets[p];
  }

  public Router router() {
    return router;
  }

  @Override
  public long ramBytesUsed() {
    return rows.ramBytesUsed() + 4L * ids.length + 4L * offsets.length + 4L * centroids.length * 3;
  }

  @Override
  public Searcher searcher() {
    return new IvfSearcher();
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  private final class IvfSearcher implements Searcher {
    private final float[] scores = new float[Math.max(1, partitions())];
    private final float[] distances = new float[Math.max(1, largestList)];
    private final int[] probe = new int[Math.max(1, partitions())];
    private final float[] probeScores = new float[Math.max(1, partitions())];
    private final NodeQueue best = NodeQueue.maxHeap(16);
    private final NodeQueue top = NodeQueue.maxHeap(16);

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      VectorChecks.checkK(k);
      float[] q = VectorChecks.prepare(query, dimension(), metric, "query");
      if (size() == 0) {
        return SearchResult.empty();
      }
      int nprobe = Math.min(partitions(), params.nprobe() > 0 ? params.nprobe() : defaultNprobe);
      router.scores(q, scores);
      best.clear();
      for (int p = 0; p < partitions(); p++) {
        best.insertWithOverflow(p, -scores[p], nprobe); // keeps the highest scores
      }
      int lists = best.drainAscending(probe, probeScores);
      VectorScorer scorer = rows.scorer(metric, q);
      Bits filter = params.filter();
      top.clear();
      long computed = partitions();
      for (int i = 0; i < lists; i++) {
        int from = offsets[probe[i]];
        int to = offsets[probe[i] + 1];
        scorer.distances(from, to, distances);
        computed += to - from;
        for (int r = 0; r < to - from; r++) {
          int id = ids[from + r];
          if (filter == null || filter.get(id)) {
            top.insertWithOverflow(id, distances[r], k);
          }
        }
      }
      int[] outIds = new int[top.size()];
      float[] outDist = new float[outIds.length];
      top.drainAscending(outIds, outDist);
      return new SearchResult(outIds, outDist, computed);
    }
  }
}
