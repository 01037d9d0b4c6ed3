package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.exact.FlatIndex;
import org.annlib.testkit.ResultCheck;
import org.annlib.testkit.TestData;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall-target search: an index calibrated on one half of the embedded set's queries meets the
 * target on the other half, the table it keeps is the recall an independent exact search
 * measures, it survives save, load and map byte for byte, and misuse fails with messages naming
 * the problem.
 */
class HnswRecallTargetTest {
  private static final Dataset DATA = TestData.embedded();
  private static final FlatVectorValues CALIBRATION = rows(DATA.test(), 0, 500);
  private static final FlatVectorValues EVALUATION = rows(DATA.test(), 500, 1_000);
  private static HnswIndex plain;
  private static HnswIndex coded;

  @TempDir Path dir;

  @BeforeAll
  static void build() {
    plain = HnswIndex.builder(DATA.metric()).m(12).efConstruction(100).threads(1).build(DATA.train());
    plain.calibrate(CALIBRATION, new int[] {1, 10}, 2);
    coded = HnswIndex.builder(DATA.metric()).m(12).efConstruction(100).threads(1).strategy("codes", "sq4u")
        .strategy(BaseLayerSearch.ROLE, "pool").build(DATA.train());
    coded.calibrate(CALIBRATION, new int[] {10}, 2);
  }

  private static FlatVectorValues rows(VectorValues v, int from, int to) {
    FlatVectorValues out = new FlatVectorValues(v.dimension(), to - from);
    for (int i = from; i < to; i++) {
      out.add(v.vector(i));
    }
    return out;
  }

  /**
   * Mean recall@k of {@code index} on {@code queries} against exact search: a returned id is a
   * hit when exact search returned it too, or when it ties the k-th exact distance (Fashion-MNIST
   * has duplicate images, so either of two equal vectors is a right answer).
   */
  private static double recall(HnswIndex index, VectorValues queries, int k, SearchParams params) {
    return recall(index, FlatIndex.builder(DATA.metric()).build(DATA.train()), queries, k, params);
  }

  private static double recall(HnswIndex index, FlatIndex exact, VectorValues queries, int k, SearchParams params) {
    double sum = 0;
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.vector(q);
      SearchResult truth = exact.search(query, k);
      float kth = truth.distances()[k - 1];
      SearchResult r = index.search(query, k, params);
      int hits = 0;
      for (int i = 0; i < r.size(); i++) {
        boolean found = r.distances()[i] <= kth * (1 + 1e-5f);
        for (long t : truth.ids()) {
          found |= r.ids()[i] == t;
        }
        hits += found ? 1 : 0;
      }
      sum += hits / (double) k;
    }
    return sum / queries.size();
  }

  /**
   * Measured on the held-out half (embedded Fashion-MNIST, M=12, efConstruction 100, one build
   * thread, so the graph is the same every run), 2026-12-05, at targets 0.90 / 0.95 / 0.99: beam
   * 0.9476 / 0.9624 / 0.9928 (ef 10 / 12 / 24), sq4u pool 0.9776 / 0.9776 / 0.9938 (ef 10 / 10 /
   * 24). Each target's ef is the smallest on the grid that reached it, so the held-out mean sits
   * between the target and the next grid step's recall.
   */
  @Test
  void unseenQueriesReachTheTargetOnAverage() {
    for (HnswIndex index : List.of(plain, coded)) {
      int first = 0;
      int last = 0;
      for (double target : new double[] {0.90, 0.95, 0.99}) {
        SearchParams byTarget = SearchParams.builder().targetRecall(target).build();
        double got = recall(index, EVALUATION, 10, byTarget);
        int ef = index.recallCalibration().ef(10, target);
        String what = index.strategies().search().name() + " at target " + target + " (ef " + ef + ")";
        System.out.printf("recall target %s: held-out recall@10 %.4f%n", what, got);
        assertTrue(got >= target, what + ": held-out recall " + got);
        assertTrue(ef >= last, what + ": a higher target needs a beam at least as wide as " + last);
        first = first == 0 ? ef : first;
        last = ef;
        SearchParams byEf = SearchParams.builder().ef(ef).build();
        for (int q = 0; q < 50; q++) {
          ResultCheck.assertSameAnswer(index.search(EVALUATION.vector(q), 10, byEf),
              index.search(EVALUATION.vector(q), 10, byTarget), what + ", query " + q);
        }
      }
      assertTrue(last > first, "0.99 needs a wider beam than 0.90: " + first + " and " + last);
    }
  }

  /**
   * Every grid point's mean recall is what exact search measures on the calibration queries at
   * that ef.
   */
  @Test
  void theTableIsTheRecallExactSearchMeasures() {
    RecallCalibration c = plain.recallCalibration();
    assertEquals(500, c.queries());
    assertEquals(DATA.train().size(), c.size());
    assertEquals(List.of(1, 10), c.tables().stream().map(RecallCalibration.Table::k).toList());
    RecallCalibration.Table t = c.tableFor(10);
    assertEquals(10, t.ef()[0], "the grid starts at k");
    for (int i : new int[] {0, 3, 6}) {
      double expected = recall(plain, CALIBRATION, 10, SearchParams.builder().ef(t.ef()[i]).build());
      assertEquals(expected, t.meanRecall()[i], 1e-6, "ef " + t.ef()[i]);
    }
    for (int i = 1; i < t.ef().length; i++) {
      assertTrue(t.ef()[i] > t.ef()[i - 1]);
      assertTrue(t.distancesPerQuery()[i] > t.distancesPerQuery()[i - 1], "wider beams compute more distances");
    }
  }

  /** Deleted vectors are not in the ground truth the calibration measures against. */
  @Test
  void aCalibrationAfterDeletesMeasuresAgainstTheLiveVectors() {
    HnswIndex index = HnswIndex.builder(DATA.metric()).m(12).efConstruction(100).build(TestData.head(DATA.train(),
        3_000));
    for (int id = 0; id < 3_000; id += 7) {
      index.delete(id);
    }
    VectorValues queries = rows(DATA.test(), 0, 100);
    index.calibrate(queries, new int[] {10}, 2);
    RecallCalibration.Table t = index.recallCalibration().tableFor(10);
    assertEquals(3_000 - 429, index.recallCalibration().size());
    FlatVectorValues live = new FlatVectorValues(DATA.dimension(), 3_000);
    long[] liveIds = new long[3_000 - 429];
    for (int id = 0, j = 0; id < 3_000; id++) {
      if (id % 7 != 0) {
        live.add(DATA.train().vector(id));
        liveIds[j++] = id;
      }
    }
    FlatIndex exact = FlatIndex.builder(DATA.metric()).build(live, liveIds);
    SearchParams at = SearchParams.builder().ef(t.ef()[2]).build();
    assertEquals(recall(index, exact, queries, 10, at), t.meanRecall()[2], 1e-6);
  }

  @Test
  void theCalibrationIsSavedLoadedAndMappedByteForByte() throws IOException {
    Path f = dir.resolve("calibrated.hnsw");
    coded.save(f);
    RecallCalibration saved = coded.recallCalibration();
    HnswIndex loaded = HnswIndex.load(f);
    assertSame(saved, loaded.recallCalibration());
    try (HnswIndex mapped = HnswIndex.map(f)) {
      assertSame(saved, mapped.recallCalibration());
      SearchParams p = SearchParams.builder().targetRecall(0.95).build();
      for (int q = 0; q < 20; q++) {
        ResultCheck.assertSameAnswer(coded.search(EVALUATION.vector(q), 10, p),
            mapped.search(EVALUATION.vector(q), 10, p), "query " + q);
      }
    }
    Path again = dir.resolve("again.hnsw");
    loaded.save(again);
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again));
  }

  private static void assertSame(RecallCalibration a, RecallCalibration b) {
    assertNotNull(b);
    assertEquals(a.size(), b.size());
    assertEquals(a.queries(), b.queries());
    assertEquals(a.tables().size(), b.tables().size());
    for (int i = 0; i < a.tables().size(); i++) {
      RecallCalibration.Table x = a.tables().get(i);
      RecallCalibration.Table y = b.tables().get(i);
      assertEquals(x.k(), y.k());
      assertArrayEquals(x.ef(), y.ef());
      assertArrayEquals(x.meanRecall(), y.meanRecall());
      assertArrayEquals(x.standardError(), y.standardError());
      assertArrayEquals(x.p10Recall(), y.p10Recall());
      assertArrayEquals(x.distancesPerQuery(), y.distancesPerQuery());
    }
  }

  @Test
  void anEfBesideATargetCapsIt() {
    int ef = plain.recallCalibration().ef(10, 0.99);
    SearchParams capped = SearchParams.builder().targetRecall(0.99).ef(ef / 2).build();
    SearchParams half = SearchParams.builder().ef(ef / 2).build();
    for (int q = 0; q < 20; q++) {
      ResultCheck.assertSameAnswer(plain.search(EVALUATION.vector(q), 10, half),
          plain.search(EVALUATION.vector(q), 10, capped), "query " + q);
    }
  }

  @Test
  void aKAboveTheCalibratedOnesIsRefusedAndASmallerOneUsesTheNextTable() {
    SearchParams p = SearchParams.builder().targetRecall(0.9).build();
    assertEquals("this index is calibrated for k up to 10, not k=11; calibrate it with a larger k or search with an ef",
        assertThrows(IllegalArgumentException.class, () -> plain.search(EVALUATION.vector(0), 11, p)).getMessage());
    RecallCalibration c = plain.recallCalibration();
    assertEquals(c.tableFor(10).ef()[c.tableFor(10).reaching(0.9)], c.ef(5, 0.9));
    assertEquals(10, c.tableFor(2).k());
    assertEquals(1, c.tableFor(1).k());
  }

  @Test
  void anUncalibratedIndexAndARangeSearchRefuseATarget() {
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).m(8).efConstruction(32)
        .build(TestData.gaussian(TestData.seed(60), 200, 8));
    SearchParams p = SearchParams.builder().targetRecall(0.9).build();
    float[] q = new float[8];
    assertEquals("this HNSW index has no recall calibration: call calibrate(queries, ks, threads) with queries like"
            + " the ones it will serve, or search with an ef",
        assertThrows(IllegalStateException.class, () -> index.search(q, 10, p)).getMessage());
    assertEquals("a recall target applies to k-nearest search; range search takes an ef",
        assertThrows(IllegalArgumentException.class, () -> plain.rangeSearch(EVALUATION.vector(0), 1f, p))
            .getMessage());
  }

  /** A hand-made table: the margin, the choice and the ceiling message, exactly. */
  @Test
  void aTargetMapsToTheSmallestEfWhoseMeanLessTwoStandardErrorsReachesIt() {
    RecallCalibration c = new RecallCalibration(1_000, 400, List.of(new RecallCalibration.Table(10,
        new int[] {10, 20, 40, 80}, new float[] {0.80f, 0.92f, 0.96f, 0.97f}, new float[] {0.01f, 0.01f, 0.004f, 0.002f},
        new float[] {0.6f, 0.8f, 0.9f, 0.9f}, new float[] {100, 200, 400, 800})));
    assertEquals(20, c.ef(10, 0.90), "0.92 - 0.02 reaches 0.90");
    assertEquals(40, c.ef(10, 0.91), "0.92 - 0.02 does not reach 0.91; 0.96 - 0.008 does");
    assertEquals(80, c.ef(10, 0.96), "0.96 - 0.008 falls short; 0.97 - 0.004 does not");
    assertEquals("target recall 0.97 is above what this index reached in calibration at k=10: 0.9700 at ef 80"
            + " (less 2 standard errors: 0.9660); lower the target or search with an ef",
        assertThrows(IllegalArgumentException.class, () -> c.ef(10, 0.97)).getMessage());
  }

  @Test
  void badCalibrationInputIsNamedAndChangesNothing() {
    RecallCalibration before = plain.recallCalibration();
    assertEquals("calibration queries have dimension 3, the index " + DATA.dimension(),
        assertThrows(IllegalArgumentException.class,
            () -> plain.calibrate(TestData.gaussian(1, 10, 3), new int[] {10}, 1)).getMessage());
    assertEquals("calibration k 10 is listed twice", assertThrows(IllegalArgumentException.class,
        () -> plain.calibrate(CALIBRATION, new int[] {10, 10}, 1)).getMessage());
    assertEquals("calibration k must be positive, got 0", assertThrows(IllegalArgumentException.class,
        () -> plain.calibrate(CALIBRATION, new int[] {0}, 1)).getMessage());
    assertEquals("calibration needs at least one query", assertThrows(IllegalArgumentException.class,
        () -> plain.calibrate(new FlatVectorValues(DATA.dimension(), 1), new int[] {10}, 1)).getMessage());
    assertEquals(before, plain.recallCalibration(), "a refused calibration keeps the one the index had");
  }
}
