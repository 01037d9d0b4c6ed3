package org.annlib.testkit;

import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.exact.FlatIndex;

/** The oracle passes its own contract: exact search has recall 1 everywhere. */
class FlatIndexContractTest extends BaseIndexTestCase {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return FlatIndex.builder(metric);
  }

  @Override
  protected double minRecallOnRealData() {
    return 1.0;
  }

  @Override
  protected double minRecallPerMetric() {
    return 1.0;
  }

  @Override
  protected double minFilteredRecall() {
    return 1.0;
  }
}
