package org.annlib.ivf;

import java.lang.foreign.Arena;
import java.util.concurrent.Executor;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;
import org.annlib.ivf.train.KMeans;
import org.annlib.ivf.train.RouterTrainer;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.vectors.StoredVectors;
import org.annlib.vectors.VectorStorage;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;
import org.annlib.util.DeletedSet;
import org.annlib.util.IdMap;

/**
 * Builds an {@link IvfIndex}: validates every vector, trains k-means (spherical under cosine) on
 * a sample, assigns every vector to its nearest centroid, chooses and calibrates the router
 * ({@link RouterTraining}), and lays the partitions out flat, as float32 rows or SQ8 codes.
 */
public final class IvfIndexBuilder implements IndexBuilder<IvfIndex> {
  static final String FLOAT32 = "float32";
  static final String SQ8 = "sq8";

  private final Metric metric;
  private int nlist;
  private int nprobe = 8;
  private int iterations = 25;
  private long seed = 42;
  private int threads = Runtime.getRuntime().availableProcessors();
  private ProgressListener progress = ProgressListener.NONE;
  private Executor executor;
  private String router = CentroidRouter.NAME;
  private VectorValues queryLog;
  private int trainingQueries;
  private int labelDepth = 10;
  private String encoding = FLOAT32;
  private int rerank = 4;
  private VectorStorage storage = VectorStorage.AUTO;
  private final RouterTrainer trainer = new RouterTrainer();

  IvfIndexBuilder(Metric metric) {
    if (metric == null) {
      throw new NullPointerException("metric is null");
    }
    this.metric = metric;
  }

  /**
   * Number of partitions. Default (0): about {@code 4 * sqrt(n)}, FAISS's rule of thumb, at most
   * n. An explicit value above the number of vectors fails the build.
   */
  public IvfIndexBuilder nlist(int nlist) {
    if (nlist < 0) {
      throw new IllegalArgumentException("nlist must be positive (or 0 for the default), got " + nlist);
    }
    this.nlist = nlist;
    return this;
  }

  /** Partitions a query probes when it does not say. Default 8. */
  public IvfIndexBuilder nprobe(int nprobe) {
    if (nprobe <= 0) {
      throw new IllegalArgumentException("nprobe must be positive, got " + nprobe);
    }
    this.nprobe = nprobe;
    return this;
  }

  /** Lloyd iterations. Default 25 (as FAISS). */
  public IvfIndexBuilder iterations(int iterations) {
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
    }
    this.iterations = iterations;
    return this;
  }

  public IvfIndexBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  @Override
  public IvfIndexBuilder threads(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive, got " + threads);
    }
    this.threads = threads;
    return this;
  }

  @Override
  public IvfIndexBuilder executor(Executor executor) {
    this.executor = executor;
    return this;
  }

  @Override
  public IvfIndexBuilder progress(ProgressListener listener) {
    this.progress = listener == null ? ProgressListener.NONE : listener;
    return this;
  }

  /** Router: "centroid" (default) or "ltr", the learned router (arXiv 2404.11731). */
  public IvfIndexBuilder router(String name) {
    if (!CentroidRouter.NAME.equals(name) && !LearnedRouter.NAME.equals(name)) {
      throw new IllegalArgumentException(
          "unknown router '" + name + "'; known: " + CentroidRouter.NAME + ", " + LearnedRouter.NAME);
    }
    this.router = name;
    return this;
  }

  /**
   * Real queries to train (and calibrate) the router on, instead of base vectors used as queries;
   * 20% of them are held out for validation. Must not contain the queries you evaluate on.
   */
  public IvfIndexBuilder queryLog(VectorValues log) {
    this.queryLog = log;
    return this;
  }

  /**
   * Base vectors sampled as training queries when there is no query log (their own id excluded
   * from their neighbours). Default (0): 10,000 for "ltr"; 1,000 for "centroid", which uses them
   * only to calibrate adaptive nprobe.
   */
  public IvfIndexBuilder trainingQueries(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("trainingQueries must be >= 0 (0 for the default), got " + count);
    }
    this.trainingQueries = count;
    return this;
  }

  /**
   * Labels come from each training query's exact top {@code k} (soft labels: the share of the top k
   * in each partition); 1 is the paper's top-1 label. Default 10, matching recall@10.
   */
  public IvfIndexBuilder labelDepth(int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("labelDepth must be positive, got " + k);
    }
    this.labelDepth = k;
    return this;
  }

  /** Most training epochs (the paper's default 100; early stopping usually ends sooner). */
  public IvfIndexBuilder epochs(int epochs) {
    trainer.maxEpochs(epochs);
    return this;
  }

  /** Adam learning rate, default 1e-3 (the paper's). */
  public IvfIndexBuilder learningRate(double rate) {
    trainer.learningRate(rate);
    return this;
  }

  /** "float32" (default) or "sq8": one byte per dimension in the lists, re-ranked exactly. */
  public IvfIndexBuilder encoding(String encoding) {
    if (!FLOAT32.equals(encoding) && !SQ8.equals(encoding)) {
      throw new IllegalArgumentException("unknown encoding '" + encoding + "'; known: " + FLOAT32 + ", " + SQ8);
    }
    this.encoding = encoding;
    return this;
  }

  /** SQ8 only: {@code rerank * k} candidates are re-scored on float32 vectors. Default 4. */
  public IvfIndexBuilder rerank(int factor) {
    if (factor <= 0) {
      throw new IllegalArgumentException("rerank must be positive, got " + factor);
    }
    this.rerank = factor;
    return this;
  }

  /**
   * Where the lists keep their vectors: {@code HEAP} pages (the default; {@code AUTO} means the
   * same) or one {@code OFF_HEAP} block, freed by {@link IvfIndex#close}, so a build under a small
   * heap holds its vectors outside it. The lists are a copy in partition order, so {@code
   * IN_PLACE} is not possible; the source itself is read in place when it is off the heap.
   */
  public IvfIndexBuilder storage(VectorStorage storage) {
    if (storage == null) {
      throw new NullPointerException("storage is null");
    }
    if (storage == VectorStorage.IN_PLACE) {
      throw new IllegalArgumentException("IVF lists are a copy of the vectors in partition order; storage IN_PLACE"
          + " is not possible (use HEAP or OFF_HEAP)");
    }
    this.storage = storage;
    return this;
  }

  /**
   * Builds from {@code source}, vector {@code i} under {@code ids[i]} (or {@code i} when {@code
   * ids} is null); ids are checked (count, duplicates) before any work.
   */
  @Override
  public IvfIndex build(VectorValues source, long[] ids) {
    int n = source.size();
    int dim = source.dimension();
    long[] given = IdMap.forBuild(ids, n).isIdentity() ? null : ids;
    if (nlist > n) {
      throw new IllegalArgumentException("nlist " + nlist + " exceeds the number of vectors " + n
          + "; every partition needs at least one vector");
    }
    // validated and (under cosine) normalised once, in heap pages or in place: no n x dim ceiling
    StoredVectors stored = StoredVectors.of(source, metric, VectorStorage.AUTO);
    try {
      VectorValues base = stored.vectors();
      int lists = nlist > 0 ? nlist : Math.max(1, Math.min(n, (int) Math.round(4 * Math.sqrt(n))));
      ScalarQuantizer quantizer = SQ8.equals(encoding) ? ScalarQuantizer.train(base) : null;
      if (n == 0) {
        CentroidRouter empty = CentroidRouter.of(metric, new float[dim], dim);
        return new IvfIndex(metric, dim, empty, new float[dim], IvfLists.of(base, new int[0], 1, quantizer, null,
            new int[0]), null, RoutingReport.NONE, nprobe, rerank, IdMap.identity(0), new DeletedSet(1), false, null);
      }
      Workers workers = Workers.on(executor, threads);
      progress.progress("k-means", 0, iterations);
      float[] centroids = KMeans.train(base, lists, iterations, seed, metric == Metric.COSINE, workers, progress);
      int[] assign = new int[n];
      KMeans.assign(base, centroids, lists, assign, workers);
      progress.progress("k-means assign", n, n);
      CentroidRouter centroid = CentroidRouter.of(metric, centroids, dim);
      boolean learned = LearnedRouter.NAME.equals(router);
      int queries = trainingQueries > 0 ? trainingQueries : learned ? 10_000 : 1_000;
      trainer.seed(seed).workers(workers).selectionProbes(nprobe);
      RouterTraining.Outcome routing = RouterTraining.run(metric, base, assign, centroid, queryLog, queries,
          labelDepth, 0.2, learned ? trainer : null, seed, workers, progress);
      Arena offHeap = storage == VectorStorage.OFF_HEAP ? Arena.ofShared() : null;
      int[] order = new int[n];
      IvfLists grouped = IvfLists.of(base, assign, lists, quantizer, offHeap, order);
      long[] rowIds = new long[n];
      for (int r = 0; r < n; r++) {
        rowIds[r] = given == null ? order[r] : given[order[r]];
      }
      DeletedSet deleted = new DeletedSet(n);
      progress.progress("build ivf", n, n);
      return new IvfIndex(metric, dim, routing.router(), centroids, grouped, routing.calibration(), routing.report(),
          nprobe, rerank, IdMap.ofDistinct(rowIds, deleted::contains), deleted, false, offHeap);
    } finally {
      // the lists hold their own copy in partition order
      if (stored.arena() != null) {
        stored.arena().close();
      }
    }
  }
}
