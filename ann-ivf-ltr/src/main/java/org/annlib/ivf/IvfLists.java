package org.annlib.ivf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.annlib.io.IndexFiles;
import org.annlib.quant.ScalarQuantizer;
import org.annlib.util.Blocks;
import org.annlib.vectors.OffHeapVectorValues;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * The inverted lists laid out flat: vectors in partition order ({@code offsets[p]..offsets[p+1]}
 * is partition p; the index maps rows to ids), and under SQ8 one code row of {@code dimension} bytes per
 * vector plus its decoded squared norm. The float32 rows are kept either way, for the exact
 * re-ranking of SQ8 candidates. Rows are heap pages (or, with {@code storage(OFF_HEAP)}, one
 * off-heap block) when built, heap pages when loaded, and the file's pages when mapped; codes a {@link Blocks} block or the file's pages; both are addressed with long offsets, so
 * the lists have no 2^31 ceiling (offsets are ints: at most 2^31 - 1 vectors).
 */
record IvfLists(VectorValues rows, int[] offsets, ScalarQuantizer quantizer, MemorySegment codes,
    float[] codeNorms) {
  int partitions() {
    return offsets.length - 1;
  }

  int size(int p) {
    return offsets[p + 1] - offsets[p];
  }

  int largest() {
    int largest = 0;
    for (int p = 0; p < partitions(); p++) {
      largest = Math.max(largest, size(p));
    }
    return largest;
  }

  String encoding() {
    return quantizer == null ? IvfIndexBuilder.FLOAT32 : IvfIndexBuilder.SQ8;
  }

  long ramBytesUsed() {
    long b = rows.ramBytesUsed() + 4L * offsets.length;
    if (quantizer != null) {
      b += codes.byteSize() + 4L * codeNorms.length + 8L * quantizer.dimension();
    }
    return b;
  }

  /**
   * Groups {@code base} (the stored vectors, in id order) by partition, reading one row at a time,
   * into heap pages, or into one block allocated from {@code offHeap} when it is not null; encodes
   * them off the heap when a quantizer is given. {@code order[r]} receives the base vector that row
   * {@code r} holds.
   */
  static IvfLists of(VectorValues base, int[] assignment, int partitions, ScalarQuantizer quantizer, Arena offHeap,
      int[] order) {
    int n = assignment.length;
    int dim = base.dimension();
    int[] offsets = new int[partitions + 1];
    for (int a : assignment) {
      offsets[a + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      offsets[p + 1] += offsets[p];
    }
    int[] fill = offsets.clone();
    int[] ids = order;
    for (int i = 0; i < n; i++) {
      ids[fill[assignment[i]]++] = i;
    }
    PagedVectorValues heap = offHeap == null ? new PagedVectorValues(dim, Math.max(16, n)) : null;
    MemorySegment block = offHeap == null ? null : offHeap.allocate(Math.max(1, 4L * n * dim), 64);
    MemorySegment codes = null;
    float[] norms = null;
    byte[] code = new byte[dim];
    if (quantizer != null) {
      codes = Blocks.allocate((long) n * dim);
      norms = new float[n];
    }
    float[] row = new float[dim];
    for (int r = 0; r < n; r++) {
      base.copyTo(ids[r], row, 0);
      if (heap != null) {
        heap.add(row);
      } else {
        MemorySegment.copy(row, 0, block, IndexFiles.FLOAT_LE, 4L * dim * r, dim);
      }
      if (quantizer != null) {
        quantizer.encode(row, 0, code, 0);
        MemorySegment.copy(code, 0, codes, ValueLayout.JAVA_BYTE, (long) r * dim, dim);
        norms[r] = quantizer.decodedSquareNorm(code, 0);
      }
    }
    VectorValues rows = heap != null ? heap : OffHeapVectorValues.of(block.asSlice(0, 4L * n * dim), n, dim);
    return new IvfLists(rows, offsets, quantizer, codes, norms);
  }
}
