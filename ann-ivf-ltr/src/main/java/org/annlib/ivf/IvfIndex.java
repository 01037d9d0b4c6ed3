package org.annlib.ivf;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.UpdatableIndex;
import org.annlib.ivf.train.KMeans;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;
import org.annlib.util.LiveIds;
import org.annlib.util.SearcherPool;
import org.annlib.util.SlotWrites;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorChecks;

/**
 * Inverted-file index keyed by the application's {@code long} ids: vectors grouped by k-means
 * partition and stored flat ({@link IvfLists}); a query asks the {@link Router} for one score
 * per partition and scans the best ones ({@link IvfSearcher}). Vectors added after the build go
 * to their nearest centroid's partition, in a tail the partition's probe also scans; deletes and
 * upserts by id take effect at once. Deleted rows are skipped until {@link #compact} rewrites the
 * lists without them; {@link #save} folds the added vectors into the lists. Thread-safe: searches
 * run while one change at a time is applied.
 */
public final class IvfIndex implements UpdatableIndex, java.io.Closeable {
  private final Metric metric;
  private final int dim;
  private final LinearRouter router;
  private final float[] centroids;
  private final IvfLists lists;
  private final ProbeCalibration calibration;
  private final RoutingReport report;
  private final int defaultNprobe;
  private final int rerank;
  private final IdMap ids;
  private final DeletedSet deleted;
  private final LiveIds live;
  private final IvfTail tail;
  private final SlotWrites slots = new SlotWrites();
  /** One change at a time: id checks and the change they allow happen together. */
  private final Object updateLock = new Object();
  private final IvfView view;
  private final SearcherPool pool;
  /** Mapped lists and ids are read-only (deletes excepted). */
  private final boolean readOnly;
  /** What owns the lists' off-heap storage (a mapped file, or an OFF_HEAP build), or null on the heap. */
  private final java.lang.foreign.Arena arena;

  IvfIndex(Metric metric, int dim, LinearRouter router, float[] centroids, IvfLists lists,
      ProbeCalibration calibration, RoutingReport report, int defaultNprobe, int rerank, IdMap ids,
      DeletedSet deleted, boolean readOnly, java.lang.foreign.Arena arena) {
    this.arena = arena;
    this.metric = metric;
    this.dim = dim;
    this.router = router;
    this.centroids = centroids;
    this.lists = lists;
    this.calibration = calibration;
    this.report = report;
    this.defaultNprobe = defaultNprobe;
    this.rerank = rerank;
    this.ids = ids;
    this.deleted = deleted;
    this.live = new LiveIds(ids, deleted);
    this.readOnly = readOnly;
    this.tail = new IvfTail(lists.rows().size(), dim, lists.partitions());
    this.view = new IvfView(metric, dim, router, lists, calibration, defaultNprobe, rerank, tail, ids, deleted, slots);
    this.pool = new SearcherPool(() -> new IvfSearcher(view));
  }

  public static IvfIndexBuilder builder(Metric metric) {
    return new IvfIndexBuilder(metric);
  }

  /** Loads an index saved by {@link #save}; see docs/file-formats.md. */
  public static IvfIndex load(Path file) throws IOException {
    return IvfFormat.read(file);
  }

  /**
   * Memory-maps an index saved by {@link #save}: the list vectors and SQ8 codes are searched in
   * place in the file's pages (the centroids, router, ids and norms are read onto the heap), so
   * an index larger than the heap can be searched. {@link #close} unmaps it.
   */
  public static IvfIndex map(Path file) throws IOException {
    return IvfFormat.map(file);
  }

  /**
   * Unmaps a memory-mapped index, or frees the lists of an OFF_HEAP one; searching it afterwards
   * throws. A heap index has nothing to release.
   */
  @Override
  public void close() {
    if (arena != null) {
      arena.close();
    }
  }

  /** Writes the index to {@code file} atomically (temporary file, fsync, rename). */
  public void save(Path file) throws IOException {
    synchronized (updateLock) {
      IvfFormat.write(this, file);
    }
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int dimension() {
    return dim;
  }

  @Override
  public int size() {
    return view.size();
  }

  @Override
  public int liveCount() {
    return size() - deleted.count();
  }

  @Override
  public void add(long id, float[] vector) {
    float[] stored = prepareChange(vector);
    synchronized (updateLock) {
      live.requireAbsent(id);
      append(id, stored, -1);
    }
  }

  @Override
  public long add(float[] vector) {
    float[] stored = prepareChange(vector);
    synchronized (updateLock) {
      long id = live.nextId();
      append(id, stored, -1);
      return id;
    }
  }

  @Override
  public boolean upsert(long id, float[] vector) {
    float[] stored = prepareChange(vector);
    synchronized (updateLock) {
      int at = live.ordinal(id);
      append(id, stored, at);
      return at >= 0;
    }
  }

  @Override
  public boolean delete(long id) {
    synchronized (updateLock) {
      return live.delete(id) >= 0;
    }
  }

  @Override
  public boolean contains(long id) {
    return live.ordinal(id) >= 0;
  }

  @Override
  public float[] vector(long id) {
    int at = live.require(id);
    return slots.read(() -> rowVector(at));
  }

  /**
   * A new index of the live vectors, under their ids, in this index's partitions with its router,
   * calibration and encoding (nothing is trained again); this index is unchanged.
   */
  public IvfIndex compact() {
    int parts = partitions();
    PagedVectorValues live = new PagedVectorValues(dim, Math.max(16, liveCount()));
    int[] assignment;
    long[] liveIds;
    synchronized (updateLock) {
      int n = liveCount();
      assignment = new int[n];
      liveIds = new long[n];
      int j = 0;
      for (int p = 0; p < parts; p++) {
        for (int r = lists.offsets()[p]; r < lists.offsets()[p + 1]; r++) {
          j = keep(r, p, live, assignment, liveIds, j);
        }
        for (int t = 0; t < tail.count(p); t++) {
          j = keep(tail.base() + tail.ordinals(p)[t], p, live, assignment, liveIds, j);
        }
      }
    }
    int[] order = new int[live.size()];
    IvfLists grouped = IvfLists.of(live, assignment, parts, lists.quantizer(), null, order);
    long[] rowIds = new long[order.length];
    for (int r = 0; r < order.length; r++) {
      rowIds[r] = liveIds[order[r]];
    }
    DeletedSet none = new DeletedSet(order.length);
    return new IvfIndex(metric, dim, router, centroids, grouped, calibration, report, defaultNprobe, rerank,
        IdMap.ofDistinct(rowIds, none::contains), none, false, null);
  }

  private int keep(int row, int p, PagedVectorValues live, int[] assignment, long[] liveIds, int j) {
    if (deleted.contains(row)) {
      return j;
    }
    live.add(rowVector(row));
    assignment[j] = p;
    liveIds[j] = ids.id(row);
    return j + 1;
  }

  /**
   * Appends {@code id}'s vector to its nearest centroid's partition and, when {@code replaced} is a
   * row, deletes that row in the same step: a search sees the old vector or the new one, never
   * neither or both. Caller holds updateLock.
   */
  private void append(long id, float[] stored, int replaced) {
    int p = KMeans.nearest(stored, centroids, partitions(), new float[partitions()]);
    slots.write(() -> {
      if (replaced >= 0) {
        deleted.add(replaced);
      }
      ids.put(tail.add(p, stored), id);
    });
  }

  /** Validated and in stored form, before anything changes; a read-only index says so first. */
  private float[] prepareChange(float[] vector) {
    if (readOnly) {
      throw new UnsupportedOperationException("a memory-mapped IvfIndex is read-only apart from delete;"
          + " load it onto the heap to add or replace vectors");
    }
    return VectorChecks.prepare(vector, dim, metric, "vector");
  }

  /** The stored vector of index row {@code row}: a list row, or an added one. */
  float[] rowVector(int row) {
    return row < tail.base() ? lists.rows().vector(row) : tail.vectors().vector(row - tail.base());
  }

  IdMap ids() {
    return ids;
  }

  DeletedSet deletedSet() {
    return deleted;
  }

  IvfTail tail() {
    return tail;
  }

  /** Number of partitions (nlist). */
  public int partitions() {
    return lists.partitions();
  }

  /** Vectors in partition {@code p} (deleted ones until compacted), for the list-size distribution. */
  public int partitionSize(int p) {
    return lists.size(p) + tail.count(p);
  }

  /** Min, quartiles, max and FAISS's imbalance factor of the list sizes (as built or loaded). */
  public ListSizes listSizes() {
    return ListSizes.of(lists.offsets());
  }

  @Override
  public String describe() {
    return encoding() + " lists; " + listSizes() + "; " + report;
  }

  /**
   * The partition of the vector of every id {@code 0..size-1}, in id order, for an index built
   * without ids and not changed since (the routing report's analysis).
   *
   * @throws IllegalStateException when the ids are not {@code 0..size-1}
   */
  public int[] assignment() {
    int n = size();
    int[] out = new int[n];
    java.util.BitSet seen = new java.util.BitSet(n);
    for (int p = 0; p < partitions(); p++) {
      for (int r = lists.offsets()[p]; r < lists.offsets()[p + 1]; r++) {
        assign(out, seen, r, p);
      }
      for (int t = 0; t < tail.count(p); t++) {
        assign(out, seen, tail.base() + tail.ordinals(p)[t], p);
      }
    }
    return out;
  }

  private void assign(int[] out, java.util.BitSet seen, int row, int p) {
    long id = ids.id(row);
    if (id < 0 || id >= out.length || seen.get((int) id) || deleted.contains(row)) {
      throw new IllegalStateException("assignment() needs ids 0.." + (out.length - 1) + " and no deletes");
    }
    seen.set((int) id);
    out[(int) id] = p;
  }

  public LinearRouter router() {
    return router;
  }

  /** How the router was chosen and calibrated. */
  public RoutingReport routingReport() {
    return report;
  }

  /** Adaptive-nprobe calibration, or null when the index was built without calibration queries. */
  public ProbeCalibration calibration() {
    return calibration;
  }

  /** "float32" or "sq8". */
  public String encoding() {
    return lists.encoding();
  }

  public int rerank() {
    return rerank;
  }

  public int defaultNprobe() {
    return defaultNprobe;
  }

  float[] centroids() {
    return centroids;
  }

  IvfLists lists() {
    return lists;
  }

  @Override
  public long ramBytesUsed() {
    return lists.ramBytesUsed() + 4L * centroids.length * 2 + 4L * router.partitions() + ids.ramBytesUsed()
        + deleted.ramBytesUsed() + tail.ramBytesUsed();
  }

  @Override
  public Searcher searcher() {
    return new IvfSearcher(view);
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    return pool.search(query, k, params);
  }

  /**
   * Range search over the partitions k-nearest search would probe, on exact distances (see
   * {@link IvfSearcher#rangeSearch}); vectors within the radius in partitions not probed are
   * missed, so a larger nprobe or recall target finds more.
   */
  @Override
  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    return pool.rangeSearch(query, radius, params);
  }
}
