package org.annlib.hnsw;

import java.util.Arrays;
import java.util.function.Supplier;
import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.NodeQueue;
import org.annlib.QueryBudget;
import org.annlib.util.RangeHits;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;

/**
 * One thread's search handle: greedy descent, then level 0 through the index's
 * {@link BaseLayerSearch} strategy of width {@code max(k, ef)}, for every query, filtered and
 * deleted ones included; with first-pass codes, an exact re-rank of the walk's best candidates.
 * A filter whose cardinality is known (for example {@code Bits.of(BitSet)}) bounds the walk by
 * that many visits; past it, exact search over the accepted ids is cheaper and is used instead
 * (Lucene's rule), and a filter accepting at most {@code 2 * ef} ids goes to exact search at once.
 * Both keep recall at 1 for very selective filters.
 */
final class HnswSearcher implements Searcher {
  /** The entry strategy's extra seeds per query, at most. */
  private static final int MAX_SEEDS = 16;
  private static final int EXACT_BLOCK = 64;
  private final Supplier<HnswView> views;
  /** The view the scratch below was made for; replaced when the index publishes a new one. */
  private HnswView bound;
  private LevelSearch descent;
  private BaseLayerSearch.Runner runner;
  private CodeStore.Scorer codeScorer;
  private final int[] seedIds = new int[MAX_SEEDS];
  private final float[] seedDistances = new float[MAX_SEEDS];
  private int[] walkIds = new int[16];
  private float[] walkDistances = new float[16];
  private final QueryBudget account = new QueryBudget();
  private final RangeHits hits = new RangeHits();
  private RangeWalk range;

  HnswSearcher(Supplier<HnswView> views) {
    this.views = views;
  }

  /** Graph and strategies are the same in every view of one index; only codes and seeds change. */
  private void bind(HnswView v) {
    if (runner == null) {
      // the descent needs no visited set: it only moves to closer neighbours
      descent = new LevelSearch(0, v.graph().maxDegree0());
      runner = v.strategies().search().newRunner(v.size(), v.graph().maxDegree0());
    }
    codeScorer = v.codes() == null ? null : v.codes().newScorer();
    bound = v;
  }

  /** The index's current view, with this searcher's scratch sized for it. */
  private HnswView current() {
    HnswView v = views.get();
    if (v != bound) {
      bind(v);
    }
    return v;
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    VectorChecks.checkSearch(k, params);
    HnswView v = current();
    float[] q = VectorChecks.prepare(query, v.dimension(), v.metric(), "query");
    return v.slots().read(() -> run(v, q, k, params));
  }

  /**
   * Range search: greedy descent on the exact vectors, then {@link RangeWalk} (first-pass codes
   * are not used: the radius is on true distances); ef sets how wide the walk searches before it
   * reaches the radius. A filter or deletes route as in k-nearest search.
   */
  @Override
  public SearchResult rangeSearch(float[] query, float radius, SearchParams params) {
    VectorChecks.checkRange(radius, params);
    if (params.targetRecall() > 0) {
      throw new IllegalArgumentException("a recall target applies to k-nearest search; range search takes an ef");
    }
    HnswView v = current();
    float[] q = VectorChecks.prepare(query, v.dimension(), v.metric(), "query");
    return v.slots().read(() -> {
      int size = v.size();
      long entry = v.graph().entry();
      if (size == 0 || entry < 0) {
        return SearchResult.empty();
      }
      if (range == null) {
        range = new RangeWalk(size, v.graph().maxDegree0());
      }
      VectorScorer scorer = v.vectors().scorer(v.metric(), q);
      QueryBudget budget = account.start(params);
      LevelSearch d = descent;
      d.computations = 0;
      int ep = HnswGraph.entryNode(entry);
      d.greedy(v.graph(), scorer, ep, scorer.distance(ep), HnswGraph.entryLevel(entry), 0, size);
      int ef = Math.max(1, params.ef() > 0 ? params.ef() : v.config().ef());
      hits.clear();
      long spent = 1 + d.computations + range.walk(v.graph(), scorer, d.greedyNode, d.greedyDistance, ef, radius,
          v.acceptor(params.filter()), size, budget, hits);
      int[] ords = hits.sortedOrdinals();
      return new SearchResult(v.ids().ids(ords, ords.length), hits.sortedDistances(), spent,
          budget == null || !budget.exhausted());
    });
  }

  private SearchResult run(HnswView v, float[] q, int k, SearchParams params) {
    int size = v.size();
    long entry = v.graph().entry();
    if (size == 0 || entry < 0) {
      return SearchResult.empty();
    }
    // No result holds more than size entries: every buffer below is sized from these clamped
    // values, so a huge k (Integer.MAX_VALUE) costs what k = size costs and cannot overflow.
    k = Math.min(k, size);
    CodeStore.Scorer codes = codeScorer;
    VectorScorer exactScorer = v.vectors().scorer(v.metric(), q);
    // with codes, the walk keeps the best depth(k) candidates and they are re-ranked exactly
    int requested = beamWidth(v, k, params);
    int want = codes == null ? k
        : (int) Math.min(size, Math.max(k, (long) v.strategies().refine().depth(k, requested)));
    int ef = Math.min(size, Math.max(want, requested));
    VectorScorer scorer = exactScorer;
    if (codes != null) {
      codes.reset(q);
      scorer = codes;
    }
    Bits filter = params.filter();
    Bits accept = v.acceptor(filter);
    int cardinality = filter != null ? filter.cardinality() : -1;
    QueryBudget budget = account.start(params);
    if (cardinality >= 0 && cardinality <= 2 * ef) {
      // A beam of width ef visits at least ef nodes: scanning the accepted ids is cheaper.
      return exact(v, exactScorer, accept, k, size, 0, budget);
    }
    int limit = cardinality >= 0 ? cardinality : Integer.MAX_VALUE;
    LevelSearch d = descent;
    d.computations = 0;
    int ep = HnswGraph.entryNode(entry);
    d.greedy(v.graph(), scorer, ep, scorer.distance(ep), HnswGraph.entryLevel(entry), 0, size);
    long spent = 1 + d.computations;
    int seeded = seed(v, scorer, ef, size, d.greedyNode);
    spent += seeded;
    if (walkIds.length < want) {
      walkIds = new int[want];
      walkDistances = new float[want];
    }
    BaseLayerSearch.Walk walk = runner.search(v.graph(), scorer, d.greedyNode, d.greedyDistance, seedIds,
        seedDistances, seeded, ef, want, size, accept, limit, budget, walkIds, walkDistances);
    spent += walk.computations();
    if (!walk.complete()) {
      return exact(v, exactScorer, accept, k, size, spent, budget);
    }
    boolean complete = !walk.stopped();
    if (codes != null) {
      return rerank(v, exactScorer, walkIds, walk.count(), k, spent, complete);
    }
    return new SearchResult(v.ids().ids(walkIds, walk.count()), Arrays.copyOf(walkDistances, walk.count()), spent,
        complete);
  }

  /**
   * The ef a query runs with: its own, the index default, or for a recall target the calibrated
   * one (capped by an ef set beside it, as nprobe caps an IVF target).
   */
  private static int beamWidth(HnswView v, int k, SearchParams params) {
    if (params.targetRecall() > 0) {
      RecallCalibration c = v.calibration();
      if (c == null) {
        throw new IllegalStateException("this HNSW index has no recall calibration: call calibrate(queries, ks,"
            + " threads) with queries like the ones it will serve, or search with an ef");
      }
      int ef = c.ef(k, params.targetRecall());
      return params.ef() > 0 ? Math.min(ef, params.ef()) : ef;
    }
    return params.ef() > 0 ? params.ef() : v.config().ef();
  }

  /**
   * Scores the entry strategy's extra seeds for this query into {@link #seedIds} and returns how
   * many. Which seeds is a function of the node the descent reached, so the same index and query
   * always get the same ones (CRINN's round-robin counters made it depend on query order).
   */
  private int seed(HnswView v, VectorScorer scorer, int ef, int size, int reached) {
    int[] all = v.seeds();
    int count = Math.min(Math.min(all.length, MAX_SEEDS), v.strategies().entry().count(ef));
    int n = 0;
    if (count > 0) {
      int from = (int) ((reached * 0x9E3779B97F4A7C15L >>> 32) % all.length);
      for (int j = 0; j < count; j++) {
        int id = all[(from + j) % all.length];
        if (id < size && id != reached) {
          seedIds[n] = id;
          seedDistances[n] = scorer.distance(id);
          n++;
        }
      }
    }
    return n;
  }

  /** Re-scores {@code n} first-pass candidates exactly and returns the best {@code k}. */
  private SearchResult rerank(HnswView v, VectorScorer exactScorer, int[] ids, int n, int k, long spent,
      boolean complete) {
    exactScorer.distances(ids, n, walkDistances);
    NodeQueue top = descent.results;
    top.clear();
    for (int i = 0; i < n; i++) {
      top.insertWithOverflow(ids[i], walkDistances[i], k);
    }
    int[] outIds = new int[top.size()];
    float[] outDist = new float[outIds.length];
    top.drainAscending(outIds, outDist);
    return new SearchResult(v.ids().ids(outIds, outIds.length), outDist, spent + n, complete);
  }

  /**
   * Exact search over the accepted ids (with a budget, asked every {@value #EXACT_BLOCK} rows
   * scored, which is what it then stops with).
   */
  private SearchResult exact(HnswView v, VectorScorer scorer, Bits accept, int k, int size, long spent,
      QueryBudget budget) {
    NodeQueue top = descent.results;
    top.clear();
    long computed = spent;
    int scored = 0;
    boolean stopped = false;
    for (int id = 0; id < size && !stopped; id++) {
      if (accept == null || accept.get(id)) {
        top.insertWithOverflow(id, scorer.distance(id), k);
        computed++;
        if (budget != null && ++scored == EXACT_BLOCK) {
          stopped = budget.spend(scored) && id + 1 < size;
          scored = 0;
        }
      }
    }
    int[] ords = new int[top.size()];
    float[] dist = new float[ords.length];
    top.drainAscending(ords, dist);
    return new SearchResult(v.ids().ids(ords, ords.length), dist, computed, !stopped);
  }
}
