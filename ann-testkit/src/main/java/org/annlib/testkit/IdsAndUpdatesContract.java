package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchResult;
import org.annlib.UpdatableIndex;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of application ids, updates and persistence: results and filters speak the ids an
 * index was built with; adds, upserts and deletes by id keep recall against a model of what the
 * index should hold; what was changed survives a save and reopen, which writes the same bytes again; searches running
 * during updates never return an id deleted before they started.
 */
public abstract class IdsAndUpdatesContract extends IndexContract {
  /** For the subclass of each index. */
  protected IdsAndUpdatesContract() {}

  private static final int DIM = 24;

  /**
   * Ids that are not ordinals: negative, near {@link Long#MAX_VALUE} and beyond int range, so an
   * index that confuses ids with ordinals, or narrows them to int, fails.
   */
  protected static long[] sparseIds(int n) {
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = switch (i % 3) {
        case 0 -> -1_000_003L * (i + 1);
        case 1 -> Long.MAX_VALUE - 7L * i;
        default -> 4_000_000_000L + 11L * i;
      };
    }
    return ids;
  }

  @Test
  void resultsAndFiltersUseTheApplicationIds() {
    FlatVectorValues base = TestData.clustered(TestData.seed(20), 2_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(21), 100, DIM, 20);
    long[] ids = sparseIds(base.size());
    Index plain = newBuilder(Metric.EUCLIDEAN).threads(1).build(base);
    Index keyed = newBuilder(Metric.EUCLIDEAN).threads(1).build(base, ids);
    for (int q = 0; q < queries.size(); q++) {
      // one-threaded builds are deterministic: the same search under other names
      SearchResult a = plain.search(queries.vector(q), K, recallParams());
      SearchResult b = keyed.search(queries.vector(q), K, recallParams());
      long[] renamed = Arrays.stream(a.ids()).map(ord -> ids[(int) ord]).toArray();
      assertArrayEquals(renamed, b.ids(), "query " + q);
      assertSameDistances(a, b, "query " + q);
    }
    assertRecall("sparse ids", meanRecall(keyed, base, ids, queries, 100, recallParams(), null),
        minRecallPerMetric());
    Bits fivePercent = id -> Math.floorMod(id, 20) == 3;
    assertRecall("sparse ids, 5% filter", meanRecall(keyed, base, ids, queries, 100,
        recallParams().toBuilder().filter(fivePercent).build(), fivePercent), minFilteredRecall());
  }

  @Test
  void badIdsFailTheBuildWithExactMessages() {
    FlatVectorValues base = TestData.gaussian(TestData.seed(22), 4, 3);
    assertMessage("ids has 3 entries for 4 vectors", () -> newBuilder(Metric.EUCLIDEAN).build(base, new long[] {1, 2, 3}));
    assertMessage("id 7 appears twice: at positions 1 and 3",
        () -> newBuilder(Metric.EUCLIDEAN).build(base, new long[] {5, 7, 9, 7}));
  }

  @Test
  void addUpsertDeleteAndGetByIdKeepRecall() {
    Assumptions.assumeTrue(canAdd(), getClass().getSimpleName() + " takes no new vectors");
    FlatVectorValues base = TestData.clustered(TestData.seed(23), 2_000, DIM, 20);
    FlatVectorValues extra = TestData.clustered(TestData.seed(24), 1_000, DIM, 20);
    FlatVectorValues queries = TestData.clustered(TestData.seed(25), 100, DIM, 20);
    long[] ids = sparseIds(3_000);
    Model model = new Model();
    UpdatableIndex u = (UpdatableIndex) newBuilder(Metric.EUCLIDEAN).build(TestData.head(base, 1_500),
        Arrays.copyOf(ids, 1_500));
    for (int i = 0; i < 1_500; i++) {
      model.put(ids[i], base.vector(i));
    }
    for (int i = 1_500; i < 2_000; i++) {
      u.add(ids[i], base.vector(i));
      model.put(ids[i], base.vector(i));
    }
    assertEquals(2_000, u.size());
    assertEquals(2_000, u.liveCount());
    assertTrue(u.contains(ids[1_999]));
    assertFalse(u.contains(12_345));
    assertArrayEquals(base.vector(7), u.vector(ids[7]));
    assertArrayEquals(base.vector(1_800), u.vector(ids[1_800]));
    NoSuchElementException missing = assertThrows(NoSuchElementException.class, () -> u.vector(12_345));
    assertEquals("no vector with id 12345", missing.getMessage());
    assertMessage("id " + ids[3] + " is already in the index; upsert replaces its vector",
        () -> u.add(ids[3], extra.vector(0)));
    assertMessage("vector dimension 23 does not match index dimension 24", () -> u.add(99, new float[23]));
    assertMessage("vector has a non-finite component at index 1: NaN",
        () -> u.upsert(ids[4], new float[] {0, Float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0}));
    assertArrayEquals(base.vector(3), u.vector(ids[3]), "a rejected add changed the stored vector");
    assertArrayEquals(base.vector(4), u.vector(ids[4]), "a rejected upsert changed the stored vector");
    assertFalse(u.contains(99));
    assertEquals(2_000, u.size());
    model.assertRecall(this, u, queries, "after adds", minRecallPerMetric());

    // 30% deleted, then as many new vectors under new ids
    for (int i = 0; i < 2_000; i++) {
      if (i % 10 < 3) {
        assertTrue(u.delete(ids[i]));
        model.remove(ids[i]);
      }
    }
    assertFalse(u.delete(ids[0]), "a second delete of one id");
    assertFalse(u.contains(ids[0]));
    assertThrows(NoSuchElementException.class, () -> u.vector(ids[1]));
    assertEquals(1_400, u.liveCount());
    model.assertRecall(this, u, queries, "30% deleted", minRecallWithDeletes());
    for (int j = 0; j < 600; j++) {
      u.add(ids[2_000 + j], extra.vector(j));
      model.put(ids[2_000 + j], extra.vector(j));
    }
    assertEquals(2_000, u.liveCount());
    if (reusesDeletedSlots()) {
      assertEquals(2_000, u.size(), "the new vectors should fill the deleted slots");
    }
    model.assertRecall(this, u, queries, "30% deleted and re-added", minRecallWithDeletes());

    // replace 100 live vectors; the replaced ones are found under their new vectors
    FlatVectorValues replaced = new FlatVectorValues(DIM, 100);
    for (int j = 0; j < 100; j++) {
      long id = ids[10 * j + 5];
      float[] v = extra.vector(600 + j);
      assertTrue(u.upsert(id, v));
      model.put(id, v);
      replaced.add(v);
      assertArrayEquals(v, u.vector(id));
    }
    assertFalse(u.upsert(ids[2_600], extra.vector(700)), "an upsert of a new id adds it");
    model.put(ids[2_600], extra.vector(700));
    assertEquals(2_001, u.liveCount());
    model.assertRecall(this, u, queries, "after upserts", minRecallWithDeletes());
    model.assertRecall(this, u, replaced, "queries at the replaced vectors", minRecallWithDeletes());
    long next = u.add(extra.vector(701));
    assertEquals(Long.MAX_VALUE - 7, next - 1, "add(vector) takes one more than the largest id");
    assertTrue(u.contains(next));
  }

  @Test
  void changesSurviveSaveAndReopen(@TempDir Path dir) throws IOException {
    FlatVectorValues base = TestData.clustered(TestData.seed(26), 1_000, DIM, 10);
    FlatVectorValues extra = TestData.clustered(TestData.seed(27), 100, DIM, 10);
    long[] ids = sparseIds(1_100);
    Index index = newBuilder(Metric.EUCLIDEAN).build(base, Arrays.copyOf(ids, 1_000));
    if (canAdd()) {
      UpdatableIndex u = (UpdatableIndex) index;
      for (int j = 0; j < 50; j++) {
        u.add(ids[1_000 + j], extra.vector(j));
        u.upsert(ids[20 * j + 1], extra.vector(50 + j));
      }
    }
    for (int i = 0; i < 1_000; i += 9) {
      delete(index, ids[i]);
    }
    Index reopened = reopen(index, dir.resolve("index.bin"));
    Assumptions.assumeTrue(reopened != null, getClass().getSimpleName() + " has no files");
    assertEquals(index.size(), reopened.size());
    FlatVectorValues queries = TestData.clustered(TestData.seed(28), 50, DIM, 10);
    for (int q = 0; q < queries.size(); q++) {
      SearchResult a = index.search(queries.vector(q), K, recallParams());
      SearchResult b = reopened.search(queries.vector(q), K, recallParams());
      assertArrayEquals(a.ids(), b.ids(), "query " + q);
      assertSameDistances(a, b, "query " + q);
    }
    // what was read back writes the same bytes again
    Path again = dir.resolve("again.bin");
    reopen(reopened, again);
    assertEquals(-1L, Files.mismatch(dir.resolve("index.bin"), again), "a reopened index saves other bytes");
    if (index instanceof UpdatableIndex u && reopened instanceof UpdatableIndex r) {
      assertEquals(u.liveCount(), r.liveCount());
      for (long id : ids) {
        assertEquals(u.contains(id), r.contains(id), "id " + id);
        if (u.contains(id)) {
          assertArrayEquals(u.vector(id), r.vector(id), "id " + id);
        }
      }
    }
  }

  @Test
  void searchesDuringUpdatesNeverReturnAnIdDeletedBeforeThem() throws Exception {
    Assumptions.assumeTrue(canAdd(), getClass().getSimpleName() + " takes no new vectors");
    FlatVectorValues base = TestData.clustered(TestData.seed(29), 3_000, DIM, 20);
    FlatVectorValues extra = TestData.clustered(TestData.seed(30), 1_000, DIM, 20);
    UpdatableIndex u = (UpdatableIndex) newBuilder(Metric.EUCLIDEAN).build(base);
    AtomicInteger deletedBelow = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Future<?> writer = pool.submit(() -> {
        try {
          for (int i = 0; i < 1_000; i++) {
            u.delete(i);
            deletedBelow.set(i + 1);
            u.add(10_000 + i, extra.vector(i));
            u.upsert(2_000 + i % 500, extra.vector(999 - i));
          }
        } finally {
          done.set(true);
        }
      });
      List<Future<?>> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        readers.add(pool.submit(() -> {
          for (int n = 0; !done.get() || n < 50; n++) {
            int before = deletedBelow.get();
            long[] got = u.search(base.vector((n * 31 + offset) % 3_000), K, recallParams()).ids();
            Set<Long> seen = new HashSet<>();
            for (long id : got) {
              assertFalse(id < before, "id " + id + " was deleted before this search started");
              assertTrue(seen.add(id), "id " + id + " returned twice");
            }
          }
        }));
      }
      writer.get();
      for (Future<?> r : readers) {
        r.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3_000, u.liveCount());
    if (reusesDeletedSlots()) {
      assertEquals(3_000, u.size());
    }
  }

  /**
   * Equal up to float rounding: the Vector API's kernels may sum in another order before the JIT
   * compiles them than after, so one index can score one pair a ulp apart at different times.
   */
  private static void assertSameDistances(SearchResult a, SearchResult b, String what) {
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.distance(i), b.distance(i), 1e-6f * Math.max(1, Math.abs(a.distance(i))), what + ", rank " + i);
    }
  }

  /** What the index should hold: live ids and their vectors, in the order they were stored. */
  private static final class Model {
    private final java.util.LinkedHashMap<Long, float[]> vectors = new java.util.LinkedHashMap<>();

    void put(long id, float[] v) {
      vectors.put(id, v.clone());
    }

    void remove(long id) {
      vectors.remove(id);
    }

    void assertRecall(IndexContract suite, Index index, VectorValues queries, String what, double margin) {
      FlatVectorValues base = new FlatVectorValues(DIM, vectors.size());
      long[] ids = new long[vectors.size()];
      int r = 0;
      for (var e : vectors.entrySet()) {
        ids[r++] = e.getKey();
        base.add(e.getValue());
      }
      suite.assertRecall(what, meanRecall(index, base, ids, queries, queries.size(), suite.recallParams(), null),
          margin);
    }
  }
}
