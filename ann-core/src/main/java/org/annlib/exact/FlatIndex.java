package org.annlib.exact;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.annlib.Bits;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.UpdatableIndex;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.util.LiveIds;
import org.annlib.util.NodeQueue;
import org.annlib.QueryBudget;
import org.annlib.util.RangeHits;
import org.annlib.util.SearcherPool;
import org.annlib.util.SlotWrites;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.StoredVectors;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorStorage;
import org.annlib.vectors.VectorValues;

/**
 * Exact brute-force search: the oracle every approximate index is tested against (hnswlib's
 * BFIndex). Results are the exact top-k under (distance, ordinal) order, so ties go to the vector
 * stored first. Vectors are added, replaced and deleted by id at any time (one writer at a time,
 * searches concurrent); a deleted vector's slot is reused by the next add. {@link #save} writes
 * one checksummed file; {@link #load} reads it onto the heap, {@link #map} searches it in place.
 */
public final class FlatIndex implements UpdatableIndex, Closeable {
  /** Rows scored per batch: 256 distances stay in L1 while the batch kernel streams rows. */
  private static final int BLOCK = 256;

  private final Metric metric;
  private final VectorValues vectors;
  /** The vectors when they can change; null over read-only vectors (wrapped or mapped). */
  private final PagedVectorValues heap;
  private final IdMap ids;
  private final DeletedSet deleted;
  private final LiveIds live;
  private final Arena arena;
  private final SlotWrites slots = new SlotWrites();
  private final SearcherPool pool = new SearcherPool(FlatSearcher::new);

  /** {@code heap} is {@code vectors} when the index may change them, else null. */
  FlatIndex(Metric metric, VectorValues vectors, PagedVectorValues heap, IdMap ids, DeletedSet deleted, Arena arena) {
    this.metric = metric;
    this.vectors = vectors;
    this.heap = heap;
    this.ids = ids;
    this.deleted = deleted;
    this.live = new LiveIds(ids, deleted);
    this.arena = arena;
  }

  public static Builder builder(Metric metric) {
    return new Builder(metric);
  }

  /** An empty index that grows with {@link #add}. */
  public static FlatIndex create(Metric metric, int dimension) {
    PagedVectorValues v = new PagedVectorValues(dimension, 16);
    return new FlatIndex(metric, v, v, IdMap.identity(0), new DeletedSet(16), null);
  }

  /**
   * Searches {@code vectors} in place (for example an off-heap, memory-mapped set) without a copy,
   * vector {@code i} under id {@code i}. The vectors must already be in stored form: finite, and
   * unit length under COSINE. Vectors cannot be added; deletes are kept in memory.
   */
  public static FlatIndex wrap(Metric metric, VectorValues vectors) {
    return new FlatIndex(metric, vectors, null, IdMap.identity(vectors.size()), new DeletedSet(vectors.size()), null);
  }

  /** Reads a saved index onto the heap, where it can change. */
  public static FlatIndex load(Path file) throws IOException {
    return FlatFormat.read(file, false);
  }

  /** Memory-maps a saved index and searches its vectors in place; {@link #close} unmaps it. */
  public static FlatIndex map(Path file) throws IOException {
    return FlatFormat.read(file, true);
  }

  /** Writes the index to {@code file} atomically (temp file, fsync, rename). */
  public synchronized void save(Path file) throws IOException {
    FlatFormat.write(this, file);
  }

  @Override
  public synchronized void add(long id, float[] vector) {
    float[] stored = prepare(vector);
    live.requireAbsent(id);
    place(id, stored);
  }

  @Override
  public synchronized long add(float[] vector) {
    float[] stored = prepare(vector);
    long id = live.nextId();
    place(id, stored);
    return id;
  }

  @Override
  public synchronized boolean upsert(long id, float[] vector) {
    float[] stored = prepare(vector);
    int at = live.ordinal(id);
    if (at >= 0) {
      slots.write(() -> heap.set(at, stored));
      return true;
    }
    place(id, stored);
    return false;
  }

  @Override
  public synchronized boolean delete(long id) {
    return live.delete(id) >= 0;
  }

  @Override
  public boolean contains(long id) {
    return live.ordinal(id) >= 0;
  }

  @Override
  public float[] vector(long id) {
    int at = live.require(id);
    return slots.read(() -> vectors.vector(at));
  }

  @Override
  public int liveCount() {
    return vectors.size() - deleted.count();
  }

  /** Validated and in stored form, before anything changes; a read-only index says so first. */
  private float[] prepare(float[] vector) {
    if (heap == null) {
      throw new UnsupportedOperationException("this FlatIndex is read-only (wrapped or memory-mapped vectors);"
          + " load it, or build it, to change it");
    }
    return VectorChecks.prepare(vector, dimension(), metric, "vector");
  }

  /** Stores a new id's vector in the lowest deleted slot, or at the end. Caller holds the monitor. */
  private void place(long id, float[] stored) {
    int slot = deleted.first(heap.size());
    if (slot >= 0) {
      slots.write(() -> {
        heap.set(slot, stored);
        ids.put(slot, id);
        deleted.remove(slot);
      });
    } else {
      ids.put(heap.size(), id); // before the vector: a search that sees the row sees its id
      deleted.ensureCapacity(heap.size() + 1);
      heap.add(stored);
    }
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

  /** The stored vectors by ordinal (normalised under COSINE), deleted slots included. */
  public VectorValues vectors() {
    return vectors;
  }

  IdMap ids() {
    return ids;
  }

  DeletedSet deletedSet() {
    return deleted;
  }

  @Override
  public long ramBytesUsed() {
    return vectors.ramBytesUsed() + ids.ramBytesUsed() + deleted.ramBytesUsed() + 64;
  }

  @Override
  public Searcher searcher() {
    return new FlatSearcher();
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  /** Exact: every accepted vector within {@code radius}. */
  @Override
  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    return pool.rangeSearch(query, radius, params);
  }

  /** Unmaps a memory-mapped index; searching it afterwards throws. Other indexes hold nothing to release. */
  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }

  private final class FlatSearcher implements Searcher {
    private final float[] block = new float[BLOCK];
    private final int[] rows = new int[BLOCK];
    private final NodeQueue top = NodeQueue.maxHeap(16);
    private final RangeHits hits = new RangeHits();
    private final QueryBudget account = new QueryBudget();

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      VectorChecks.checkSearch(k, params);
      float[] q = VectorChecks.prepare(query, dimension(), metric, "query");
      return slots.read(() -> {
        top.clear();
        QueryBudget budget = account.start(params);
        long computed = scan(q, params.filter(), budget, k, Float.NaN);
        int[] ords = new int[top.size()];
        float[] dist = new float[ords.length];
        top.drainAscending(ords, dist);
        return new SearchResult(ids.ids(ords, ords.length), dist, computed, budget == null || !budget.exhausted());
      });
    }

    @Override
    public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
      VectorChecks.checkRange(radius, params);
      float[] q = VectorChecks.prepare(query, dimension(), metric, "query");
      return slots.read(() -> {
        hits.clear();
        QueryBudget budget = account.start(params);
        long computed = scan(q, params.filter(), budget, 0, radius);
        int[] ords = hits.sortedOrdinals();
        return new SearchResult(ids.ids(ords, ords.length), hits.sortedDistances(), computed,
            budget == null || !budget.exhausted());
      });
    }

    /**
     * Scores the accepted rows block by block (the batched kernel, filtered or not) into the best
     * {@code k}, or with {@code k == 0} into the hits within {@code radius}; a budget stops it
     * between blocks, and a visit limit trims the last block. Returns the rows scored.
     */
    private long scan(float[] q, Bits filter, QueryBudget budget, int k, float radius) {
      int n = vectors.size();
      if (n == 0) {
        return 0;
      }
      VectorScorer scorer = vectors.scorer(metric, q);
      boolean every = filter == null && deleted.count() == 0;
      long computed = 0;
      int ord = 0;
      while (ord < n) {
        int room = budget == null ? BLOCK : (int) Math.min(BLOCK, budget.remaining());
        int m = 0;
        int first = ord;
        if (every) {
          m = Math.min(room, n - ord);
          scorer.distances(ord, ord + m, block);
          ord += m;
        } else {
          for (; ord < n && m < room; ord++) {
            if (!deleted.contains(ord) && (filter == null || filter.get(ids.id(ord)))) {
              rows[m++] = ord;
            }
          }
          scorer.distances(rows, m, block);
        }
        for (int i = 0; i < m; i++) {
          int row = every ? first + i : rows[i];
          if (k > 0) {
            top.insertWithOverflow(row, block[i], k);
          } else if (block[i] <= radius) {
            hits.add(row, block[i]);
          }
        }
        computed += m;
        if (budget != null && ord < n && budget.spend(m)) {
          break;
        }
      }
      return computed;
    }
  }

  /** Copies the given vectors into the index; validates every vector and id before storing any. */
  public static final class Builder implements IndexBuilder<FlatIndex> {
    private final Metric metric;

    private Builder(Metric metric) {
      if (metric == null) {
        throw new NullPointerException("metric is null");
      }
      this.metric = metric;
    }

    private ProgressListener progress = ProgressListener.NONE;

    @Override
    public Builder threads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive, got " + threads);
      }
      return this;
    }

    /** A flat build is one copy on the caller's thread (bound by memory bandwidth); nothing runs on it. */
    @Override
    public Builder executor(java.util.concurrent.Executor executor) {
      return this;
    }

    @Override
    public Builder progress(ProgressListener listener) {
      this.progress = listener == null ? ProgressListener.NONE : listener;
      return this;
    }

    /** Reports step "build flat" before and after the copy. */
    @Override
    public FlatIndex build(VectorValues source, long[] ids) {
      IdMap idMap = IdMap.forBuild(ids, source.size());
      progress.progress("build flat", 0, source.size());
      StoredVectors stored = StoredVectors.of(source, metric, VectorStorage.HEAP);
      PagedVectorValues v = (PagedVectorValues) stored.vectors();
      progress.progress("build flat", source.size(), source.size());
      return new FlatIndex(metric, v, v, idMap, new DeletedSet(source.size()), null);
    }
  }
}
