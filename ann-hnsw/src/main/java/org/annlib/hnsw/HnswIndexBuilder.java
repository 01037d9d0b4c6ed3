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
    return build(source, ids, null, null);
  }

  /**
   * Whether {@link #build(VectorValues, HnswIndex, int[])} can start from {@code seed}'s graph:
   * the same metric, M and strategies as this builder (so the result is the graph this builder
   * would make), and no deleted nodes.
   */
  public boolean canSeedFrom(HnswIndex seed) {
    return seed.metric() == metric && seed.config().m() == m && seed.strategies().equals(strategies)
        && seed.deletedSet().count() == 0;
  }

  /**
   * Builds over {@code source} starting from {@code seed}'s graph instead of from nothing, as
   * Lucene merges start from their largest segment's graph: seed node {@code j} becomes ordinal
   * {@code seedOrdinals[j]} of {@code source} (whose vector must be seed's vector {@code j}),
   * keeping its level and its lists, relabelled; only the other ordinals are inserted. Every id
   * is its ordinal. Costs about the insertion of the ordinals the seed does not cover.
   *
   * @throws IllegalArgumentException when {@link #canSeedFrom} is false, or the ordinals do not
   *     map the seed's nodes one to one into {@code source}
   */
  public HnswIndex build(VectorValues source, HnswIndex seed, int[] seedOrdinals) {
    if (!canSeedFrom(seed)) {
      throw new IllegalArgumentException("cannot seed from an index with metric " + seed.metric() + ", M "
          + seed.config().m() + ", strategies " + seed.strategies().names()
          + (seed.deletedSet().count() == 0 ? "" : " and deleted nodes") + "; this builder has " + metric + ", M " + m
          + ", strategies " + strategies.names());
    }
    if (seedOrdinals.length != seed.size()) {
      throw new IllegalArgumentException(seed.size() + " seed nodes but " + seedOrdinals.length + " ordinals");
    }
    java.util.BitSet seen = new java.util.BitSet(source.size());
    for (int ord : seedOrdinals) {
      if (ord < 0 || ord >= source.size() || seen.get(ord)) {
        throw new IllegalArgumentException("seed ordinal " + ord + " is out of range or repeated");
      }
      seen.set(ord);
    }
    return build(source, null, seed, seedOrdinals);
  }

  private HnswIndex build(VectorValues source, long[] ids, HnswIndex seed, int[] seedOrdinals) {
    HnswConfig config = new HnswConfig(m, efConstruction, ef, this.seed, 1 / Math.log(m));
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
    int[] order = seed == null ? null : insertionOrder(graph, seed, seedOrdinals, n);
    if (seed == null) {
      index.insertNode(0);
    }
    int first = seed == null ? 1 : 0;
    int count = seed == null ? n : order.length;
    AtomicInteger next = new AtomicInteger(first);
    AtomicLong done = new AtomicLong(n - count + first);
    Runnable worker = () -> {
      for (int i; (i = next.getAndIncrement()) < count; ) {
        index.insertNode(order == null ? i : order[i]);
        long d = done.incrementAndGet();
        if ((d & 1023) == 0 || d == n) {
          progress.progress("build hnsw", d, n);
        }
      }
    };
    Workers workers = Workers.on(executor, threads);
    workers.atMost(Math.max(1, count - first)).run("hnsw-build", worker);
    if (strategies.listOrder().reorders()) {
      index.reorderLevelZero(strategies.listOrder(), workers);
    }
    index.prepareSearch(null);
    progress.progress("build hnsw", n, n);
    return index;
  }

  /**
   * Copies the seed's graph into {@code graph} under the new ordinals and returns the ordinals
   * left to insert, ascending.
   */
  private static int[] insertionOrder(OnHeapHnswGraph graph, HnswIndex seed, int[] seedOrdinals, int n) {
    HnswGraph from = seed.graph();
    int[] buf = new int[from.maxDegree0()];
    for (int j = 0; j < seedOrdinals.length; j++) {
      int node = seedOrdinals[j];
      int top = from.level(j);
      graph.initNode(node, top);
      for (int level = 0; level <= top; level++) {
        int c = from.neighbors(j, level, buf);
        for (int i = 0; i < c; i++) {
          buf[i] = seedOrdinals[buf[i]];
        }
        graph.setNeighbors(node, level, buf, c);
      }
    }
    long entry = from.entry();
    if (entry != -1) {
      graph.setEntry(HnswGraph.packEntry(HnswGraph.entryLevel(entry), seedOrdinals[HnswGraph.entryNode(entry)]));
    }
    java.util.BitSet seeded = new java.util.BitSet(n);
    for (int ord : seedOrdinals) {
      seeded.set(ord);
    }
    int[] rest = new int[n - seedOrdinals.length];
    for (int i = 0, r = 0; i < n; i++) {
      if (!seeded.get(i)) {
        rest[r++] = i;
      }
    }
    return rest;
  }
}
