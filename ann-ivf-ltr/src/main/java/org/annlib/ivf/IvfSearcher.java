package org.annlib.ivf;

import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.NodeQueue;
import org.annlib.QueryBudget;
import org.annlib.util.RangeHits;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;

/**
 * One thread's IVF search: the router's score per partition, the {@code nprobe} best (or, given
 * a recall target, as many as the {@link ProbeCalibration} says) scanned with the batched kernel
 * over float32 rows or SQ8 codes, then each probed partition's added vectors; SQ8 candidates
 * ({@code rerank * k} of them) are re-scored on the float32 rows. When a filter or deletes leave
 * fewer than k accepted vectors in the probed partitions, the next partitions in routing order
 * are scanned until k are found or none is left, so a filtered search returns k results whenever
 * k vectors pass.
 */
final class IvfSearcher implements Searcher {
  private final IvfView view;
  private final int parts;
  private final float[] scores;
  private float[] distances;
  private final int[] probe;
  private final float[] probeValues;
  /** Partition p was scanned by the query numbered {@code scanned[p]}. */
  private final int[] scanned;
  private int queryNumber;
  private final ProbeCalibration.Prober prober;
  private final NodeQueue top = NodeQueue.maxHeap(16);
  private final NodeQueue ranking = NodeQueue.maxHeap(16);
  private final ScalarQuantizer.QueryScorer codeScorer;
  /** The codes' heap array when they are one (the faster kernels), else null: read in the segment. */
  private final byte[] codeArray;
  private final QueryBudget account = new QueryBudget();
  private final RangeHits hits = new RangeHits();
  private int[] candidates = new int[16];
  private float[] exact = new float[16];

  IvfSearcher(IvfView view) {
    this.view = view;
    IvfLists lists = view.lists();
    this.parts = Math.max(1, lists.partitions());
    this.scores = new float[parts];
    this.distances = new float[Math.max(1, lists.largest())];
    this.probe = new int[parts];
    this.probeValues = new float[parts];
    this.scanned = new int[parts];
    this.prober = new ProbeCalibration.Prober(parts);
    this.codeScorer = lists.quantizer() == null ? null : lists.quantizer().new QueryScorer(view.metric());
    this.codeArray = lists.codes() == null ? null : org.annlib.util.Blocks.array(lists.codes());
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    VectorChecks.checkSearch(k, params);
    float[] q = VectorChecks.prepare(query, view.dimension(), view.metric(), "query");
    return view.slots().read(() -> run(q, k, params));
  }

  private SearchResult run(float[] q, int k, SearchParams params) {
    int size = view.size();
    if (size == 0) {
      return SearchResult.empty();
    }
    // No result holds more than size entries: clamping here keeps k * rerank in range.
    k = Math.min(k, size);
    IvfLists lists = view.lists();
    view.router().scores(q, scores);
    int count = choosePartitions(params);
    boolean quantized = codeScorer != null;
    int keep = quantized ? (int) Math.min(size, (long) k * view.rerank()) : k;
    VectorScorer exactScorer = lists.rows().scorer(view.metric(), q);
    VectorScorer tailScorer = view.tail().size() == 0 ? null : view.tail().vectors().scorer(view.metric(), q);
    if (quantized) {
      codeScorer.reset(q);
    }
    Bits accept = view.acceptor(params.filter());
    QueryBudget budget = account.start(params);
    top.clear();
    int stamp = ++queryNumber;
    long computed = parts;
    for (int i = 0; i < count && !stopped(budget); i++) {
      scanned[probe[i]] = stamp;
      computed += scan(probe[i], exactScorer, tailScorer, accept, keep, budget);
    }
    if (accept != null && top.size() < k) {
      // The probed partitions hold fewer than k accepted vectors: go on in routing order.
      int n = rankAll();
      for (int i = 0; i < n && top.size() < k && !stopped(budget); i++) {
        if (scanned[probe[i]] != stamp) {
          computed += scan(probe[i], exactScorer, tailScorer, accept, keep, budget);
        }
      }
    }
    if (quantized) {
      computed += rescore(exactScorer, tailScorer, k);
    }
    int n = top.size();
    int[] rows = new int[n];
    float[] outDist = new float[n];
    top.drainAscending(rows, outDist);
    return new SearchResult(view.ids().ids(rows, n), outDist, computed, !stopped(budget));
  }

  /**
   * Range search: the partitions k-nearest search would probe ({@code nprobe} or the recall
   * target's count), their float32 rows and added vectors scored exactly (SQ8 codes are not used:
   * the radius is on true distances), every accepted one within {@code radius} kept.
   */
  @Override
  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    VectorChecks.checkRange(radius, params);
    float[] q = VectorChecks.prepare(query, view.dimension(), view.metric(), "query");
    return view.slots().read(() -> {
      if (view.size() == 0) {
        return SearchResult.empty();
      }
      view.router().scores(q, scores);
      int count = choosePartitions(params);
      VectorScorer exactScorer = view.lists().rows().scorer(view.metric(), q);
      VectorScorer tailScorer = view.tail().size() == 0 ? null : view.tail().vectors().scorer(view.metric(), q);
      Bits accept = view.acceptor(params.filter());
      QueryBudget budget = account.start(params);
      hits.clear();
      long computed = parts;
      for (int i = 0; i < count && !stopped(budget); i++) {
        computed += rangeScan(probe[i], exactScorer, tailScorer, accept, radius, budget);
      }
      int[] rows = hits.sortedOrdinals();
      return new SearchResult(view.ids().ids(rows, rows.length), hits.sortedDistances(), computed, !stopped(budget));
    });
  }

  private static boolean stopped(QueryBudget budget) {
    return budget != null && budget.exhausted();
  }

  /** Rows of partition {@code p} a budget lets a scan score: all, or what its visit limit leaves. */
  private static int allowed(int rows, QueryBudget budget) {
    return budget == null ? rows : (int) Math.min(rows, budget.remaining());
  }

  /** Scores partition {@code p}'s exact rows and added vectors into {@link #hits} when within the radius. */
  private long rangeScan(int p, VectorScorer exactScorer, VectorScorer tailScorer, Bits accept, float radius,
      QueryBudget budget) {
    IvfLists lists = view.lists();
    int from = lists.offsets()[p];
    int n = allowed(lists.offsets()[p + 1] - from, budget);
    exactScorer.distances(from, from + n, distances);
    for (int r = 0; r < n; r++) {
      if (distances[r] <= radius && (accept == null || accept.get(from + r))) {
        hits.add(from + r, distances[r]);
      }
    }
    int added = addedScores(p, tailScorer, budget, n);
    int base = view.tail().base();
    int[] ords = view.tail().ordinals(p);
    for (int j = 0; j < added; j++) {
      int row = base + ords[j];
      if (distances[j] <= radius && (accept == null || accept.get(row))) {
        hits.add(row, distances[j]);
      }
    }
    if (budget != null) {
      budget.spend(n + added);
    }
    return n + added;
  }

  /**
   * Scores the added vectors of partition {@code p} exactly into {@link #distances} (after the
   * {@code used} rows its list took of the budget) and returns how many.
   */
  private int addedScores(int p, VectorScorer tailScorer, QueryBudget budget, int used) {
    IvfTail tail = view.tail();
    int added = tail.count(p);
    if (added == 0) {
      return 0;
    }
    if (budget != null) {
      added = (int) Math.min(added, Math.max(0, budget.remaining() - used));
    }
    if (distances.length < added) {
      distances = new float[Integer.highestOneBit(added) << 1]; // a tail outgrew every list: grow once
    }
    tailScorer.distances(tail.ordinals(p), added, distances);
    return added;
  }

  /** Scores partition {@code p}'s list and its added vectors into {@link #top}; returns rows scored. */
  private long scan(int p, VectorScorer exactScorer, VectorScorer tailScorer, Bits accept, int keep,
      QueryBudget budget) {
    IvfLists lists = view.lists();
    int from = lists.offsets()[p];
    int to = from + allowed(lists.offsets()[p + 1] - from, budget);
    if (codeScorer != null) {
      if (codeArray != null) {
        codeScorer.distances(codeArray, lists.codeNorms(), from, to - from, distances);
      } else {
        codeScorer.distances(lists.codes(), lists.codeNorms(), from, to - from, distances);
      }
    } else {
      exactScorer.distances(from, to, distances);
    }
    for (int r = 0; r < to - from; r++) {
      if (accept == null || accept.get(from + r)) {
        top.insertWithOverflow(from + r, distances[r], keep); // row numbers; ids at the end
      }
    }
    // added vectors have no codes: scored exactly, which the re-rank then repeats
    int added = addedScores(p, tailScorer, budget, to - from);
    int[] ords = view.tail().ordinals(p);
    int base = view.tail().base();
    for (int j = 0; j < added; j++) {
      int row = base + ords[j];
      if (accept == null || accept.get(row)) {
        top.insertWithOverflow(row, distances[j], keep);
      }
    }
    if (budget != null) {
      budget.spend(to - from + added);
    }
    return to - from + added;
  }

  /** Fills {@code probe} with the partitions to scan, best first; returns how many. */
  private int choosePartitions(SearchParams params) {
    int cap = Math.min(parts, params.nprobe() > 0 ? params.nprobe() : view.defaultNprobe());
    if (params.targetRecall() > 0) {
      ProbeCalibration calibration = view.calibration();
      if (calibration == null) {
        throw new IllegalStateException(
            "this IVF index has no probe calibration (built without calibration queries); search with nprobe");
      }
      int limit = params.nprobe() > 0 ? cap : parts;
      int n = prober.rank(scores, calibration.temperature(), limit, probe, probeValues);
      return ProbeCalibration.Prober.count(probeValues, n, calibration.massFor(params.targetRecall()), limit);
    }
    return rank(cap);
  }

  private int rankAll() {
    return rank(parts);
  }

  /** The {@code cap} highest-scoring partitions into {@code probe}, best first. */
  private int rank(int cap) {
    NodeQueue best = ranking;
    best.clear();
    for (int p = 0; p < parts; p++) {
      best.insertWithOverflow(p, -scores[p], cap); // keeps the highest scores
    }
    return best.drainAscending(probe, probeValues);
  }

  /** Replaces the SQ8 candidates in {@code top} by their exact top k; returns rows re-scored. */
  private int rescore(VectorScorer exactScorer, VectorScorer tailScorer, int k) {
    int n = top.size();
    if (candidates.length < n) {
      candidates = new int[n];
      exact = new float[n];
    }
    top.drainAscending(candidates, exact);
    int base = view.tail().base();
    if (tailScorer == null) {
      exactScorer.distances(candidates, n, exact);
    } else {
      for (int i = 0; i < n; i++) {
        int row = candidates[i];
        exact[i] = row < base ? exactScorer.distance(row) : tailScorer.distance(row - base);
      }
    }
    top.clear();
    for (int i = 0; i < n; i++) {
      top.insertWithOverflow(candidates[i], exact[i], k);
    }
    return n;
  }
}
