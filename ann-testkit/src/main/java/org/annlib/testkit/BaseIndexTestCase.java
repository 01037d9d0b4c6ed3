package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.FlatIndex;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Index} passes: subclass it, return a builder, and state the recall
 * margins your index guarantees. Recall is always measured against {@link FlatIndex} on the same
 * vectors, with fixed seeds ({@link TestData#seed}).
 */
public abstract class BaseIndexTestCase {
  protected static final int K = 10;

  /** A builder for an index of {@code metric}, with parameters suited to a few thousand vectors. */
  protected abstract IndexBuilder<? extends Index> newBuilder(Metric metric);

  /** Search parameters for the recall checks (for example a large enough ef). */
  protected SearchParams recallParams() {
    return SearchParams.DEFAULT;
  }

  /**
   * Minimum mean recall@10 on the embedded Fashion-MNIST set; subclasses override with the value
   * their parameters guarantee, and say why in a comment.
   */
  protected abstract double minRecallOnRealData();

  /** Minimum mean recall@10 on 2,000 clustered synthetic vectors, for each metric. */
  protected abstract double minRecallPerMetric();

  /** Minimum mean recall@10 with a filter that accepts about 5% of the ids. */
  protected abstract double minFilteredRecall();

  protected static double meanRecall(Index index, VectorValues queries, Index exact, int n, SearchParams params) {
    double sum = 0;
    for (int q = 0; q < n; q++) {
      float[] query = queries.vector(q);
      SearchResult truth = exact.search(query, K, params.toBuilder().ef(0).nprobe(0).build());
      SearchResult got = index.search(query, K, params);
      sum += tieAwareRecall(truth, got);
    }
    return sum / n;
  }

  /** Hits counted the ann-benchmarks way: a distance within the k-th true distance counts. */
  protected static double tieAwareRecall(SearchResult truth, SearchResult got) {
    if (truth.size() == 0) {
      return 1.0;
    }
    float kth = truth.distance(truth.size() - 1);
    double eps = 1e-5 * Math.max(1, Math.abs(kth));
    int hits = 0;
    for (int i = 0; i < Math.min(truth.size(), got.size()); i++) {
      if (got.distance(i) <= kth + eps) {
        hits++;
      }
    }
    return hits / (double) truth.size();
  }

  @Test
  void recallOnTheEmbeddedRealDataset() {
    Dataset d = TestData.embedded();
    Index index = newBuilder(d.metric()).build(d.train());
    assertEquals(d.train().size(), index.size());
    assertEquals(d.dimension(), index.dimension());
    assertEquals(d.metric(), index.metric());
    FlatIndex exact = FlatIndex.builder(d.metric()).build(d.train());
    double recall = meanRecall(index, d.test(), exact, 300, recallParams());
    assertTrue(recall >= minRecallOnRealData(),
        "recall@10 " + recall + " < " + minRecallOnRealData() + " on " + d.name() + " (" + TestData.seedInfo() + ")");
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void recallForEveryMetric(Metric metric) {
    FlatVectorValues base = TestData.clustered(TestData.seed(metric.ordinal()), 2_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(metric.ordinal() + 100), 100, 24, 20);
    Index index = newBuilder(metric).build(base);
    FlatIndex exact = FlatIndex.builder(metric).build(base);
    double recall = meanRecall(index, queries, exact, 100, recallParams());
    assertTrue(recall >= minRecallPerMetric(),
        metric + " recall@10 " + recall + " < " + minRecallPerMetric() + " (" + TestData.seedInfo() + ")");
    SearchResult r = index.search(queries.vector(0), K, recallParams());
    for (int i = 1; i < r.size(); i++) {
      assertTrue(r.distance(i - 1) <= r.distance(i), "results best first");
    }
  }

  @Test
  void emptyIndexReturnsNothing() {
    Index index = newBuilder(Metric.EUCLIDEAN).build(new FlatVectorValues(5, 1));
    assertEquals(0, index.size());
    assertEquals(0, index.search(new float[] {1, 2, 3, 4, 5}, K).size());
  }

  @Test
  void singleVectorIndexReturnsIt() {
    FlatVectorValues one = new FlatVectorValues(3, 1);
    one.add(new float[] {1, 2, 3});
    Index index = newBuilder(Metric.EUCLIDEAN).build(one);
    SearchResult r = index.search(new float[] {1, 2, 4}, K);
    assertArrayEquals(new int[] {0}, r.ids());
    assertEquals(1f, r.distance(0), 1e-6f);
  }

  @Test
  void kLargerThanTheIndexReturnsEveryVector() {
    FlatVectorValues base = TestData.gaussian(TestData.seed(7), 15, 8);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    SearchResult r = index.search(base.vector(3), 100, recallParams());
    assertEquals(15, r.size());
    assertEquals(3, r.id(0));
  }

  @Test
  void duplicateVectorsAreAllFound() {
    // Many identical vectors are a known way to disconnect a graph index.
    FlatVectorValues base = new FlatVectorValues(16, 1_200);
    FlatVectorValues noise = TestData.gaussian(TestData.seed(8), 1_000, 16);
    float[] dup = noise.vector(0);
    for (int i = 0; i < 1_200; i++) {
      base.add(i % 6 == 0 ? dup : noise.vector(i % 1_000));
    }
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    SearchResult r = index.search(dup, K, recallParams());
    assertEquals(K, r.size());
    for (int i = 0; i < K; i++) {
      assertEquals(0f, r.distance(i), 0f, "rank " + i + " should be an exact duplicate");
    }
    // and the rest of the graph is still reachable
    FlatIndex exact = FlatIndex.builder(Metric.EUCLIDEAN).build(base);
    double recall = meanRecall(index, TestData.gaussian(TestData.seed(9), 50, 16), exact, 50, recallParams());
    assertTrue(recall >= minRecallPerMetric(), "recall with duplicates " + recall);
  }

  @Test
  void filteredSearchReturnsOnlyAcceptedIdsWithRecall() {
    FlatVectorValues base = TestData.clustered(TestData.seed(10), 4_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(11), 100, 24, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    FlatIndex exact = FlatIndex.builder(Metric.EUCLIDEAN).build(base);
    SearchParams filtered = recallParams().toBuilder().filter(id -> id % 20 == 3).build();
    double recall = meanRecall(index, queries, exact, 100, filtered);
    assertTrue(recall >= minFilteredRecall(), "5% filter recall@10 " + recall + " < " + minFilteredRecall());
    SearchResult r = index.search(queries.vector(0), K, filtered);
    assertEquals(K, r.size());
    for (int id : r.ids()) {
      assertEquals(3, id % 20, "id " + id + " was not accepted by the filter");
    }
    assertEquals(0, index.search(queries.vector(0), K, recallParams().toBuilder().filter(id -> false).build()).size());
  }

  @Test
  void concurrentSearchesReturnWhatSingleThreadedSearchReturns() throws Exception {
    FlatVectorValues base = TestData.clustered(TestData.seed(12), 3_000, 32, 10);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    FlatVectorValues queries = TestData.clustered(TestData.seed(13), 200, 32, 10);
    List<int[]> expected = new ArrayList<>();
    for (int q = 0; q < 200; q++) {
      expected.add(index.search(queries.vector(q), K, recallParams()).ids());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        fs.add(pool.submit(() -> {
          for (int i = 0; i < 400; i++) {
            int q = (i * 7 + offset * 13) % 200;
            assertArrayEquals(expected.get(q), index.search(queries.vector(q), K, recallParams()).ids(), "query " + q);
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badQueriesAreRejectedWithExactMessages() {
    FlatVectorValues base = TestData.gaussian(TestData.seed(14), 100, 4);
    Index index = newBuilder(Metric.COSINE).build(base);
    assertMessage("query dimension 3 does not match index dimension 4", () -> index.search(new float[3], K));
    assertMessage("query has a non-finite component at index 2: NaN",
        () -> index.search(new float[] {1, 0, Float.NaN, 0}, K));
    assertMessage("k must be positive, got 0", () -> index.search(new float[] {1, 0, 0, 0}, 0));
    assertMessage("query is a zero vector, which has no direction under COSINE", () -> index.search(new float[4], K));
    assertEquals(100, index.size());
    assertEquals(K, index.search(base.vector(5), K, recallParams()).size());
  }

  @Test
  void badVectorsFailTheBuildWithExactMessages() {
    FlatVectorValues bad = FlatVectorValues.wrap(new float[] {1, 2, 3, 4, Float.POSITIVE_INFINITY, 6}, 2);
    assertMessage("vector 2 has a non-finite component at index 0: Infinity",
        () -> newBuilder(Metric.EUCLIDEAN).build(bad));
    FlatVectorValues zero = FlatVectorValues.wrap(new float[] {1, 2, 0, 0}, 2);
    assertMessage("vector 1 is a zero vector, which has no direction under COSINE",
        () -> newBuilder(Metric.COSINE).build(zero));
  }

  protected static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
