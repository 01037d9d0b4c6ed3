package org.annlib.testkit;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.exact.FlatIndex;

/** The oracle passes its own contract: exact search has recall 1 everywhere, on the heap and mapped. */
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
  protected boolean buildsInParallel() {
    return false;
  }

  /** Exact: every vector within the radius. */
  @Override
  protected double minRangeRecall() {
    return 1.0;
  }

  @Override
  protected double minFilteredRecall() {
    return 1.0;
  }

  @Override
  protected Index reopen(Index index, Path file) throws IOException {
    return ReopenedBuilder.reopen(index, file, FlatIndex::save, FlatIndex::load);
  }

}

/** Saved and memory-mapped: searched in place, deletes only. */
class FlatMappedContractTest extends FlatIndexContractTest {
    @Override
    protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
      return new ReopenedBuilder<>(FlatIndex.builder(metric), FlatIndex::save, FlatIndex::map);
    }

    @Override
    protected boolean canAdd() {
      return false;
    }

    @Override
    protected Index reopen(Index index, Path file) throws IOException {
      return ReopenedBuilder.reopen(index, file, FlatIndex::save, FlatIndex::map);
    }
}
