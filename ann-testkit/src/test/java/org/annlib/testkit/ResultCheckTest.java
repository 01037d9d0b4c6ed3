package org.annlib.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.exact.FlatIndex;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

/** Every check of the contract bites: each deliberately broken index fails it, exact search passes. */
class ResultCheckTest {
  private static final FlatVectorValues BASE = TestData.clustered(TestData.seed(1), 1_000, 16, 8);
  private static final FlatVectorValues QUERIES = TestData.clustered(TestData.seed(2), 20, 16, 8);

  private static double recall(Index index, SearchParams params, Bits accepted) {
    return BaseIndexTestCase.meanRecall(index, BASE, QUERIES, QUERIES.size(), params, accepted);
  }

  private static String failure(BrokenIndex.Fault fault, SearchParams params, Bits accepted) {
    BrokenIndex broken = new BrokenIndex(Metric.EUCLIDEAN, BASE, fault);
    return assertThrows(AssertionFailedError.class, () -> recall(broken, params, accepted)).getMessage();
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void exactSearchPassesWithRecallOne(Metric metric) {
    assertEquals(1.0, BaseIndexTestCase.meanRecall(FlatIndex.builder(metric).build(BASE), BASE, QUERIES, 20,
        SearchParams.DEFAULT, null));
    Bits even = id -> id % 2 == 0;
    assertEquals(1.0, BaseIndexTestCase.meanRecall(FlatIndex.builder(metric).build(BASE), BASE, QUERIES, 20,
        SearchParams.builder().filter(even).build(), even));
  }

  @Test
  void oneIdReturnedKTimesFails() {
    assertTrue(failure(BrokenIndex.Fault.ONE_ID_K_TIMES, SearchParams.DEFAULT, null).startsWith("id "),
        "duplicate id named");
    assertTrue(failure(BrokenIndex.Fault.ONE_ID_K_TIMES, SearchParams.DEFAULT, null).contains(" is returned twice"));
  }

  @Test
  void idsWhoseReportedDistancesAreNotTheirsFail() {
    assertTrue(failure(BrokenIndex.Fault.WRONG_DISTANCES, SearchParams.DEFAULT, null).contains("reports distance"));
    assertTrue(failure(BrokenIndex.Fault.SCALED_DISTANCES, SearchParams.DEFAULT, null).contains("reports distance"));
  }

  @Test
  void anIdOutOfRangeFails() {
    assertTrue(failure(BrokenIndex.Fault.OUT_OF_RANGE, SearchParams.DEFAULT, null).contains("holds id 1000, which is not in the index (outside [0, 1000))"));
  }

  @Test
  void resultsNotBestFirstFail() {
    assertTrue(failure(BrokenIndex.Fault.UNSORTED, SearchParams.DEFAULT, null).startsWith("results are not best first"));
  }

  @Test
  void anIgnoredFilterOrAReturnedDeletedIdFails() {
    Bits even = id -> id % 2 == 0;
    assertTrue(failure(BrokenIndex.Fault.IGNORES_FILTER, SearchParams.builder().filter(even).build(), even)
        .contains("which the filter rejects or which was deleted"));
    // deletes: the index returns every id, the contract knows id 7's neighbours were deleted
    Bits live = id -> id % 3 != 0;
    assertTrue(failure(BrokenIndex.Fault.IGNORES_FILTER, SearchParams.DEFAULT, live)
        .contains("which the filter rejects or which was deleted"));
  }

  @Test
  void wrongIdsAtTheirTrueDistancesLowerRecall() {
    // Every check passes (ids valid, distinct, distances true, sorted): only recall can catch it.
    BrokenIndex broken = new BrokenIndex(Metric.EUCLIDEAN, BASE, BrokenIndex.Fault.HALF_WRONG_IDS);
    assertEquals(0.5, recall(broken, SearchParams.DEFAULT, null), 1e-12);
  }

  @Test
  void aResultLongerThanKFails() {
    FlatIndex exact = FlatIndex.builder(Metric.EUCLIDEAN).build(BASE);
    ResultCheck check = new ResultCheck(Metric.EUCLIDEAN, BASE, null);
    String m = assertThrows(AssertionFailedError.class,
        () -> check.recall(QUERIES.vector(0), 5, exact.search(QUERIES.vector(0), 6))).getMessage();
    assertTrue(m.startsWith("result holds 6 entries, more than k=5"), m);
  }
}
