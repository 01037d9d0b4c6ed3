package org.annlib.hnsw;

import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.testkit.BaseIndexTestCase;
import org.annlib.testkit.ReopenedBuilder;

/**
 * HNSW passes the Index contract. Margins follow the rule of the preset suite (lowest recall@10 of
 * three full runs at the default tests.seed, minus 0.03 for two-thread build order, 0.06 on the
 * 50-query duplicates set, rounded down):
 * M=16, efConstruction=100, ef=100 measured 0.998 on the embedded Fashion-MNIST subset (margin
 * 0.98), 0.986 to 0.998 per metric (0.95), 1.0 with a 5% filter (0.97), 0.97 on the set with
 * duplicates (0.91) and 0.995 with 10% deleted (0.96).
 */
class HnswIndexContractTest extends BaseIndexTestCase {
  @Override
  protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
    return builder(metric);
  }

  /** The suite's parameters; the storage suites change only where the vectors live. */
  HnswIndexBuilder builder(Metric metric) {
    return HnswIndex.builder(metric).m(16).efConstruction(100).threads(2);
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
  protected double minRecallWithDuplicates() {
    return 0.91;
  }

  @Override
  protected double minRecallWithDeletes() {
    return 0.96;
  }

  @Override
  protected Index reopen(Index index, Path file) throws IOException {
    return ReopenedBuilder.reopen(index, file, HnswIndex::save, HnswIndex::load);
  }

  /**
   * Range recall measured 0.946-0.995 over the metrics and storages at ef 100 (inner product
   * lowest: the graph is not a metric one there, so parts of the region are poorly joined); the
   * half-filtered case 0.983-0.985 in 12 local runs but 0.911 once in CI (off-heap storage,
   * 2026-12-04): the multi-threaded build gives an occasional graph whose filtered flood misses
   * more. A broken filter or flood scores near 0.5, far below this.
   */
  @Override
  protected double minRangeRecall() {
    return 0.90;
  }

  @Override
  protected double minFilteredRecall() {
    return 0.97;
  }
}
