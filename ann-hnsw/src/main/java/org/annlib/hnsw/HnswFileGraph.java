package org.annlib.hnsw;

import org.annlib.util.DeletedSet;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.annlib.io.IndexFiles;

/**
 * A saved graph, validated before anything uses it: every level-0 list checked in place in the
 * file (which the caller then maps or copies), and the parts always read onto the heap, node
 * levels with the upper-level lists and the deleted set.
 */
record HnswFileGraph(UpperLevels upper, DeletedSet deleted) {
  private static final ValueLayout.OfInt INT_LE = IndexFiles.INT_LE;
  private static final ValueLayout.OfLong LONG_LE = IndexFiles.LONG_LE;

  static HnswFileGraph read(Path file, MemorySegment seg, HnswHeader h) throws HnswFormatException {
    int size = h.size();
    int m = h.config().m();
    HnswHeader.Layout at = h.layout();
    byte[] levels = seg.asSlice(at.levels(), size).toArray(ValueLayout.JAVA_BYTE);
    long upperInts = 0;
    for (int i = 0; i < size; i++) {
      HnswFormat.check(file, levels[i] >= 0 && levels[i] <= HnswLevels.MAX_LEVEL, "node " + i + " has level " + levels[i]);
      upperInts += (long) levels[i] * (1 + m);
    }
    HnswFormat.check(file, HnswHeader.align(at.upper() + 4 * upperInts) == at.deleted(),
        "the upper-level section has the wrong length");
    int[][] upper = new int[Math.max(16, size)][];
    long q = at.upper();
    for (int i = 0; i < size; i++) {
      if (levels[i] > 0) {
        int[] u = new int[levels[i] * (1 + m)];
        MemorySegment.copy(seg, INT_LE, q, u, 0, u.length);
        q += 4L * u.length;
        for (int l = 0; l < levels[i]; l++) {
          checkList(file, u, l * (1 + m), m, size, i, l + 1);
        }
        upper[i] = u;
      }
    }
    long[] words = seg.asSlice(at.deleted(), 8L * HnswHeader.deletedWords(size)).toArray(LONG_LE);
    DeletedSet deleted = DeletedSet.of(words, size);
    int stride0 = 1 + 2 * m;
    int[] buf = new int[stride0];
    for (int i = 0; i < size; i++) {
      MemorySegment.copy(seg, INT_LE, at.level0() + 4L * stride0 * i, buf, 0, stride0);
      checkList(file, buf, 0, 2 * m, size, i, 0);
    }
    return new HnswFileGraph(new UpperLevels(m, upper, levels.length >= 16 ? levels
        : java.util.Arrays.copyOf(levels, 16)), deleted);
  }

  /** One list of {@code a} at {@code base} (count, then ids): count within {@code cap}, ids in range, no self link. */
  static void checkList(Path file, int[] a, int base, int cap, int size, int node, int level)
      throws HnswFormatException {
    int n = a[base];
    if (n < 0 || n > cap) {
      throw new HnswFormatException(file + " is corrupted: node " + node + " has " + n + " neighbours on level " + level
          + ", at most " + cap + " allowed");
    }
    for (int j = 1; j <= n; j++) {
      int id = a[base + j];
      if (id < 0 || id >= size || id == node) {
        throw new HnswFormatException(file + " is corrupted: node " + node + " links to " + id + " on level " + level);
      }
    }
  }
}
