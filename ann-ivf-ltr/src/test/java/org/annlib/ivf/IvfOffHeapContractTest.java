package org.annlib.ivf;

import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.vectors.VectorStorage;

/** The Index contract on IVF lists kept in one off-heap block ({@code storage(OFF_HEAP)}), with the heap margins. */
class IvfOffHeapContractTest extends IvfIndexContractTest {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return IvfIndex.builder(metric).threads(2).encoding("sq8").storage(VectorStorage.OFF_HEAP);
  }
}
