package org.annlib.ivf;

import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;

/**
 * IVF with the learned router and SQ8 lists passes the same Index contract as centroid routing,
 * with the same margins (see {@link IvfIndexContractTest}); SQ8 re-ranks 4k candidates exactly.
 */
class IvfLearnedContractTest extends IvfIndexContractTest {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return IvfIndex.builder(metric).threads(2).router("ltr").encoding("sq8").trainingQueries(1_000).epochs(10);
  }
}
