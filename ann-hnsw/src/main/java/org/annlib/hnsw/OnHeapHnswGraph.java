package org.annlib.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The mutable graph. Level 0 is one {@code int[]} with a fixed stride of {@code 1 + 2M} per node
 * (count, then ids), hnswlib's flat layout: a node's list is one cache-friendly run. Upper levels
 * (about 1/M of the nodes) hold one small array per node. Writers publish a list by writing its
 * ids and then its count with release semantics; readers read the count with acquire semantics,
 * so every id they see belongs to a node whose vector and own lists were written before.
 * Modifications of one node's lists are serialised by a striped lock; no thread ever holds two.
 */
final class OnHeapHnswGraph implements HnswGraph {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int STRIPES = 1 << 12;

  final int m;
  final int maxM0;
  private final int stride0;
  private final int strideUp;
  private volatile int[] level0;
  private volatile int[][] upper;
  private volatile byte[] levels;
  private volatile long entry = -1;
  private final Object[] locks = new Object[STRIPES];

  OnHeapHnswGraph(int m, int capacity) {
    this.m = m;
    this.maxM0 = 2 * m;
    this.stride0 = 1 + maxM0;
    this.strideUp = 1 + m;
    this.level0 = new int[Math.multiplyExact(Math.max(1, capacity), stride0)];
    this.upper = new int[Math.max(1, capacity)][];
    this.levels = new byte[Math.max(1, capacity)];
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** A graph read from a file; arrays are taken over, sized for {@code capacity} nodes. */
  static OnHeapHnswGraph of(int m, int capacity, int[] level0, int[][] upper, byte[] levels, long entry) {
    OnHeapHnswGraph g = new OnHeapHnswGraph(m, 1);
    g.level0 = level0;
    g.upper = upper;
    g.levels = levels;
    g.entry = entry;
    g.ensureCapacity(capacity);
    return g;
  }

  /** Grows to hold {@code capacity} nodes. The caller excludes concurrent inserts. */
  void ensureCapacity(int capacity) {
    int have = levels.length;
    if (capacity <= have) {
      return;
    }
    int grown = (int) Math.min(Integer.MAX_VALUE / stride0, Math.max(capacity, have + (long) (have >> 1)));
    level0 = Arrays.copyOf(level0, Math.multiplyExact(grown, stride0));
    upper = Arrays.copyOf(upper, grown);
    levels = Arrays.copyOf(levels, grown);
  }

  int capacity() {
    return levels.length;
  }

  Object lock(int node) {
    return locks[node & (STRIPES - 1)];
  }

  /** Prepares {@code node}'s lists for {@code level} levels; before it is linked anywhere. */
  void initNode(int node, int level) {
    levels[node] = (byte) level;
    if (level > 0) {
      upper[node] = new int[level * strideUp];
    }
  }

  @Override
  public long entry() {
    return entry;
  }

  void setEntry(long packed) {
    entry = packed;
  }

  @Override
  public int level(int node) {
    return levels[node];
  }

  @Override
  public int maxDegree0() {
    return maxM0;
  }

  @Override
  public int neighbors(int node, int level, int[] buf) {
    if (level == 0) {
      int[] a = level0;
      int base = node * stride0;
      int count = (int) INTS.getAcquire(a, base);
      System.arraycopy(a, base + 1, buf, 0, count);
      return count;
    }
    int[] a = upper[node];
    int base = (level - 1) * strideUp;
    int count = (int) INTS.getAcquire(a, base);
    System.arraycopy(a, base + 1, buf, 0, count);
    return count;
  }

  /** Replaces the list; call with {@code lock(node)} held (or before the node is published). */
  void setNeighbors(int node, int level, int[] ids, int count) {
    int[] a = level == 0 ? level0 : upper[node];
    int base = level == 0 ? node * stride0 : (level - 1) * strideUp;
    System.arraycopy(ids, 0, a, base + 1, count);
    INTS.setRelease(a, base, count);
  }

  /** Appends one id if there is room; call with {@code lock(node)} held. */
  boolean tryAppend(int node, int level, int id) {
    int[] a = level == 0 ? level0 : upper[node];
    int base = level == 0 ? node * stride0 : (level - 1) * strideUp;
    int count = a[base];
    if (count >= (level == 0 ? maxM0 : m)) {
      return false;
    }
    a[base + 1 + count] = id;
    INTS.setRelease(a, base, count + 1);
    return true;
  }

  /** Raw arrays for the file writer; callers must exclude concurrent inserts. */
  int[] level0Array() {
    return level0;
  }

  int[] upperArray(int node) {
    return upper[node];
  }

  byte[] levelArray() {
    return levels;
  }

  long ramBytesUsed() {
    long bytes = 4L * level0.length + levels.length + 8L * upper.length;
    for (int[] u : upper) {
      if (u != null) {
        bytes += 16 + 4L * u.length;
      }
    }
    return bytes;
  }
}
