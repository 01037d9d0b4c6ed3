package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.datasets.Dataset;
import org.annlib.testkit.AlteredExactIndex;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * The runner's measurement on a fake index whose cost is known: every query spins 100 us, reports
 * 7 distance computations and returns the true top 10 with its second half replaced by far ids.
 * The measurement must send the documented number of queries, report recall 0.5 and 7 computations
 * per query exactly, and a QPS the spin bounds from above.
 */
class SearchMeasurementTest {
  private static final long SPIN_NANOS = 100_000;

  private static final class FakeIndex extends AlteredExactIndex {
    final AtomicInteger calls = new AtomicInteger();

    FakeIndex(Dataset d) {
      super(d.metric(), d.train());
    }

    @Override
    public SearchResult search(float[] query, int k, SearchParams params) {
      SearchResult wide = exact.search(query, 3 * k);
      long end = System.nanoTime() + SPIN_NANOS;
      calls.incrementAndGet();
      long[] ids = new long[k];
      float[] d = new float[k];
      for (int i = 0; i < k; i++) {
        int rank = i < k / 2 ? i : 2 * k + i;
        ids[i] = wide.id(rank);
        d[i] = wide.distance(rank);
      }
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
      return new SearchResult(ids, d, 7);
    }
  }

  @Test
  void aFakeIndexWithKnownCostIsMeasuredAsDocumented() {
    Dataset d = TestData.embedded();
    float[][] queries = new float[600][];
    for (int q = 0; q < queries.length; q++) {
      queries[q] = d.test().vector(q);
    }
    FakeIndex index = new FakeIndex(d);
    SearchMeasurement m = new SearchMeasurement(index, queries, 10, SearchParams.DEFAULT);
    m.warmUp();
    assertEquals(500, index.calls.get(), "warm-up: a fifth of the queries, at least 500");
    for (int r = 0; r < 3; r++) {
      m.timedPass();
    }
    assertEquals(500 + 3 * 600, index.calls.get(), "each timed pass sends every query once");
    SearchMeasurement.Result r = m.result(d, Double.NaN);
    assertEquals(0.5, r.recall(), 1e-9);
    assertEquals(7.0, r.distancesPerQuery(), 0);
    assertEquals(3, r.qpsRuns().size());
    for (double qps : r.qpsRuns()) {
      assertTrue(qps > 0 && qps <= 1e9 / SPIN_NANOS, "QPS " + qps + " cannot beat a 100 us spin per query");
    }
    double[] sorted = r.qpsRuns().stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertEquals(sorted[1], r.qps(), 0, "QPS is the median pass");
    assertEquals((sorted[2] - sorted[0]) / sorted[1], r.qpsSpread(), 1e-12);
  }
}
