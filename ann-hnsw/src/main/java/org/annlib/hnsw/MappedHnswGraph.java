package org.annlib.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A read-only graph whose level 0 stays in a memory-mapped file (little-endian ints, the same
 * stride as {@link OnHeapHnswGraph}, addressed by {@code long} byte offsets); the upper levels,
 * about 1/M of the nodes, are on the heap.
 */
final class MappedHnswGraph implements HnswGraph {
  private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment level0;
  private final long stride0Bytes;
  private final int maxM0;
  private final UpperLevels upper;
  private final long entry;

  MappedHnswGraph(MemorySegment level0, int m, UpperLevels upper, long entry) {
    this.level0 = level0;
    this.maxM0 = 2 * m;
    this.stride0Bytes = 4L * (1 + maxM0);
    this.upper = upper;
    this.entry = entry;
  }

  @Override
  public long entry() {
    return entry;
  }

  @Override
  public int neighbors(int node, int level, int[] buf) {
    if (level == 0) {
      long base = node * stride0Bytes;
      int count = level0.get(INT_LE, base);
      MemorySegment.copy(level0, INT_LE, base + 4, buf, 0, count);
      return count;
    }
    return upper.neighbors(node, level, buf);
  }

  @Override
  public int level(int node) {
    return upper.level(node);
  }

  @Override
  public int maxDegree0() {
    return maxM0;
  }

  long ramBytesUsed() {
    return upper.ramBytesUsed() + level0.byteSize();
  }
}
