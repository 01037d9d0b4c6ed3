package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.exact.FlatIndex;
import org.annlib.exact.Recall;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;

/** Slot reuse, the entry node's slot, and compaction: what HNSW does with deletes beyond the contract. */
class HnswUpdatesTest {
  private static final FlatVectorValues BASE = TestData.clustered(TestData.seed(50), 3_000, 16, 10);
  private static final FlatVectorValues EXTRA = TestData.clustered(TestData.seed(51), 1_000, 16, 10);

  @Test
  void anAddAfterADeleteTakesTheDeletedSlot() {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).threads(1).build(BASE);
    assertTrue(index.delete(1_234));
    index.add(77_000_000_000L, EXTRA.vector(0));
    assertEquals(3_000, index.size(), "the new vector took the deleted slot");
    assertEquals(3_000, index.liveCount());
    assertArrayEquals(EXTRA.vector(0), index.vectors().vector(1_234), "slot 1234 holds the new vector");
    SearchResult r = index.search(EXTRA.vector(0), 1, SearchParams.builder().ef(64).build());
    assertEquals(77_000_000_000L, r.id(0));
    assertFalse(index.contains(1_234));
    index.add(3_000, EXTRA.vector(1));
    assertEquals(3_001, index.size(), "no slot was free: appended");
  }

  @Test
  void theEntryNodesSlotIsReusedAndSearchesStillStartThere() {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).threads(1).build(BASE);
    int entry = HnswGraph.entryNode(index.graph().entry());
    int level = index.graph().level(entry);
    assertTrue(index.delete(entry));
    index.add(-5, EXTRA.vector(2));
    assertEquals(entry, HnswGraph.entryNode(index.graph().entry()), "the entry point did not move");
    assertEquals(level, index.graph().level(entry));
    assertEquals(-5, index.search(EXTRA.vector(2), 1, SearchParams.builder().ef(64).build()).id(0));
    assertTrue(recall(index, EXTRA, 200) >= 0.97, "recall " + recall(index, EXTRA, 200));
  }

  @Test
  void compactionKeepsTheLiveVectorsUnderTheirIdsAndNothingElse() {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).threads(2).build(BASE);
    for (int i = 0; i < 3_000; i += 3) {
      index.delete(i);
    }
    HnswIndex compact = index.compact(2);
    assertEquals(2_000, compact.size());
    assertEquals(2_000, compact.liveCount());
    assertEquals(3_000, index.size(), "the compacted index is unchanged");
    assertEquals(index.strategies(), compact.strategies());
    assertEquals(index.config(), compact.config());
    for (int i = 0; i < 3_000; i++) {
      assertEquals(i % 3 != 0, compact.contains(i), "id " + i);
    }
    assertArrayEquals(BASE.vector(1), compact.vector(1));
    double r = recall(compact, EXTRA, 200);
    assertTrue(r >= 0.97, "recall after compaction " + r);
  }

  /** Recall@10 at ef 64 against exact search over the index's live vectors. */
  private static double recall(HnswIndex index, FlatVectorValues queries, int n) {
    FlatIndex exact = FlatIndex.create(Metric.EUCLIDEAN, 16);
    for (int i = 0; i < 3_000; i++) {
      if (index.contains(i)) {
        exact.add(i, index.vector(i));
      }
    }
    for (long id : new long[] {-5, 77_000_000_000L}) {
      if (index.contains(id)) {
        exact.add(id, index.vector(id));
      }
    }
    double sum = 0;
    for (int q = 0; q < n; q++) {
      long[] truth = exact.search(queries.vector(q), 10).ids();
      SearchResult got = index.search(queries.vector(q), 10, SearchParams.builder().ef(64).build());
      sum += Recall.idRecall(truth, 10, got.ids(), got.size());
    }
    return sum / n;
  }
}
