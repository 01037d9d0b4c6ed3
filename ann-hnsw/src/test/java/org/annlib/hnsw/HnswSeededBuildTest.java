package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.datasets.Dataset;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.exact.Recall;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build that starts from another index's graph (how a Lucene merge reuses its largest
 * segment's graph): the seed's nodes keep their levels and entry point under their new ordinals,
 * the rest are inserted, and the result searches as well as a build from scratch. Measured on the
 * embedded Fashion-MNIST subset, M=16, efConstruction=100, ef 32, 200 queries: seeded 0.998,
 * from scratch 0.997 (the check allows 0.01 below the fresh build, and 0.99 at least).
 */
class HnswSeededBuildTest {
  private static VectorValues all;
  private static FlatVectorValues middle;
  private static FlatVectorValues queries;
  private static Neighbors truth;

  @BeforeAll
  static void data() {
    Dataset d = TestData.embedded();
    all = d.train();
    middle = new FlatVectorValues(all.dimension(), 5000);
    for (int i = 3000; i < 8000; i++) {
      middle.add(all.vector(i));
    }
    queries = TestData.head(d.test(), 200);
    truth = GroundTruth.compute(all, queries, Metric.EUCLIDEAN, 10, 2, ProgressListener.NONE);
  }

  private static HnswIndexBuilder builder() {
    return HnswIndex.builder(Metric.EUCLIDEAN).m(16).efConstruction(100).threads(2);
  }

  private static double recall(HnswIndex index) {
    double sum = 0;
    for (int q = 0; q < queries.size(); q++) {
      var r = index.search(queries.vector(q), 10, SearchParams.builder().ef(32).build());
      sum += Recall.idRecall(truth.ids()[q], 10, r.ids(), r.size());
    }
    return sum / queries.size();
  }

  private static int[] shifted(int n, int base) {
    int[] ords = new int[n];
    for (int j = 0; j < n; j++) {
      ords[j] = base + j;
    }
    return ords;
  }

  @Test
  void seededBuildKeepsTheSeedsLevelsAndSearchesAsWellAsAFreshOne() {
    try (HnswIndex seed = builder().build(middle, null);
        HnswIndex seeded = builder().build(all, seed, shifted(5000, 3000));
        HnswIndex fresh = builder().build(all, null)) {
      assertEquals(all.size(), seeded.size());
      for (int j = 0; j < 5000; j += 97) {
        assertEquals(seed.graph().level(j), seeded.graph().level(3000 + j), "level of seed node " + j);
      }
      long e = seed.graph().entry();
      assertEquals(HnswGraph.packEntry(HnswGraph.entryLevel(e), 3000 + HnswGraph.entryNode(e)), seeded.graph().entry());
      double seededRecall = recall(seeded);
      double freshRecall = recall(fresh);
      assertTrue(seededRecall >= freshRecall - 0.01, "seeded " + seededRecall + ", fresh " + freshRecall);
      assertTrue(seededRecall >= 0.99, "seeded " + seededRecall);
    }
  }

  @Test
  void aSeedOfOtherParametersOrWithDeletesIsRefused() {
    try (HnswIndex seed = builder().build(middle, null);
        HnswIndex keepSeed = builder().keepPrunedConnections(true).build(middle, null)) {
      assertFalse(HnswIndex.builder(Metric.EUCLIDEAN).m(8).canSeedFrom(seed));
      assertFalse(HnswIndex.builder(Metric.INNER_PRODUCT).m(16).canSeedFrom(seed));
      assertFalse(builder().canSeedFrom(keepSeed));
      assertTrue(builder().keepPrunedConnections(true).canSeedFrom(keepSeed));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> HnswIndex.builder(Metric.EUCLIDEAN).m(8).build(all, seed, shifted(5000, 0)));
      assertTrue(e.getMessage().startsWith("cannot seed from an index with metric EUCLIDEAN, M 16, strategies"),
          e.getMessage());
      assertEquals("5000 seed nodes but 4999 ordinals",
          assertThrows(IllegalArgumentException.class, () -> builder().build(all, seed, shifted(4999, 0))).getMessage());
      int[] repeated = shifted(5000, 0);
      repeated[1] = 0;
      assertEquals("seed ordinal 0 is out of range or repeated",
          assertThrows(IllegalArgumentException.class, () -> builder().build(all, seed, repeated)).getMessage());
      assertEquals("seed ordinal 10000 is out of range or repeated",
          assertThrows(IllegalArgumentException.class, () -> builder().build(all, seed, shifted(5000, 5001)))
              .getMessage());
      seed.delete(3);
      assertFalse(builder().canSeedFrom(seed));
    }
  }
}
