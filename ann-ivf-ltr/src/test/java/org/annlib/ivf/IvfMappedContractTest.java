package org.annlib.ivf;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.testkit.ReopenedBuilder;

/**
 * The Index contract on IVF indexes saved and memory-mapped, lists and SQ8 codes searched in place
 * in the file, with the heap index's margins ({@link IvfIndexContractTest}): learned routing over
 * SQ8 lists, the configuration that reads the most sections.
 */
class IvfMappedContractTest extends IvfIndexContractTest {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return new ReopenedBuilder<>(
        IvfIndex.builder(metric).threads(2).router("ltr").encoding("sq8").trainingQueries(1_000).epochs(10),
        IvfIndex::save, IvfIndex::map);
  }

  @Override
  protected boolean canAdd() {
    return false;
  }

  @Override
  protected Index reopen(Index index, Path file) throws IOException {
    return ReopenedBuilder.reopen(index, file, IvfIndex::save, IvfIndex::map);
  }
}
