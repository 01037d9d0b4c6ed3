package org.annlib.ivf;

import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.NodeQueue;
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
    top.clear();
    int stamp = ++queryNumber;
    long computed = parts;
    for (int i = 0; i < count; i++) {
      scanned[probe[i]] = stamp;
      computed += scan(probe[i], exactScorer, tailScorer, accept, keep);
    }
    if (accept != null && top.size() < k) {
      // The probed partitions hold fewer than k accepted vectors: go on in routing order.
      int n = rankAll();
      for (int i = 0; i < n && top.size() < k; i++) {
        if (scanned[probe[i]] != stamp) {
          computed += scan(probe[i], exactScorer, tailScorer, accept, keep);
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
    return new SearchResult(view.ids().ids(rows, n), outDist, computed);
  }

  /** Scores partition {@code p}'s list and its added vectors into {@link #top}; returns rows scored. */
  private long scan(int p, VectorScorer exactScorer, VectorScorer tailScorer, Bits accept, int keep) {
    IvfLists lists = view.lists();
    int from = lists.offsets()[p];
    int to = lists.offsets()[p + 1];
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
    IvfTail tail = view.tail();
    int added = tail.count(p);
    if (added == 0) {
      return to - from;
    }
    // added vectors have no codes: scored exactly, which the re-rank then repeats
    int[] ords = tail.ordinals(p);
    if (distances.length < added) {
      distances = new float[Integer.highestOneBit(added) << 1]; // a tail outgrew every list: grow once
    }
    float[] d = distances;
    tailScorer.distances(ords, added, d);
    int base = tail.base();
    for (int j = 0; j < added; j++) {
      int row = base + ords[j];
      if (accept == null || accept.get(row)) {
        top.insertWithOverflow(row, d[j], keep);
      }
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
