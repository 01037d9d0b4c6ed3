package org.annlib.hnsw;

import java.lang.foreign.Arena;
import java.io.IOException;
import java.nio.file.Path;
import org.annlib.Index;
import org.annlib.IndexBuilder;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.testkit.ReopenedBuilder;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.VectorStorage;
import org.annlib.vectors.VectorValues;
import org.junit.jupiter.api.Nested;

/**
 * The Index contract, with the default suite's margins, for every place an HNSW index can keep
 * its vectors: heap pages small enough that every test set spans many of them, memory allocated
 * off the heap, the caller's own off-heap vectors used in place, and an index saved and
 * memory-mapped from its file.
 */
class HnswStorageContractTest {
  @Nested
  class ManyHeapPages extends HnswIndexContractTest {
    @Override
    protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
      // 512-byte pages: 5 to 32 rows a page at the suite's 4 to 24 dimensions, up to 800 pages.
      return super.builder(metric).storage(VectorStorage.HEAP).pageBytes(512);
    }
  }

  @Nested
  class OffHeap extends HnswIndexContractTest {
    @Override
    protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
      return super.builder(metric).storage(VectorStorage.OFF_HEAP);
    }

    @Override
    protected boolean canAdd() {
      return false;
    }
  }

  @Nested
  class CallersOffHeapVectors extends HnswIndexContractTest {
    @Override
    protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
      return new OffHeapSource(super.builder(metric));
    }

    @Override
    protected boolean canAdd() {
      return false;
    }
  }

  @Nested
  class MappedFile extends HnswIndexContractTest {
    @Override
    protected IndexBuilder<? extends Index> newBuilder(Metric metric) {
      return new ReopenedBuilder<>(super.builder(metric), HnswIndex::save, HnswIndex::map);
    }

    @Override
    protected boolean canAdd() {
      return false;
    }

    @Override
    protected Index reopen(Index index, Path file) throws IOException {
      return ReopenedBuilder.reopen(index, file, HnswIndex::save, HnswIndex::map);
    }
  }

  /** Hands the index its vectors off the heap, as a mapped file would; AUTO storage uses them in place. */
  private record OffHeapSource(HnswIndexBuilder builder) implements IndexBuilder<HnswIndex> {
    @Override
    public IndexBuilder<HnswIndex> threads(int threads) {
      builder.threads(threads);
      return this;
    }

    @Override
    public IndexBuilder<HnswIndex> executor(java.util.concurrent.Executor executor) {
      builder.executor(executor);
      return this;
    }

    @Override
    public IndexBuilder<HnswIndex> progress(ProgressListener listener) {
      builder.progress(listener);
      return this;
    }

    @Override
    public HnswIndex build(VectorValues vectors, long[] ids) {
      return builder.build(OffHeapVectorValues.copyOf(vectors, Arena.ofAuto()), ids);
    }
  }
}
