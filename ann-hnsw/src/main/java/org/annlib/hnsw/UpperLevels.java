package org.annlib.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Node levels and the upper-level lists (levels 1 and up, about 1/M of the nodes): one small
 * {@code int[]} per node with a list of stride {@code 1 + M} (count, then ids) per level. Shared
 * by the heap graph, which edits it, and the mapped graph, which reads it from the file. Counts
 * are published with release and read with acquire semantics, as in level 0.
 */
final class UpperLevels {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private final int m;
  private final int stride;
  private volatile int[][] lists;
  private volatile byte[] levels;

  UpperLevels(int m, int capacity) {
    this(m, new int[Math.max(1, capacity)][], new byte[Math.max(1, capacity)]);
  }

  /** Takes over arrays read from a file (lists of nodes without upper levels are null). */
  UpperLevels(int m, int[][] lists, byte[] levels) {
    this.m = m;
    this.stride = 1 + m;
    this.lists = lists;
    this.levels = levels;
  }

  int capacity() {
    return levels.length;
  }

  /** Grows to {@code capacity} nodes; the caller excludes concurrent inserts. */
  void ensureCapacity(int capacity) {
    if (capacity > levels.length) {
      lists = Arrays.copyOf(lists, capacity);
      levels = Arrays.copyOf(levels, capacity);
    }
  }

  int level(int node) {
    return levels[node];
  }

  /** Sets {@code node}'s level and makes its empty lists; before it is linked anywhere. */
  void init(int node, int level) {
    levels[node] = (byte) level;
    if (level > 0) {
      lists[node] = new int[level * stride];
    }
  }

  int neighbors(int node, int level, int[] buf) {
    int[] a = lists[node];
    int base = (level - 1) * stride;
    int count = (int) INTS.getAcquire(a, base);
    System.arraycopy(a, base + 1, buf, 0, count);
    return count;
  }

  void set(int node, int level, int[] ids, int count) {
    int[] a = lists[node];
    int base = (level - 1) * stride;
    System.arraycopy(ids, 0, a, base + 1, count);
    INTS.setRelease(a, base, count);
  }

  boolean tryAppend(int node, int level, int id) {
    int[] a = lists[node];
    int base = (level - 1) * stride;
    int count = a[base];
    if (count >= m) {
      return false;
    }
    a[base + 1 + count] = id;
    INTS.setRelease(a, base, count + 1);
    return true;
  }

  long ramBytesUsed() {
    int[][] l = lists;
    long bytes = levels.length + 8L * l.length;
    for (int[] u : l) {
      if (u != null) {
        bytes += 16 + 4L * u.length;
      }
    }
    return bytes;
  }
}
