package org.annlib.crinn;

import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.hnsw.HnswIndex;
import org.annlib.testkit.BaseIndexTestCase;

/**
 * The "crinn" preset passes the Index contract with the HNSW suite's margins: ef=100 gave recall
 * 0.99+ for plain HNSW on the embedded set, and the denser CRINN graph reaches at least that
 * (CrinnStrategiesTest measures it). Filtered queries run the heap beam, as for plain HNSW.
 */
class CrinnContractTest extends BaseIndexTestCase {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return HnswIndex.builder(metric).preset("crinn").m(16).efConstruction(100).threads(2);
  }

  @Override
  protected SearchParams recallParams() {
    return SearchParams.builder().ef(100).build();
  }

  @Override
  protected double minRecallOnRealData() {
    return 0.98;
  }

  @Override
  protected double minRecallPerMetric() {
    return 0.95;
  }

  @Override
  protected double minFilteredRecall() {
    return 0.90;
  }
}
