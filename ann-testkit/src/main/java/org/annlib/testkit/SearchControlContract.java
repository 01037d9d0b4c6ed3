package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.annlib.Bits;
import org.annlib.Cancellation;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.exact.FlatIndex;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract of range search and of bounded queries (visit limit, timeout, cancellation from
 * another thread): a range result holds only accepted vectors within the radius, best first, and
 * finds the share of them the index states; a bounded query returns valid neighbours found so far
 * and says it is incomplete, and a bound that is not reached changes nothing.
 */
public abstract class SearchControlContract extends IdsAndUpdatesContract {
  /** For the subclass of each index. */
  protected SearchControlContract() {}

  private static final int DIM = 24;

  /** Minimum mean share of the vectors within the radius (about 20 per query) a range search finds. */
  protected abstract double minRangeRecall();

  /**
   * Radius of each query: its exact 20th-nearest distance, so a range result holds about 20
   * vectors (more under ties).
   */
  private static float[] radii(Index index, FlatVectorValues base, FlatVectorValues queries) {
    FlatIndex exact = FlatIndex.builder(index.metric()).build(base);
    float[] r = new float[queries.size()];
    for (int q = 0; q < r.length; q++) {
      SearchResult s = exact.search(queries.vector(q), 20);
      r[q] = s.distance(s.size() - 1);
    }
    return r;
  }

  private double meanRangeRecall(Index index, FlatVectorValues base, FlatVectorValues queries, float[] radii,
      SearchParams params, Bits accepted) {
    ResultCheck check = new ResultCheck(index.metric(), base, accepted);
    double sum = 0;
    for (int q = 0; q < queries.size(); q++) {
      SearchResult got = index.rangeSearch(queries.vector(q), radii[q], params);
      assertTrue(got.complete(), "an unbounded range search is complete");
      sum += check.rangeRecall(queries.vector(q), radii[q], got);
    }
    return sum / queries.size();
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void rangeSearchFindsTheVectorsWithinTheRadius(Metric metric) {
    FlatVectorValues base = TestData.clustered(TestData.seed(40 + metric.ordinal()), 3_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(50 + metric.ordinal()), 60, DIM, 20);
    Index index = newBuilder(metric).build(base);
    double recall = meanRangeRecall(index, base, queries, radii(index, base, queries), recallParams(), null);
    assertRangeRecall(metric + " range", recall);
  }

  @Test
  void rangeSearchLeavesOutFilteredAndDeletedVectors() {
    FlatVectorValues base = TestData.clustered(TestData.seed(60), 3_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(61), 60, DIM, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    float[] radii = radii(index, base, queries);
    Bits odd = id -> (id & 1) == 1;
    assertRangeRecall("half filtered range",
        meanRangeRecall(index, base, queries, radii, recallParams().toBuilder().filter(odd).build(), odd));
    java.util.BitSet live = new java.util.BitSet();
    live.set(0, base.size());
    for (int id = 0; id < base.size(); id += 7) {
      if (!delete(index, id)) {
        break;
      }
      live.clear(id);
    }
    Bits alive = id -> live.get((int) id);
    assertRangeRecall("range after deletes", meanRangeRecall(index, base, queries, radii, recallParams(), alive));
    float[] q = queries.vector(0);
    float nearest = FlatIndex.builder(Metric.EUCLIDEAN).build(base).search(q, 1).distance(0);
    assertEquals(0, index.rangeSearch(q, Math.nextDown(nearest) * 0.5f, recallParams()).size(),
        "nothing lies within half the nearest distance");
  }

  @Test
  void badRangeSearchesAreRejectedWithExactMessages() {
    FlatVectorValues base = TestData.gaussian(TestData.seed(62), 100, 4);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    assertMessage("radius must not be NaN", () -> index.rangeSearch(new float[4], Float.NaN, SearchParams.DEFAULT));
    assertMessage("query dimension 3 does not match index dimension 4",
        () -> index.rangeSearch(new float[3], 1f, SearchParams.DEFAULT));
    assertMessage("search params must not be null; pass SearchParams.DEFAULT",
        () -> index.rangeSearch(new float[4], 1f, null));
    assertEquals(100, index.size());
    assertEquals(0, newBuilder(Metric.EUCLIDEAN).build(new FlatVectorValues(4, 1))
        .rangeSearch(new float[4], Float.MAX_VALUE, SearchParams.DEFAULT).size());
  }

  /**
   * A visit limit far below what the query needs stops it: fewer vectors scored than unbounded,
   * valid neighbours (true distances, best first), marked incomplete; a limit it never reaches
   * changes nothing, and the result says it is complete.
   */
  @Test
  void aVisitLimitStopsTheQueryWithWhatItHas() {
    FlatVectorValues base = TestData.clustered(TestData.seed(63), 3_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(64), 20, DIM, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    ResultCheck check = new ResultCheck(Metric.EUCLIDEAN, base, null);
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.vector(q);
      SearchResult whole = index.search(query, K, recallParams());
      assertTrue(whole.complete());
      SearchResult stopped = index.search(query, K, recallParams().toBuilder().maxVisits(30).build());
      assertFalse(stopped.complete(), "query " + q + " scored " + stopped.distanceComputations() + " vectors");
      assertTrue(stopped.size() >= 1, "a stopped query returns what it found");
      assertTrue(stopped.distanceComputations() < whole.distanceComputations(),
          stopped.distanceComputations() + " vs " + whole.distanceComputations());
      check.recall(query, K, stopped);
      SearchResult unreached = index.search(query, K, recallParams().toBuilder().maxVisits(1L << 40).build());
      assertTrue(unreached.complete());
      ResultCheck.assertSameAnswer(whole, unreached, "query " + q);
      SearchResult range = index.rangeSearch(query, Float.MAX_VALUE, recallParams().toBuilder().maxVisits(30).build());
      assertFalse(range.complete(), "a range search over everything stops at its visit limit");
      check.rangeRecall(query, Float.MAX_VALUE, range);
    }
  }

  /** A timeout that has passed when the search first looks at the clock stops it at once. */
  @Test
  void aTimeoutStopsTheQueryWithWhatItHas() {
    FlatVectorValues base = TestData.clustered(TestData.seed(65), 3_000, DIM, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    ResultCheck check = new ResultCheck(Metric.EUCLIDEAN, base, null);
    float[] query = base.vector(17);
    SearchResult whole = index.search(query, K, recallParams());
    SearchResult late = index.search(query, K, recallParams().toBuilder().timeout(Duration.ofNanos(1)).build());
    assertFalse(late.complete());
    assertTrue(late.distanceComputations() < whole.distanceComputations());
    check.recall(query, K, late);
    SearchResult ample = index.search(query, K, recallParams().toBuilder().timeout(Duration.ofDays(3650)).build());
    assertTrue(ample.complete());
    assertArrayEquals(whole.ids(), ample.ids());
    assertFalse(index.rangeSearch(query, Float.MAX_VALUE,
        recallParams().toBuilder().timeout(Duration.ofNanos(1)).build()).complete());
  }

  /**
   * A flag raised on one thread stops searches on others: every query of a batch on a pool of
   * worker threads, searched after the raise, comes back incomplete; with the flag down they all
   * complete with the unbounded answers.
   */
  @Test
  void cancellationFromAnotherThreadStopsTheQueries() throws Exception {
    FlatVectorValues base = TestData.clustered(TestData.seed(66), 3_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(67), 40, DIM, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    float[][] qs = new float[queries.size()][];
    for (int q = 0; q < qs.length; q++) {
      qs[q] = queries.vector(q);
    }
    Cancellation flag = new Cancellation();
    SearchParams params = recallParams().toBuilder().cancellation(flag).build();
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      SearchResult[] running = index.searchBatch(qs, K, params, workers);
      for (int q = 0; q < qs.length; q++) {
        assertTrue(running[q].complete());
        assertArrayEquals(index.search(qs[q], K, recallParams()).ids(), running[q].ids(), "query " + q);
      }
      Future<?> raised = workers.submit(flag::cancel);
      raised.get();
      SearchResult[] stopped = index.searchBatch(qs, K, params, workers);
      ResultCheck check = new ResultCheck(Metric.EUCLIDEAN, base, null);
      for (int q = 0; q < qs.length; q++) {
        assertFalse(stopped[q].complete(), "query " + q + " after cancel()");
        check.recall(qs[q], K, stopped[q]);
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private void assertRangeRecall(String what, double recall) {
    System.out.printf(java.util.Locale.ROOT, "contract %s %s: range recall %.4f, margin %.2f%n",
        getClass().getSimpleName(), what, recall, minRangeRecall());
    assertTrue(recall >= minRangeRecall(),
        what + " recall " + recall + " < " + minRangeRecall() + " (" + TestData.seedInfo() + ")");
  }
}
