package org.annlib.lucene;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.VectorValues;
import org.apache.lucene.codecs.lucene95.HasIndexSlice;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.store.FilterIndexInput;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.MemorySegmentAccessInput;

/**
 * A segment's float vectors as annlib {@link VectorValues}, ordinal for ordinal. When Lucene has
 * memory-mapped its flat vector data (little-endian float32 rows, 64-byte aligned), the graph
 * reads those pages in place; otherwise (NIOFS, a byte-buffer directory, a slice across mmap
 * chunks, or a COSINE field, whose graph needs unit vectors) the rows are copied once into
 * {@code arena}'s off-heap memory, never onto the heap.
 */
final class SegmentVectors {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private SegmentVectors() {}

  static VectorValues of(FloatVectorValues values, boolean normalize, Arena arena) throws IOException {
    int size = values.size();
    int dim = values.dimension();
    long bytes = 4L * dim * size;
    if (!normalize) {
      MemorySegment mapped = mappedRows(values, bytes);
      if (mapped != null) {
        return OffHeapVectorValues.of(mapped, size, dim);
      }
    }
    MemorySegment copy = arena.allocate(Math.max(bytes, 1), 64);
    for (int ord = 0; ord < size; ord++) {
      float[] v = values.vectorValue(ord);
      float[] row = normalize ? LuceneSimilarity.normalized(v) : v;
      MemorySegment.copy(row, 0, copy, FLOAT_LE, 4L * dim * ord, dim);
    }
    return OffHeapVectorValues.of(copy, size, dim);
  }

  /** Bytes {@link #of} copied for {@code vectors}: 0 when they are Lucene's mapped pages. */
  static long copiedBytes(VectorValues vectors) {
    return vectors instanceof OffHeapVectorValues o && !o.segment().isMapped() ? o.segment().byteSize() : 0;
  }

  /** The rows in Lucene's mapped file, or null when they are not mapped (or not in one piece). */
  private static MemorySegment mappedRows(FloatVectorValues values, long bytes) throws IOException {
    if (!(values instanceof HasIndexSlice hasSlice)) {
      return null;
    }
    IndexInput slice = hasSlice.getSlice();
    if (slice == null || slice.length() < bytes) {
      return null;
    }
    IndexInput in = FilterIndexInput.unwrapOnlyTest(slice);
    if (in instanceof MemorySegmentAccessInput access) {
      return access.segmentSliceOrNull(0, bytes);
    }
    return null;
  }
}
