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
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link Index} passes: subclass it, return a builder, and state the recall
 * margins your index guarantees. Every result is checked by {@link ResultCheck} against the same
 * vectors, with fixed seeds ({@link TestData#seed}). The tests of application ids, updates and
 * persistence are in {@link IdsAndUpdatesContract}, those of range search and bounded queries in
 * {@link SearchControlContract}.
 */
public abstract class BaseIndexTestCase extends SearchControlContract {
  /** For the subclass of each index. */
  protected BaseIndexTestCase() {}

  @Test
  void recallOnTheEmbeddedRealDataset() {
    Dataset d = TestData.embedded();
    Index index = newBuilder(d.metric()).build(d.train());
    assertEquals(d.train().size(), index.size());
    assertEquals(d.dimension(), index.dimension());
    assertEquals(d.metric(), index.metric());
    assertRecall(d.name(), meanRecall(index, d.train(), d.test(), 300, recallParams(), null), minRecallOnRealData());
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void recallForEveryMetric(Metric metric) {
    FlatVectorValues base = TestData.clustered(TestData.seed(metric.ordinal()), 2_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(metric.ordinal() + 100), 100, 24, 20);
    Index index = newBuilder(metric).build(base);
    assertRecall(metric.toString(), meanRecall(index, base, queries, 100, recallParams(), null), minRecallPerMetric());
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
    assertArrayEquals(new long[] {0}, r.ids());
    assertEquals(1f, r.distance(0), 1e-6f);
  }

  @Test
  void kLargerThanTheIndexReturnsEveryVector() {
    FlatVectorValues base = TestData.gaussian(TestData.seed(7), 15, 8);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    for (int k : new int[] {100, 1_000_000, Integer.MAX_VALUE}) {
      SearchResult r = index.search(base.vector(3), k, recallParams());
      assertEquals(15, r.size(), "k=" + k);
      assertEquals(3, r.id(0));
      assertEquals(1.0, new ResultCheck(Metric.EUCLIDEAN, base, null).recall(base.vector(3), k, r), "k=" + k);
    }
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
    assertRecall("with duplicates", meanRecall(index, base, TestData.gaussian(TestData.seed(9), 50, 16), 50,
        recallParams(), null), minRecallWithDuplicates());
  }

  @Test
  void filteredSearchReturnsOnlyAcceptedIdsWithRecall() {
    FlatVectorValues base = TestData.clustered(TestData.seed(10), 4_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(11), 100, 24, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    Bits filter = id -> id % 20 == 3;
    SearchParams filtered = recallParams().toBuilder().filter(filter).build();
    assertRecall("5% filter", meanRecall(index, base, queries, 100, filtered, filter), minFilteredRecall());
    assertEquals(K, index.search(queries.vector(0), K, filtered).size());
    assertEquals(0, index.search(queries.vector(0), K, recallParams().toBuilder().filter(id -> false).build()).size());
  }

  @Test
  void deletedIdsAreNeverReturned() {
    FlatVectorValues base = TestData.clustered(TestData.seed(15), 3_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(16), 100, 24, 20);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    java.util.BitSet live = new java.util.BitSet(base.size());
    live.set(0, base.size());
    // Delete the nearest neighbour of every tenth query first (the ids a broken delete returns), then
    // every tenth id.
    for (int q = 0; q < queries.size(); q += 10) {
      int nearest = (int) index.search(queries.vector(q), 1, recallParams()).id(0);
      Assumptions.assumeTrue(delete(index, nearest), getClass().getSimpleName() + " has no deletes");
      live.clear(nearest);
    }
    for (int id = 0; id < base.size(); id += 10) {
      if (live.get(id)) {
        assertTrue(delete(index, id));
        live.clear(id);
      }
    }
    assertRecall("10% deleted", meanRecall(index, base, queries, 100, recallParams(), id -> live.get((int) id)),
        minRecallWithDeletes());
    Bits odd = id -> (id & 1) == 1;
    assertRecall("10% deleted, half filtered", meanRecall(index, base, queries, 100,
        recallParams().toBuilder().filter(odd).build(), id -> live.get((int) id) && odd.get(id)), minRecallWithDeletes());
  }

  @Test
  void concurrentSearchesReturnWhatSingleThreadedSearchReturns() throws Exception {
    FlatVectorValues base = TestData.clustered(TestData.seed(12), 3_000, 32, 10);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base);
    FlatVectorValues queries = TestData.clustered(TestData.seed(13), 200, 32, 10);
    List<long[]> expected = new ArrayList<>();
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
  void batchSearchReturnsWhatSingleSearchesReturnInQueryOrder() throws Exception {
    FlatVectorValues base = TestData.clustered(TestData.seed(17), 2_000, 24, 10);
    float[][] rows = new float[base.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = base.vector(i);
    }
    // the array adapter builds the same index as the vectors it copies (one thread: deterministic)
    Index index = newBuilder(Metric.EUCLIDEAN).threads(1).build(rows, null);
    Index same = newBuilder(Metric.EUCLIDEAN).threads(1).build(base);
    FlatVectorValues queries = TestData.clustered(TestData.seed(18), 300, 24, 10);
    float[][] q = new float[queries.size()][];
    for (int i = 0; i < q.length; i++) {
      q[i] = queries.vector(i);
    }
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      SearchResult[] onTwo = index.searchBatch(q, K, recallParams(), two);
      SearchResult[] onCommon = index.searchBatch(q, K, recallParams());
      assertEquals(q.length, onTwo.length);
      for (int i = 0; i < q.length; i++) {
        long[] single = index.search(q[i], K, recallParams()).ids();
        assertArrayEquals(single, onTwo[i].ids(), "query " + i + " on two threads");
        assertArrayEquals(single, onCommon[i].ids(), "query " + i + " on the common pool");
        assertArrayEquals(single, same.search(q[i], K, recallParams()).ids(), "query " + i + ", built from arrays");
      }
      float[][] bad = {q[0], q[1], new float[5]};
      assertMessage("query 2 dimension 5 does not match index dimension 24",
          () -> index.searchBatch(bad, K, recallParams(), two));
      assertEquals(0, index.searchBatch(new float[0][], K, recallParams(), two).length);
    } finally {
      two.shutdownNow();
    }
  }

  /**
   * A build given an executor runs its parallel steps there (for builders that have any), reports
   * its end through the listener (a "build ..." step at done == total == size), and makes an
   * index as good as one built on threads of its own.
   */
  @Test
  void aBuildRunsOnTheCallersExecutorAndReportsProgress() throws Exception {
    FlatVectorValues base = TestData.clustered(TestData.seed(70), 2_000, 24, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(71), 100, 24, 20);
    java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ConcurrentLinkedQueue<String> steps = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Executor counting = task -> {
        tasks.incrementAndGet();
        pool.execute(task);
      };
      Index index = newBuilder(Metric.EUCLIDEAN).threads(2).executor(counting).progress((step, done, total) -> {
        steps.add(step);
        assertTrue(total < 0 || done <= total, step + " reports " + done + " of " + total);
        if (step.startsWith("build") && done == base.size() && total == base.size()) {
          ended.set(true);
        }
      }).build(base);
      assertTrue(ended.get(), "no build step reported its end; steps seen: " + new java.util.TreeSet<>(steps));
      if (buildsInParallel()) {
        assertTrue(tasks.get() >= 2, "the build ran " + tasks.get() + " tasks on the executor");
      }
      assertRecall("built on an executor", meanRecall(index, base, queries, 100, recallParams(), null),
          minRecallPerMetric());
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
    assertMessage("search params must not be null; pass SearchParams.DEFAULT",
        () -> index.search(new float[] {1, 0, 0, 0}, K, null));
    assertMessage("query must not be null", () -> index.search(null, K));
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
}
