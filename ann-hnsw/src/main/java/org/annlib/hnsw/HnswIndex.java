package org.annlib.hnsw;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Hierarchical navigable small-world graph (Malkov and Yashunin, 2016), with hnswlib's parameter
 * names and meanings (see docs/parameters.md). Built concurrently by {@link HnswIndexBuilder};
 * searches are thread-safe and may run while {@link #add} inserts; {@link #delete} marks ids
 * deleted (never returned, still used for navigation). {@link #save} writes one checksummed file
 * atomically; {@link #load} reads it onto the heap and {@link #map} memory-maps it, so an index
 * larger than the heap can be searched.
 */
public final class HnswIndex implements Index, Closeable {
  private final Metric metric;
  private final int dimension;
  private final HnswConfig config;
  private final HnswStrategySet strategies;
  /** What searches read; republished when codes or seeds change (end of build, load). */
  private volatile HnswView view;
  private final VectorValues vectors;
  /** The vectors when they can grow (heap pages); null over read-only vectors (mapped, or the caller's). */
  private final PagedVectorValues heapVectors;
  private final HnswGraph graph;
  private final OnHeapHnswGraph mutableGraph;
  private final DeletedSet deleted;
  private final Arena arena;
  private final Object entryLock = new Object();
  private final Object appendLock = new Object();
  private final ReentrantReadWriteLock growLock = new ReentrantReadWriteLock();
  private final ConcurrentLinkedDeque<HnswInserter> inserters = new ConcurrentLinkedDeque<>();
  private final SearcherPool pool = new SearcherPool(() -> new HnswSearcher(this::view));

  HnswIndex(Metric metric, HnswConfig config, HnswStrategySet strategies, VectorValues vectors, HnswGraph graph,
      DeletedSet deleted, Arena arena) {
    this.metric = metric;
    this.dimension = vectors.dimension();
    this.config = config;
    this.strategies = strategies;
    this.vectors = vectors;
    this.heapVectors = vectors instanceof PagedVectorValues p ? p : null;
    this.graph = graph;
    this.mutableGraph = graph instanceof OnHeapHnswGraph g ? g : null;
    this.deleted = deleted;
    this.arena = arena;
    this.view = new HnswView(metric, dimension, config, strategies, graph, vectors, null, new int[0], deleted);
  }

  /** A builder with hnswlib's defaults: M=16, efConstruction=200, ef=64. */
  public static HnswIndexBuilder builder(Metric metric) {
    return new HnswIndexBuilder(metric);
  }

  /** Reads a saved index onto the heap; it can then grow with {@link #add}. */
  public static HnswIndex load(Path file) throws IOException {
    return HnswFormat.read(file, false);
  }

  /**
   * Memory-maps a saved index: vectors and level 0 stay in the file's pages, so the index may be
   * larger than the heap. Read-only apart from {@link #delete}; {@link #close} unmaps it.
   */
  public static HnswIndex map(Path file) throws IOException {
    return HnswFormat.read(file, true);
  }

  /** Writes the index to {@code file} atomically (temp file, fsync, rename); inserts wait meanwhile. */
  public void save(Path file) throws IOException {
    growLock.writeLock().lock();
    try {
      HnswFormat.write(this, file);
    } finally {
      growLock.writeLock().unlock();
    }
  }

  /**
   * Inserts a vector and returns its id. Validates first, so a bad vector changes nothing. Safe to
   * call from many threads, and while searches run.
   *
   * @throws UnsupportedOperationException on a memory-mapped index
   */
  public int add(float[] vector) {
    if (mutableGraph == null) {
      throw new UnsupportedOperationException("a memory-mapped HnswIndex is read-only; load it onto the heap to add");
    }
    if (heapVectors == null) {
      throw new UnsupportedOperationException("this HnswIndex keeps its vectors off the heap (storage OFF_HEAP or"
          + " IN_PLACE), which it cannot grow; build it with storage(VectorStorage.HEAP) to add");
    }
    float[] stored = VectorChecks.prepare(vector, dimension, metric, "vector");
    int id;
    synchronized (appendLock) {
      int need = heapVectors.size() + 1;
      if (need > mutableGraph.capacity()) {
        growLock.writeLock().lock();
        try {
          mutableGraph.ensureCapacity(need);
          deleted.ensureCapacity(need);
        } finally {
          growLock.writeLock().unlock();
        }
      }
      CodeStore c = view.codes();
      if (c != null) {
        c.append(stored); // before the vector: a node is encoded before any search can reach it
      }
      id = heapVectors.add(stored);
    }
    insertNode(id);
    return id;
  }

  void insertNode(int id) {
    growLock.readLock().lock();
    try {
      HnswInserter ins = inserters.pollFirst();
      if (ins == null) {
        ins = new HnswInserter(view, entryLock);
      }
      try {
        ins.insert(id, HnswLevels.level(config.seed(), id, config.levelMultiplier()));
      } finally {
        inserters.offerFirst(ins);
      }
    } finally {
      growLock.readLock().unlock();
    }
  }

  /**
   * Marks {@code id} deleted: it is never returned again but still routes searches, as in
   * hnswlib's mark_deleted. Returns whether it was live.
   */
  public boolean delete(int id) {
    if (id < 0 || id >= size()) {
      throw new IllegalArgumentException("id " + id + " out of range [0, " + size() + ")");
    }
    return deleted.add(id);
  }

  public boolean isDeleted(int id) {
    return deleted.contains(id);
  }

  /** Vectors stored and not deleted. */
  public int liveCount() {
    return size() - deleted.count();
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return vectors.size();
  }

  /** The build and search parameters. */
  public HnswConfig config() {
    return config;
  }

  @Override
  public long ramBytesUsed() {
    long graphBytes = mutableGraph != null ? mutableGraph.ramBytesUsed() : ((MappedHnswGraph) graph).ramBytesUsed();
    CodeStore c = view.codes();
    return vectors.ramBytesUsed() + graphBytes + deleted.ramBytesUsed() + (c == null ? 0 : c.ramBytesUsed());
  }

  @Override
  public Searcher searcher() {
    return new HnswSearcher(this::view);
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  /** Unmaps a memory-mapped index; searching it afterwards throws. A heap index has nothing to release. */
  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }

  HnswGraph graph() {
    return graph;
  }

  VectorValues vectors() {
    return vectors;
  }

  /** The strategy of each role this index was built with (and searches with). */
  public HnswStrategySet strategies() {
    return strategies;
  }

  /**
   * Derives what searches read besides the graph and vectors (end of build, load): the first-pass
   * codes when the strategies ask for them ({@code stored}, read from a file, or encoded now when
   * null), and the entry strategy's extra seeds.
   */
  void prepareSearch(CodeStore stored) {
    int bits = strategies.codes().bits(dimension);
    CodeStore codes = bits == 0 ? null : stored != null ? stored : CodeStore.encode(metric, vectors, bits, config.seed());
    int[] seeds = strategies.entry().choose(graph, size(), view::distanceBetween);
    view = view.withSearchData(codes, seeds);
  }

  /** The current view: what a search or an insert reads. */
  HnswView view() {
    return view;
  }

  /** Applies a level-0 list order to every node (the end of a build). */
  void reorderLevelZero(ListOrder order, int threads) {
    int n = size();
    HnswView v = view;
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    org.annlib.util.Parallel.run(Math.min(threads, Math.max(1, n / 1024)), "hnsw-order", () -> {
      int[] ids = new int[graph.maxDegree0()];
      float[] dist = new float[ids.length];
      for (int node; (node = next.getAndIncrement()) < n; ) {
        int count = mutableGraph.neighbors(node, 0, ids);
        for (int i = 0; i < count; i++) {
          dist[i] = v.distanceBetween(node, ids[i]);
        }
        order.order(ids, dist, count);
        mutableGraph.setNeighbors(node, 0, ids, count);
      }
    });
  }

  DeletedSet deletedSet() {
    return deleted;
  }
}
