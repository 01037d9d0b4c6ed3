package org.annlib.hnsw;

import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.StoredVectors;
import org.annlib.vectors.VectorStorage;
import org.annlib.vectors.VectorValues;

/**
 * Builds an {@link HnswIndex}: validates every vector first (so a bad one fails the build before
 * any work), stores them, inserts node 0, then inserts the rest on {@link #threads} threads with
 * per-node locking. A single-threaded build is deterministic for a given seed; a concurrent build
 * differs only in insertion order, and its recall matches within noise (tested).
 */
public final class HnswIndexBuilder implements IndexBuilder<HnswIndex> {
  private final Metric metric;
  private int m = 16;
  private int efConstruction = 200;
  private int ef = 64;
  private long seed = 42;
  private HnswStrategySet strategies = HnswStrategySet.DEFAULT;
  private int threads = Runtime.getRuntime().availableProcessors();
  private ProgressListener progress = ProgressListener.NONE;
  private java.util.concurrent.Executor executor;
  private VectorStorage storage = VectorStorage.AUTO;
  private long pageBytes = PagedVectorValues.DEFAULT_PAGE_BYTES;

  HnswIndexBuilder(Metric metric) {
    if (metric == null) {
      throw new NullPointerException("metric is null");
    }
    this.metric = metric;
  }

  /** Neighbours per node above level 0 (level 0 keeps 2M); hnswlib's M. Default 16. */
  public HnswIndexBuilder m(int m) {
    this.m = m;
    return this;
  }

  /** Beam width while inserting; higher builds a better graph, slower. Default 200. */
  public HnswIndexBuilder efConstruction(int efConstruction) {
    this.efConstruction = efConstruction;
    return this;
  }

  /** Default search beam width when a query does not set one. Default 64. */
  public HnswIndexBuilder ef(int ef) {
    this.ef = ef;
    return this;
  }

  /** Seed of the level generator. Default 42. */
  public HnswIndexBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Fill free slots with pruned candidates after the heuristic (the paper's option). Default false. */
  public HnswIndexBuilder keepPrunedConnections(boolean keep) {
    return strategy(NeighborSelector.ROLE, keep ? "heuristic-keep-pruned" : "heuristic");
  }

  /**
   * Replaces the neighbour-selection strategy. To be saved and loaded, it must also be registered
   * by name through an {@link HnswStrategyProvider}.
   */
  public HnswIndexBuilder neighborSelector(NeighborSelector selector) {
    return strategy(selector);
  }

  /**
   * Puts {@code strategy} in the role it declares. To be saved and loaded, it must also be
   * registered by name through an {@link HnswStrategyProvider}.
   */
  public HnswIndexBuilder strategy(HnswStrategy strategy) {
    this.strategies = strategies.with(strategy);
    return this;
  }

  /**
   * Starts from a named preset ({@link HnswStrategies#presets()}): "default" is plain HNSW;
   * ann-crinn-variants adds CRINN's. Strategies set afterwards override the preset's.
   */
  public HnswIndexBuilder preset(String name) {
    this.strategies = HnswStrategySet.DEFAULT.with(HnswStrategies.preset(name));
    return this;
  }

  /** Selects the strategy named {@code name} for {@code role} (one of {@link HnswStrategies#ROLES}). */
  public HnswIndexBuilder strategy(String role, String name) {
    this.strategies = strategies.with(role, name);
    return this;
  }

  /**
   * Where the index keeps its vectors (default {@link VectorStorage#AUTO}: a mapped or off-heap
   * source is searched in place, a heap source is copied onto heap pages).
   */
  public HnswIndexBuilder storage(VectorStorage storage) {
    if (storage == null) {
      throw new NullPointerException("storage is null");
    }
    this.storage = storage;
    return this;
  }

  /**
   * Largest heap page of vectors, in bytes (default 1 GiB). Smaller pages waste less when an
   * index grows; a set that fits one page is scored as one flat block, slightly faster.
   */
  public HnswIndexBuilder pageBytes(long pageBytes) {
    if (pageBytes <= 0) {
      throw new IllegalArgumentException("pageBytes must be positive, got " + pageBytes);
    }
    this.pageBytes = pageBytes;
    return this;
  }

  @Override
  public HnswIndexBuilder threads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
    return this;
  }

  @Override
  public HnswIndexBuilder executor(java.util.concurrent.Executor executor) {
    this.executor = executor;
    return this;
  }

  @Override
  public HnswIndexBuilder progress(ProgressListener listener) {
    this.progress = listener == null ? ProgressListener.NONE : listener;
    return this;
  }

  /** Every role's strategy at once (a compaction keeps the strategies of the index it rewrites). */
  HnswIndexBuilder strategies(HnswStrategySet set) {
    this.strategies = set;
    return this;
  }

  /**
   * Builds from {@code source}, vector {@code i} under {@code ids[i]} (or {@code i} when {@code
   * ids} is null); ids are checked (count, duplicates) before any work.
   */
  @Override
  public HnswIndex build(VectorValues source, long[] ids) {
    HnswConfig config = new HnswConfig(m, efConstruction, ef, seed, 1 / Math.log(m));
    int n = source.size();
    IdMap idMap = IdMap.forBuild(ids, n);
    StoredVectors stored = StoredVectors.of(source, metric, storage, pageBytes);
    OnHeapHnswGraph graph = new OnHeapHnswGraph(m, Math.max(16, n));
    HnswIndex index = new HnswIndex(metric, config, strategies, stored.vectors(), graph, new DeletedSet(n), idMap,
        stored.arena());
    if (n == 0) {
      index.prepareSearch(null);
      return index;
    }
    index.insertNode(0);
    AtomicInteger next = new AtomicInteger(1);
    AtomicLong done = new AtomicLong(1);
    Runnable worker = () -> {
      for (int id; (id = next.getAndIncrement()) < n; ) {
        index.insertNode(id);
        long d = done.incrementAndGet();
        if ((d & 1023) == 0 || d == n) {
          progress.progress("build hnsw", d, n);
        }
      }
    };
    Workers workers = Workers.on(executor, threads);
    workers.atMost(n).run("hnsw-build", worker);
    if (strategies.listOrder().reorders()) {
      index.reorderLevelZero(strategies.listOrder(), workers);
    }
    index.prepareSearch(null);
    progress.progress("build hnsw", n, n);
    return index;
  }
}
