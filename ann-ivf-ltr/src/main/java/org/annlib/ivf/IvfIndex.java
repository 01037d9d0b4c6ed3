package org.annlib.ivf;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.NodeQueue;
import org.annlib.util.SearcherPool;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;

/**
 * Inverted-file index: vectors grouped by k-means partition and stored flat ({@link IvfLists}). A
 * query asks the {@link Router} for one score per partition, probes the {@code nprobe} best (or,
 * given a recall target, as many as the {@link ProbeCalibration} says), scans them with the
 * batched SIMD kernel over float32 rows or SQ8 codes, and returns the exact top k of what it
 * scanned (SQ8 candidates, {@code rerank * k} of them, are re-scored on the float32 rows).
 * Read-only after build; thread-safe.
 */
public final class IvfIndex implements Index, java.io.Closeable {
  private final Metric metric;
  private final int dim;
  private final LinearRouter router;
  private final float[] centroids;
  private final IvfLists lists;
  private final ProbeCalibration calibration;
  private final RoutingReport report;
  private final int defaultNprobe;
  private final int rerank;
  private final SearcherPool pool = new SearcherPool(IvfSearcher::new);
  /** What owns the lists' off-heap storage (a mapped file, or an OFF_HEAP build), or null on the heap. */
  private final java.lang.foreign.Arena arena;

  IvfIndex(Metric metric, int dim, LinearRouter router, float[] centroids, IvfLists lists,
      ProbeCalibration calibration, RoutingReport report, int defaultNprobe, int rerank) {
    this(metric, dim, router, centroids, lists, calibration, report, defaultNprobe, rerank, null);
  }

  IvfIndex(Metric metric, int dim, LinearRouter router, float[] centroids, IvfLists lists,
      ProbeCalibration calibration, RoutingReport report, int defaultNprobe, int rerank,
      java.lang.foreign.Arena arena) {
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
    IvfFormat.write(this, file);
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
    return lists.ids().length;
  }

  /** Number of partitions (nlist). */
  public int partitions() {
    return lists.partitions();
  }

  /** Vectors in partition {@code p}, for the list-size distribution. */
  public int partitionSize(int p) {
    return lists.size(p);
  }

  /** Min, quartiles, max and FAISS's imbalance factor of the list sizes. */
  public ListSizes listSizes() {
    return ListSizes.of(lists.offsets());
  }

  @Override
  public String describe() {
    return encoding() + " lists; " + listSizes() + "; " + report;
  }

  /** The partition of every id, in id order. */
  public int[] assignment() {
    int[] out = new int[size()];
    int[] offsets = lists.offsets();
    for (int p = 0; p < partitions(); p++) {
      for (int r = offsets[p]; r < offsets[p + 1]; r++) {
        out[lists.ids()[r]] = p;
      }
    }
    return out;
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
    return lists.ramBytesUsed() + 4L * centroids.length * 2 + 4L * router.partitions();
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
    private final int parts = Math.max(1, partitions());
    private final float[] scores = new float[parts];
    private final float[] distances = new float[Math.max(1, lists.largest())];
    private final int[] probe = new int[parts];
    private final float[] probeValues = new float[parts];
    private final ProbeCalibration.Prober prober = new ProbeCalibration.Prober(parts);
    private final NodeQueue top = NodeQueue.maxHeap(16);
    private final ScalarQuantizer.QueryScorer codeScorer =
        lists.quantizer() == null ? null : lists.quantizer().new QueryScorer(metric);
    /** The codes' heap array when they are one (the faster kernels), else null: read in the segment. */
    private final byte[] codeArray = lists.codes() == null ? null : org.annlib.util.Blocks.array(lists.codes());
    private int[] candidates = new int[16];
    private float[] exact = new float[16];

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      VectorChecks.checkSearch(k, params);
      float[] q = VectorChecks.prepare(query, dim, metric, "query");
      if (size() == 0) {
        return SearchResult.empty();
      }
      // No result holds more than size() entries: clamping here keeps k * rerank in range.
      k = Math.min(k, size());
      router.scores(q, scores);
      int count = choosePartitions(params);
      boolean quantized = codeScorer != null;
      int keep = quantized ? (int) Math.min(size(), (long) k * rerank) : k;
      VectorScorer exactScorer = lists.rows().scorer(metric, q);
      if (quantized) {
        codeScorer.reset(q);
      }
      Bits filter = params.filter();
      int[] offsets = lists.offsets();
      int[] ids = lists.ids();
      top.clear();
      long computed = parts;
      for (int i = 0; i < count; i++) {
        int from = offsets[probe[i]];
        int to = offsets[probe[i] + 1];
        if (quantized) {
          if (codeArray != null) {
            codeScorer.distances(codeArray, lists.codeNorms(), from, to - from, distances);
          } else {
            codeScorer.distances(lists.codes(), lists.codeNorms(), from, to - from, distances);
          }
        } else {
          exactScorer.distances(from, to, distances);
        }
        computed += to - from;
        for (int r = 0; r < to - from; r++) {
          if (filter == null || filter.get(ids[from + r])) {
            top.insertWithOverflow(from + r, distances[r], keep); // row numbers; ids at the end
          }
        }
      }
      if (quantized) {
        computed += rescore(exactScorer, k);
      }
      int n = top.size();
      int[] outIds = new int[n];
      float[] outDist = new float[n];
      top.drainAscending(outIds, outDist);
      for (int i = 0; i < n; i++) {
        outIds[i] = ids[outIds[i]];
      }
      return new SearchResult(outIds, outDist, computed);
    }

    /** Fills {@code probe} with the partitions to scan, best first; returns how many. */
    private int choosePartitions(SearchParams params) {
      int cap = Math.min(parts, params.nprobe() > 0 ? params.nprobe() : defaultNprobe);
      if (params.targetRecall() > 0) {
        if (calibration == null) {
          throw new IllegalStateException(
              "this IVF index has no probe calibration (built without calibration queries); search with nprobe");
        }
        int limit = params.nprobe() > 0 ? cap : parts;
        int n = prober.rank(scores, calibration.temperature(), limit, probe, probeValues);
        return ProbeCalibration.Prober.count(probeValues, n, calibration.massFor(params.targetRecall()), limit);
      }
      NodeQueue best = top;
      best.clear();
      for (int p = 0; p < parts; p++) {
        best.insertWithOverflow(p, -scores[p], cap); // keeps the highest scores
      }
      return best.drainAscending(probe, probeValues);
    }

    /** Replaces the SQ8 candidates in {@code top} by their exact top k; returns rows re-scored. */
    private int rescore(VectorScorer exactScorer, int k) {
      int n = top.size();
      if (candidates.length < n) {
        candidates = new int[n];
        exact = new float[n];
      }
      top.drainAscending(candidates, exact);
      exactScorer.distances(candidates, n, exact);
      top.clear();
      for (int i = 0; i < n; i++) {
        top.insertWithOverflow(candidates[i], exact[i], k);
      }
      return n;
    }
  }
}
