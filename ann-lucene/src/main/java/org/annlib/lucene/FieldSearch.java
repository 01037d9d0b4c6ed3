package org.annlib.lucene;

import java.io.IOException;
import org.annlib.Bits;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.hnsw.HnswIndex;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * One field's k-NN search in one segment, with Lucene's contract: doc ids (not ordinals) to the
 * collector, Lucene's own scores, {@code min(k, accepted vectors)} hits, and the collector's visit
 * limit. The graph walk is annlib's, with the field's preset, filters and deletes included; an
 * exact scan replaces it when it would visit about as many vectors (a selective filter, or k
 * near the segment size) or when it found fewer than k accepted vectors.
 */
final class FieldSearch {
  /** Lucene scores its exhaustive scan in blocks of this many; its visit-limit contract allows that rounding. */
  static final int BLOCK = 64;

  private FieldSearch() {}

  static void search(GraphVectorsReader.FieldGraph f, RandomVectorScorer scorer, float[] target,
      KnnCollector collector, AcceptDocs acceptDocs) throws IOException {
    org.apache.lucene.util.Bits acceptedDocs = acceptDocs.bits();
    org.apache.lucene.util.Bits acceptedOrds = scorer.getAcceptOrds(acceptedDocs);
    HnswIndex index = f.index();
    int k = collector.k();
    int accepted = Math.min(acceptDocs.cost(), f.count());
    if (index == null || k >= f.count() || HnswGraphSearcher.expectedVisitedNodes(k, f.count()) >= accepted) {
      exhaustive(scorer, collector, acceptedOrds);
      return;
    }
    SearchParams.Builder params = SearchParams.builder().ef(Math.max(k, AnnlibSearchStrategy.efOf(collector)));
    if (acceptedOrds != null) {
      params.filter(new Bits() {
        @Override
        public boolean get(long ord) {
          return acceptedOrds.get((int) ord);
        }

        @Override
        public int cardinality() {
          return acceptedDocs == null ? -1 : accepted;
        }
      });
    }
    long limit = collector.visitLimit();
    if (limit != Long.MAX_VALUE) {
      long left = limit - collector.visitedCount();
      if (left <= 0) {
        return;
      }
      params.maxVisits(left);
    }
    float[] query = LuceneSimilarity.normalizes(f.info().getVectorSimilarityFunction())
        ? LuceneSimilarity.normalized(target) : target;
    SearchResult r = index.search(query, k, params.build());
    long visited = r.distanceComputations();
    if (limit != Long.MAX_VALUE && (!r.complete() || collector.visitedCount() + visited >= limit)) {
      // stopped at the limit (a walk may score one neighbour list past it): report the limit
      // itself, so Lucene sees an early termination (and falls back to exact search under a
      // filter), and keep what the walk found
      collector.incVisitedCount((int) (limit - collector.visitedCount()));
      collect(r, scorer, collector);
      return;
    }
    collector.incVisitedCount((int) visited);
    if (r.size() < k && r.size() < accepted) {
      // a walk that is cut off from accepted vectors (heavy deletes, a narrow filter) misses some:
      // Lucene promises k hits whenever k vectors are accepted
      exhaustive(scorer, collector, acceptedOrds);
      return;
    }
    collect(r, scorer, collector);
  }

  private static void collect(SearchResult r, RandomVectorScorer scorer, KnnCollector collector) throws IOException {
    for (int i = 0; i < r.size(); i++) {
      int ord = (int) r.id(i);
      collector.collect(scorer.ordToDoc(ord), scorer.score(ord));
    }
  }

  /**
   * Every accepted vector, scored in blocks as Lucene's own readers do, until the visit limit; a
   * block never crosses the limit, so the visited count stops at it exactly.
   */
  static void exhaustive(RandomVectorScorer scorer, KnnCollector collector, org.apache.lucene.util.Bits acceptedOrds)
      throws IOException {
    int[] ords = new int[BLOCK];
    float[] scores = new float[BLOCK];
    int n = 0;
    int max = scorer.maxOrd();
    int block = blockSize(collector);
    for (int ord = 0; ord < max && block > 0; ord++) {
      if (acceptedOrds != null && !acceptedOrds.get(ord)) {
        continue;
      }
      ords[n++] = ord;
      if (n == block) {
        collectBlock(scorer, collector, ords, scores, n);
        n = 0;
        block = blockSize(collector);
      }
    }
    if (n > 0) {
      collectBlock(scorer, collector, ords, scores, n);
    }
  }

  /** The next block's size: {@link #BLOCK}, or what is left of the visit limit. */
  private static int blockSize(KnnCollector collector) {
    long left = collector.visitLimit() - collector.visitedCount();
    return (int) Math.max(0, Math.min(BLOCK, left));
  }

  private static void collectBlock(RandomVectorScorer scorer, KnnCollector collector, int[] ords, float[] scores,
      int n) throws IOException {
    collector.incVisitedCount(n);
    if (scorer.bulkScore(ords, scores, n) > collector.minCompetitiveSimilarity()) {
      for (int j = 0; j < n; j++) {
        collector.collect(scorer.ordToDoc(ords[j]), scores[j]);
      }
    }
  }
}
