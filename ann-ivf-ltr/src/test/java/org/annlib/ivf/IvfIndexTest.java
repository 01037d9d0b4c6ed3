package org.annlib.ivf;

import org.annlib.ProgressListener;
import org.annlib.util.Workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Metric;
import org.annlib.ivf.train.KMeans;
import org.annlib.testkit.TestData;
import org.annlib.vector.VectorUtil;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;

class IvfIndexTest {
  private static double inertia(FlatVectorValues v, float[] c, int k) {
    int dim = v.dimension();
    int[] a = new int[v.size()];
    KMeans.assign(v, c, k, a, Workers.of(1));
    double sum = 0;
    for (int i = 0; i < v.size(); i++) {
      sum += VectorUtil.squareL2(v.data(), i * dim, c, a[i] * dim, dim);
    }
    return sum;
  }

  @Test
  void lloydIterationsLowerTheInertiaOfTheInitialCentres() {
    FlatVectorValues v = TestData.clustered(TestData.seed(30), 3_000, 16, 12);
    double init = inertia(v, KMeans.train(v, 12, 0, 7, false, Workers.of(2), ProgressListener.NONE), 12);
    double trained = inertia(v, KMeans.train(v, 12, 25, 7, false, Workers.of(2), ProgressListener.NONE), 12);
    assertTrue(trained < init, "inertia " + trained + " after 25 iterations vs " + init + " at k-means++");
  }

  @Test
  void kMeansIsDeterministicForASeed() {
    FlatVectorValues v = TestData.clustered(TestData.seed(31), 2_000, 8, 5);
    assertEquals(java.util.Arrays.toString(KMeans.train(v, 10, 10, 3, false, Workers.of(1), ProgressListener.NONE)),
        java.util.Arrays.toString(KMeans.train(v, 10, 10, 3, false, Workers.of(2), ProgressListener.NONE)));
  }

  @Test
  void everyVectorLandsInExactlyOnePartitionAndNoneIsEmpty() {
    FlatVectorValues v = TestData.clustered(TestData.seed(32), 5_000, 16, 40);
    IvfIndex index = IvfIndex.builder(Metric.EUCLIDEAN).nlist(64).build(v);
    int total = 0;
    for (int p = 0; p < index.partitions(); p++) {
      assertTrue(index.partitionSize(p) > 0, "partition " + p + " is empty");
      total += index.partitionSize(p);
    }
    assertEquals(5_000, total);
    // probing every partition is exact search
    float[] q = v.vector(123);
    assertEquals(123, index.search(q, 1, org.annlib.SearchParams.builder().nprobe(64).build()).id(0));
  }

  /**
   * Learned-routing training reports each k-means iteration and each router epoch, and every
   * parallel step of it (k-means, ground truth of the training queries, router gradients) runs
   * as tasks of the caller's executor; the index equals one built on threads of its own.
   */
  @Test
  void trainingReportsEachStepAndRunsOnTheCallersExecutor() {
    FlatVectorValues v = TestData.clustered(TestData.seed(33), 4_000, 16, 20);
    java.util.Map<String, java.util.List<Long>> seen = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try {
      java.util.concurrent.Executor named = task -> pool.execute(() -> {
        threads.add(Thread.currentThread().getName());
        task.run();
      });
      IvfIndex onPool = IvfIndex.builder(Metric.EUCLIDEAN).nlist(32).iterations(6).router(LearnedRouter.NAME)
          .trainingQueries(600).epochs(3).threads(2).executor(named)
          .progress((step, done, total) -> seen.computeIfAbsent(step, x -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(done))
          .build(v);
      assertEquals(java.util.List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), seen.get("k-means"));
      assertTrue(seen.get("router training").size() >= 1, "router epochs reported: " + seen);
      assertEquals(java.util.List.of(4_000L), seen.get("build ivf"));
      assertTrue(threads.stream().allMatch(t -> t.startsWith("pool-")), "tasks ran on " + threads);
      assertTrue(threads.size() >= 1);
      IvfIndex own = IvfIndex.builder(Metric.EUCLIDEAN).nlist(32).iterations(6).router(LearnedRouter.NAME)
          .trainingQueries(600).epochs(3).threads(2).build(v);
      for (int q = 0; q < 20; q++) {
        assertEquals(java.util.Arrays.toString(own.search(v.vector(q * 7), 10).ids()),
            java.util.Arrays.toString(onPool.search(v.vector(q * 7), 10).ids()), "query " + q);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void badParametersAreNamed() {
    FlatVectorValues v = TestData.gaussian(1, 100, 4);
    assertEquals("nlist 256 exceeds the number of vectors 100; every partition needs at least one vector",
        assertThrows(IllegalArgumentException.class, () -> IvfIndex.builder(Metric.EUCLIDEAN).nlist(256).build(v))
            .getMessage());
    assertEquals("nprobe must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> IvfIndex.builder(Metric.EUCLIDEAN).nprobe(0)).getMessage());
    assertEquals("unknown variant 'pq' for index 'ivf'; known: centroid, ltr, centroid-sq8, ltr-sq8", assertThrows(IllegalArgumentException.class,
        () -> new IvfIndexProvider().build(Metric.EUCLIDEAN, v, "pq", java.util.Map.of(), 1,
            org.annlib.ProgressListener.NONE)).getMessage());
  }

  @Test
  void listSizesDescribeThePartitions() {
    FlatVectorValues v = TestData.clustered(TestData.seed(33), 2_000, 8, 10);
    IvfIndex index = IvfIndex.builder(Metric.EUCLIDEAN).nlist(20).build(v);
    ListSizes s = index.listSizes();
    int min = Integer.MAX_VALUE;
    int max = 0;
    double sq = 0;
    for (int p = 0; p < 20; p++) {
      min = Math.min(min, index.partitionSize(p));
      max = Math.max(max, index.partitionSize(p));
      sq += (double) index.partitionSize(p) * index.partitionSize(p);
    }
    assertEquals(20, s.lists());
    assertEquals(min, s.min());
    assertEquals(max, s.max());
    assertTrue(s.min() <= s.median() && s.median() <= s.max());
    assertEquals(20 * sq / (2_000.0 * 2_000.0), s.imbalance(), 1e-9);
  }

  @Test
  void unknownRouterAndEncodingAreNamed() {
    assertEquals("unknown router 'mlp'; known: centroid, ltr", assertThrows(IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).router("mlp")).getMessage());
    assertEquals("unknown encoding 'pq8'; known: float32, sq8", assertThrows(IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).encoding("pq8")).getMessage());
  }

  @Test
  void inPlaceListStorageIsRejectedWithTheReason() {
    assertEquals("IVF lists are a copy of the vectors in partition order; storage IN_PLACE is not possible (use HEAP"
        + " or OFF_HEAP)", assertThrows(IllegalArgumentException.class,
        () -> IvfIndex.builder(Metric.EUCLIDEAN).storage(org.annlib.vectors.VectorStorage.IN_PLACE)).getMessage());
  }
}
