package org.annlib.ivf;

import java.util.Arrays;
import org.annlib.vectors.PagedVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * Vectors added after the build: heap pages of their own, and per partition the tail ordinals
 * (0 for the first added vector) that a probe of that partition scans after the partition's
 * list. Index row {@code base + t} is tail vector {@code t}, so rows, ids and the deleted set
 * share one numbering. Written only inside the index's {@code SlotWrites.write}, so a search,
 * which runs inside {@code SlotWrites.read}, never sees a half-appended row. {@code
 * IvfIndex.compact}, or a save and load, folds the tail into the lists.
 */
final class IvfTail {
  private final int base;
  private final PagedVectorValues vectors;
  private final int[][] rows;
  private final int[] counts;

  IvfTail(int base, int dimension, int partitions) {
    this.base = base;
    this.vectors = new PagedVectorValues(dimension, 16);
    this.rows = new int[partitions][];
    this.counts = new int[partitions];
  }

  /** Rows in the lists; tail rows are numbered from here. */
  int base() {
    return base;
  }

  int size() {
    return vectors.size();
  }

  /** Appends {@code vector} to partition {@code p} and returns its index row. */
  int add(int p, float[] vector) {
    int t = vectors.add(vector);
    int[] r = rows[p];
    if (r == null || counts[p] == r.length) {
      r = rows[p] = r == null ? new int[4] : Arrays.copyOf(r, r.length * 2);
    }
    r[counts[p]++] = t;
    return base + t;
  }

  int count(int p) {
    return counts[p];
  }

  /** Tail ordinals of partition {@code p}: the first {@link #count} entries. */
  int[] ordinals(int p) {
    return rows[p];
  }

  /** The tail vectors by tail ordinal (row minus {@link #base}). */
  VectorValues vectors() {
    return vectors;
  }

  long ramBytesUsed() {
    long b = vectors.ramBytesUsed() + 4L * counts.length + 16L * rows.length;
    for (int[] r : rows) {
      b += r == null ? 0 : 4L * r.length;
    }
    return b;
  }
}
