package org.annlib.hnsw;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.annlib.util.DeletedSet;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.RecallCalibratable;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.UpdatableIndex;
import org.annlib.util.IdMap;
import org.annlib.util.LiveIds;
import org.annlib.util.SlotWrites;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * Hierarchical navigable small-world graph (Malkov and Yashunin, 2016), with hnswlib's parameter
 * names and meanings (see docs/parameters.md), keyed by the application's {@code long} ids.
 * Built concurrently by {@link HnswIndexBuilder}; searches are thread-safe and run while the
 * index changes. Adds of new vectors link in parallel; deletes, replacements and adds that reuse
 * a deleted slot take one update lock. A delete routes the graph around the node at once ({@link
 * NeighborRepair}), and its slot is reused by a later add; {@link #compact} rebuilds without
 * deleted slots. {@link #save} writes one checksummed file atomically; {@link #load} reads it onto
 * the heap and {@link #map} memory-maps it, so an index larger than the heap can be searched.
 * After {@link #calibrate}, a search may ask for a mean recall ({@link SearchParams#targetRecall})
 * instead of an ef; the calibration is saved with the index.
 */
public final class HnswIndex implements UpdatableIndex, RecallCalibratable, Closeable {
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
  /**
   * Deleted slots routed around and ready for a new vector (guarded by updateLock). The entry node
   * may be one: it keeps routing while deleted, and a new vector in its slot is linked from it.
   */
  private final DeletedSet free;
  private final IdMap ids;
  private final LiveIds live;
  private final SlotWrites slots = new SlotWrites();
  private final Arena arena;
  private final Object entryLock = new Object();
  /** Orders id bookkeeping, deletes, replacements and slot reuse; appended nodes link outside it. */
  private final Object updateLock = new Object();
  private final ReentrantReadWriteLock growLock = new ReentrantReadWriteLock();
  private final ConcurrentLinkedDeque<HnswInserter> inserters = new ConcurrentLinkedDeque<>();
  private final SearcherPool pool = new SearcherPool(() -> new HnswSearcher(this::view));
  private NeighborRepair repair;

  HnswIndex(Metric metric, HnswConfig config, HnswStrategySet strategies, VectorValues vectors, HnswGraph graph,
      DeletedSet deleted, IdMap ids, Arena arena) {
    this.metric = metric;
    this.dimension = vectors.dimension();
    this.config = config;
    this.strategies = strategies;
    this.vectors = vectors;
    this.heapVectors = vectors instanceof PagedVectorValues p ? p : null;
    this.graph = graph;
    this.mutableGraph = graph instanceof OnHeapHnswGraph g ? g : null;
    this.deleted = deleted;
    this.ids = ids;
    this.live = new LiveIds(ids, deleted);
    this.arena = arena;
    int size = vectors.size();
    this.free = heapVectors != null && mutableGraph != null ? DeletedSet.of(deleted.words(size), size) : new DeletedSet(1);
    this.view = new HnswView(metric, dimension, config, strategies, graph, vectors, null, new int[0], deleted, ids,
        slots, null);
  }

  /** A builder with hnswlib's defaults: M=16, efConstruction=200, ef=64. */
  public static HnswIndexBuilder builder(Metric metric) {
    return new HnswIndexBuilder(metric);
  }

  /** Reads a saved index onto the heap; it can then change. */
  public static HnswIndex load(Path file) throws IOException {
    return HnswFormat.read(file, false);
  }

  /**
   * Memory-maps a saved index: vectors, codes and level 0 stay in the file's pages, so the index
   * may be larger than the heap. Read-only apart from {@link #delete} (kept in memory until
   * saved); {@link #close} unmaps it.
   */
  public static HnswIndex map(Path file) throws IOException {
    return HnswFormat.read(file, true);
  }

  /**
   * Opens a graph that {@link #writeGraph} wrote, held in {@code file} (mapped or off-heap; the
   * caller keeps it alive and unchanged while the index is used), over {@code vectors}, the same
   * vectors in the same order, which the caller stores: an embedding container (a Lucene segment)
   * keeps its own copy of the vectors and this index adds only its graph and codes. The file is
   * checked as {@link #map} checks one; {@code name} names it in messages. Read-only apart from
   * {@link #delete}.
   */
  public static HnswIndex openGraph(String name, MemorySegment file, VectorValues vectors) throws IOException {
    return HnswFormat.openGraph(name, file, vectors);
  }

  /**
   * Writes what {@link #save} writes except the vectors (the graph, codes, ids, deleted set and
   * calibration) to {@code out}, for {@link #openGraph}; returns the bytes written.
   */
  public long writeGraph(WritableByteChannel out) throws IOException {
    synchronized (updateLock) {
      growLock.writeLock().lock();
      try {
        return HnswFormat.writeGraph(this, out);
      } finally {
        growLock.writeLock().unlock();
      }
    }
  }

  /** Writes the index to {@code file} atomically (temp file, fsync, rename); changes wait meanwhile. */
  public void save(Path file) throws IOException {
    synchronized (updateLock) {
      growLock.writeLock().lock();
      try {
        HnswFormat.write(this, file);
      } finally {
        growLock.writeLock().unlock();
      }
    }
  }

  @Override
  public void add(long id, float[] vector) {
    float[] stored = prepareChange(vector);
    int slot;
    synchronized (updateLock) {
      live.requireAbsent(id);
      slot = place(id, stored);
    }
    if (slot >= 0) {
      insertNode(slot);
    }
  }

  @Override
  public long add(float[] vector) {
    float[] stored = prepareChange(vector);
    long id;
    int slot;
    synchronized (updateLock) {
      id = live.nextId();
      slot = place(id, stored);
    }
    if (slot >= 0) {
      insertNode(slot);
    }
    return id;
  }

  @Override
  public boolean upsert(long id, float[] vector) {
    float[] stored = prepareChange(vector);
    int slot;
    synchronized (updateLock) {
      int at = live.ordinal(id);
      if (at >= 0) {
        relink(at, () -> overwrite(at, stored));
        return true;
      }
      slot = place(id, stored);
    }
    if (slot >= 0) {
      insertNode(slot);
    }
    return false;
  }

  /**
   * Marks {@code id}'s vector deleted: it is never returned again. On a heap graph its neighbours
   * are linked around it at once and its slot goes to the next add; a memory-mapped index only
   * marks it (it still routes searches, as in hnswlib's mark_deleted).
   */
  @Override
  public boolean delete(long id) {
    synchronized (updateLock) {
      int at = live.delete(id);
      if (at < 0) {
        return false;
      }
      if (mutableGraph != null) {
        growLock.readLock().lock();
        try {
          repair().bypass(at);
        } finally {
          growLock.readLock().unlock();
        }
        if (heapVectors != null) {
          free.add(at);
        }
      }
      return true;
    }
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
    return size() - deleted.count();
  }

  /**
   * A new index of the live vectors only, under their ids, built with this index's parameters and
   * strategies on {@code threads} threads; this index is unchanged. Searches over it visit no
   * deleted nodes, and it needs no memory for them.
   */
  public HnswIndex compact(int threads) {
    PagedVectorValues live = new PagedVectorValues(dimension, Math.max(16, liveCount()));
    long[] liveIds;
    synchronized (updateLock) {
      int n = size();
      liveIds = new long[n - deleted.count()];
      int j = 0;
      for (int ord = 0; ord < n; ord++) {
        if (!deleted.contains(ord)) {
          liveIds[j++] = ids.id(ord);
          live.add(vectors.vector(ord));
        }
      }
    }
    HnswIndex compacted = new HnswIndexBuilder(metric).m(config.m()).efConstruction(config.efConstruction())
        .ef(config.ef()).seed(config.seed()).strategies(strategies).threads(threads).build(live, liveIds);
    // the same live vectors under the same strategies: the measured recall carries over
    compacted.setCalibration(view.calibration());
    return compacted;
  }

  /** Validated and in stored form, before anything changes; a read-only index says so first. */
  private float[] prepareChange(float[] vector) {
    if (mutableGraph == null) {
      throw new UnsupportedOperationException("a memory-mapped HnswIndex is read-only apart from delete;"
          + " load it onto the heap to add or replace vectors");
    }
    if (heapVectors == null) {
      throw new UnsupportedOperationException("this HnswIndex keeps its vectors off the heap (storage OFF_HEAP or"
          + " IN_PLACE), which it cannot change; build it with storage(VectorStorage.HEAP) to add or replace vectors");
    }
    return VectorChecks.prepare(vector, dimension, metric, "vector");
  }

  /**
   * Stores a new id's vector: in a free slot, linked before this returns -1, or appended, when
   * the caller links the returned slot after leaving the update lock. Caller holds updateLock.
   */
  private int place(long id, float[] stored) {
    int slot = free.first(size());
    if (slot >= 0) {
      free.remove(slot);
      relink(slot, () -> {
        overwrite(slot, stored);
        ids.put(slot, id);
        deleted.remove(slot);
      });
      return -1;
    }
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
    ids.put(heapVectors.size(), id); // before the vector: a search that reaches the node finds its id
    return heapVectors.add(stored);
  }

  /**
   * Gives slot {@code node} a new vector ({@code change}, which no search sees half done) and
   * links it again: first its neighbours are linked around it, so no list keeps it for the old
   * vector, then it is inserted anew at its level. Caller holds updateLock.
   */
  private void relink(int node, Runnable change) {
    growLock.readLock().lock();
    try {
      repair().bypass(node);
      slots.write(change);
      HnswInserter ins = inserter();
      try {
        ins.reinsert(node);
      } finally {
        inserters.offerFirst(ins);
      }
    } finally {
      growLock.readLock().unlock();
    }
  }

  private void overwrite(int slot, float[] stored) {
    heapVectors.set(slot, stored);
    CodeStore c = view.codes();
    if (c != null) {
      c.set(slot, stored);
    }
  }

  private NeighborRepair repair() {
    if (repair == null) {
      repair = new NeighborRepair(view);
    }
    return repair;
  }

  private HnswInserter inserter() {
    HnswInserter ins = inserters.pollFirst();
    return ins != null ? ins : new HnswInserter(view, entryLock);
  }

  void insertNode(int id) {
    growLock.readLock().lock();
    try {
      HnswInserter ins = inserter();
      try {
        ins.insert(id, HnswLevels.level(config.seed(), id, config.levelMultiplier()));
      } finally {
        inserters.offerFirst(ins);
      }
    } finally {
      growLock.readLock().unlock();
    }
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
    return vectors.ramBytesUsed() + graphBytes + deleted.ramBytesUsed() + free.ramBytesUsed() + ids.ramBytesUsed()
        + (c == null ? 0 : c.ramBytesUsed());
  }

  @Override
  public Searcher searcher() {
    return new HnswSearcher(this::view);
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  /**
   * Approximate range search: the greedy descent, then a walk of level 0 that floods the region
   * within {@code radius} from where a beam of width ef (from {@code params}, or the index's
   * default) reaches it, on exact distances whatever the preset. Recall falls when the radius
   * region is split into parts the graph does not join; a wider ef recovers some of it.
   */
  @Override
  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    return pool.rangeSearch(query, radius, params);
  }

  /**
   * Measures recall@k over a grid of ef on {@code queries} (see {@link RecallCalibratable#calibrate})
   * and keeps the result, so that searches may set {@link SearchParams#targetRecall} instead of an
   * ef: a target t runs with the smallest calibrated ef whose mean recall, less two standard errors,
   * reached t; an ef set beside it caps that. Searches with a k that was not calibrated use the next
   * larger calibrated k. Recalibrate after the index has grown or shrunk by more than a few
   * percent: the ef a target needs grows with the index.
   */
  @Override
  public void calibrate(VectorValues queries, int[] ks, int threads) {
    calibrate(queries, ks, threads, ProgressListener.NONE);
  }

  /** As {@link #calibrate(VectorValues, int[], int)}, reporting progress; returns the calibration. */
  public RecallCalibration calibrate(VectorValues queries, int[] ks, int threads, ProgressListener progress) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    RecallCalibration c = RecallCalibrator.calibrate(this, queries, ks, org.annlib.util.Workers.of(threads),
        progress == null ? ProgressListener.NONE : progress);
    setCalibration(c);
    return c;
  }

  /** The recall calibration searches use for a target, or null when the index has none. */
  public RecallCalibration recallCalibration() {
    return view.calibration();
  }

  void setCalibration(RecallCalibration c) {
    synchronized (updateLock) {
      view = view.withCalibration(c);
    }
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
  void reorderLevelZero(ListOrder order, org.annlib.util.Workers workers) {
    int n = size();
    HnswView v = view;
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    workers.atMost(n / 1024).run("hnsw-order", () -> {
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

  IdMap ids() {
    return ids;
  }
}
