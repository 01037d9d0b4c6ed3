package org.annlib.hnsw;

import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.util.NodeQueue;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorScorer;

/**
 * One thread's search handle: greedy descent, then a beam of width {@code max(k, ef)} on level 0.
 * A filter whose cardinality is known (for example {@code Bits.of(BitSet)}) bounds the graph walk
 * by that many visits; past it, exact search over the accepted ids is cheaper and is used instead
 * (Lucene's rule), and a filter accepting at most {@code 2 * ef} ids goes to exact search at once.
 * Both keep recall at 1 for very selective filters.
 */
final class HnswSearcher implements Searcher {
  private final HnswIndex index;
  private final LevelSearch search;
  private final BaseLayerSearch.Runner runner;
  private final CodeStore.Scorer codeScorer;
  /** The entry strategy's extra seeds for the current query, and their distances. */
  private static final int MAX_SEEDS = 16;
  private final int[] seedIds = new int[MAX_SEEDS];
  private final float[] seedDistances = new float[MAX_SEEDS];
  private int[] runnerIds = new int[16];
  private float[] runnerDistances = new float[16];

  HnswSearcher(HnswIndex index) {
    this.index = index;
    this.search = new LevelSearch(index.size(), index.graph().maxDegree0());
    this.runner = index.strategies().search().newRunner(index.size(), index.graph().maxDegree0());
    CodeStore codes = index.codes();
    this.codeScorer = codes == null ? null : codes.newScorer();
  }

  @Override
  public SearchResult search(float[] query, int k, SearchParams params) {
    VectorChecks.checkSearch(k, params);
    float[] q = VectorChecks.prepare(query, index.dimension(), index.metric(), "query");
    HnswGraph graph = index.graph();
    int size = index.size();
    long entry = graph.entry();
    if (size == 0 || entry < 0) {
      return SearchResult.empty();
    }
    // No result holds more than size entries: every buffer below is sized from these clamped
    // values, so a huge k (Integer.MAX_VALUE) costs what k = size costs and cannot overflow.
    k = Math.min(k, size);
    CodeStore.Scorer codes = codeScorer;
    VectorScorer exactScorer = index.vectors().scorer(index.metric(), q);
    // with codes, the walk keeps the best depth(k) candidates and they are re-ranked exactly
    int requested = params.ef() > 0 ? params.ef() : index.config().ef();
    int want = codes == null ? k : (int) Math.min(size, Math.max(k, (long) index.strategies().refine().depth(k, requested)));
    int ef = Math.min(size, Math.max(want, requested));
    VectorScorer scorer = exactScorer;
    if (codes != null) {
      codes.reset(q);
      scorer = codes;
    }
    Bits filter = params.filter();
    Bits accept = index.acceptor(filter);
    int cardinality = filter != null ? filter.cardinality() : -1;
    search.computations = 0;
    if (cardinality >= 0 && cardinality <= 2 * ef) {
      // A beam of width ef visits at least ef nodes: scanning the accepted ids is cheaper.
      return exact(exactScorer, accept, k, size, 0);
    }
    int limit = cardinality >= 0 ? cardinality : Integer.MAX_VALUE;
    int ep = HnswGraph.entryNode(entry);
    float d = scorer.distance(ep);
    search.computations++;
    search.greedy(graph, scorer, ep, d, HnswGraph.entryLevel(entry), 0, size);
    int seeded = seed(scorer, ef, size);
    if (runner != null && accept == null) {
      if (runnerIds.length < want) {
        runnerIds = new int[want];
        runnerDistances = new float[want];
      }
      int n = runner.search(graph, scorer, search.greedyNode, search.greedyDistance, seedIds, seedDistances, seeded,
          ef, want, size, runnerIds, runnerDistances);
      long spent = search.computations + runner.computations();
      return codes == null ? new SearchResult(java.util.Arrays.copyOf(runnerIds, n),
          java.util.Arrays.copyOf(runnerDistances, n), spent) : rerank(exactScorer, runnerIds, n, k, spent);
    }
    boolean complete = search.beam(graph, scorer, search.greedyNode, search.greedyDistance, seedIds, seedDistances,
        seeded, ef, accept, limit, size);
    if (!complete) {
      return exact(exactScorer, accept, k, size, search.computations);
    }
    NodeQueue results = search.results;
    while (results.size() > want) {
      results.pop();
    }
    if (codes != null) {
      int n = results.size();
      if (runnerIds.length < n) {
        runnerIds = new int[n];
        runnerDistances = new float[n];
      }
      results.drainAscending(runnerIds, runnerDistances);
      return rerank(exactScorer, runnerIds, n, k, search.computations);
    }
    int[] ids = new int[results.size()];
    float[] dist = new float[ids.length];
    results.drainAscending(ids, dist);
    return new SearchResult(ids, dist, search.computations);
  }

  /**
   * Scores the entry strategy's extra seeds for this query into {@link #seedIds} and returns how
   * many. Which seeds is a function of the node the descent reached, so the same
   * index and query always get the same ones (CRINN's round-robin counters made it depend on
   * query order).
   */
  private int seed(VectorScorer scorer, int ef, int size) {
    int[] all = index.seeds();
    int count = Math.min(Math.min(all.length, MAX_SEEDS), index.strategies().entry().count(ef));
    int n = 0;
    if (count > 0) {
      int from = (int) ((search.greedyNode * 0x9E3779B97F4A7C15L >>> 32) % all.length);
      for (int j = 0; j < count; j++) {
        int id = all[(from + j) % all.length];
        if (id < size && id != search.greedyNode) {
          seedIds[n] = id;
          seedDistances[n] = scorer.distance(id);
          n++;
        }
      }
      search.computations += n;
    }
    return n;
  }

  /** Re-scores {@code n} first-pass candidates exactly and returns the best {@code k}. */
  private SearchResult rerank(VectorScorer exactScorer, int[] ids, int n, int k, long spent) {
    exactScorer.distances(ids, n, runnerDistances);
    NodeQueue top = search.results;
    top.clear();
    for (int i = 0; i < n; i++) {
      top.insertWithOverflow(ids[i], runnerDistances[i], k);
    }
    int[] outIds = new int[top.size()];
    float[] outDist = new float[outIds.length];
    top.drainAscending(outIds, outDist);
    return new SearchResult(outIds, outDist, spent + n);
  }

  private SearchResult exact(VectorScorer scorer, Bits accept, int k, int size, long spent) {
    NodeQueue top = search.results;
    top.clear();
    long computed = spent;
    for (int id = 0; id < size; id++) {
      if (accept.get(id)) {
        top.insertWithOverflow(id, scorer.distance(id), k);
        computed++;
      }
    }
    int[] ids = new int[top.size()];
    float[] dist = new float[ids.length];
    top.drainAscending(ids, dist);
    return new SearchResult(ids, dist, computed);
  }
}
