package org.annlib.exact;

import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.NodeQueue;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Exact brute-force search: the oracle every approximate index is tested against (hnswlib's
 * BFIndex). Results are the exact top-k under (distance, id) order, so ties go to the lower id.
 * Vectors can be appended at any time ({@link #add}, single writer) while searches run.
 */
public final class FlatIndex implements Index {
  /** Rows scored per batch: 256 distances stay in L1 while the batch kernel streams rows. */
  private static final int BLOCK = 256;

  private final Metric metric;
  private final VectorValues vectors;
  private final FlatVectorValues appendable;
  private final SearcherPool pool = new SearcherPool(FlatSearcher::new);

  private FlatIndex(Metric metric, VectorValues vectors, FlatVectorValues appendable) {
    this.metric = metric;
    this.vectors = vectors;
    this.appendable = appendable;
  }

  public static Builder builder(Metric metric) {
    return new Builder(metric);
  }

  /** An empty index that grows with {@link #add}. */
  public static FlatIndex create(Metric metric, int dimension) {
    FlatVectorValues v = new FlatVectorValues(dimension, 16);
    return new FlatIndex(metric, v, v);
  }

  /**
   * Searches {@code vectors} in place (for example an off-heap, memory-mapped set) without a copy.
   * The vectors must already be in stored form: finite, and unit length under COSINE. The index
   * is read-only.
   */
  public static FlatIndex wrap(Metric metric, VectorValues vectors) {
    return new FlatIndex(metric, vectors, null);
  }

  /**
   * Appends a vector and returns its id. Validates first, so a bad vector changes nothing.
   *
   * @throws UnsupportedOperationException on a {@link #wrap wrapped} index
   */
  public synchronized int add(float[] vector) {
    if (appendable == null) {
      throw new UnsupportedOperationException("a wrapped FlatIndex is read-only");
    }
    return appendable.add(VectorChecks.prepare(vector, dimension(), metric, "vector"));
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int dimension() {
    return vectors.dimension();
  }

  @Override
  public int size() {
    return vectors.size();
  }

  /** The stored vectors (normalised under COSINE). */
  public VectorValues vectors() {
    return vectors;
  }

  @Override
  public long ramBytesUsed() {
    return vectors.ramBytesUsed() + 64;
  }

  @Override
  public Searcher searcher() {
    return new FlatSearcher();
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  private final class FlatSearcher implements Searcher {
    private final float[] block = new float[BLOCK];
    private final NodeQueue top = NodeQueue.maxHeap(16);

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      VectorChecks.checkSearch(k, params);
      float[] q = VectorChecks.prepare(query, dimension(), metric, "query");
      int n = vectors.size();
      if (n == 0) {
        return SearchResult.empty();
      }
      VectorScorer scorer = vectors.scorer(metric, q);
      Bits filter = params.filter();
      top.clear();
      long computed = 0;
      if (filter == null) {
        for (int from = 0; from < n; from += BLOCK) {
          int to = Math.min(n, from + BLOCK);
          scorer.distances(from, to, block);
          for (int i = 0; i < to - from; i++) {
            top.insertWithOverflow(from + i, block[i], k);
          }
        }
        computed = n;
      } else {
        for (int id = 0; id < n; id++) {
          if (filter.get(id)) {
            top.insertWithOverflow(id, scorer.distance(id), k);
            computed++;
          }
        }
      }
      int[] ids = new int[top.size()];
      float[] dist = new float[top.size()];
      top.drainAscending(ids, dist);
      return new SearchResult(ids, dist, computed);
    }
  }

  /** Copies the given vectors into the index; validates every vector before storing any. */
  public static final class Builder implements IndexBuilder<FlatIndex> {
    private final Metric metric;

    private Builder(Metric metric) {
      if (metric == null) {
        throw new NullPointerException("metric is null");
      }
      this.metric = metric;
    }

    @Override
    public Builder threads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      return this;
    }

    @Override
    public Builder progress(ProgressListener listener) {
      return this;
    }

    @Override
    public FlatIndex build(VectorValues source) {
      int n = source.size();
      int dim = source.dimension();
      float[] block = new float[Math.multiplyExact(n, dim)];
      float[] row = new float[dim];
      for (int i = 0; i < n; i++) {
        source.copyTo(i, row, 0);
        float[] stored = VectorChecks.prepare(row, dim, metric, "vector " + i);
        System.arraycopy(stored, 0, block, i * dim, dim);
      }
      FlatVectorValues v = FlatVectorValues.wrap(block, dim);
      return new FlatIndex(metric, v, v);
    }
  }
}
