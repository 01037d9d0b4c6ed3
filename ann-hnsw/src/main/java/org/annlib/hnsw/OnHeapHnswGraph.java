package org.annlib.hnsw;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.annlib.io.IndexFiles;

/**
 * The mutable graph. Level 0 has a fixed stride of {@code 1 + 2M} ints per node (count, then ids),
 * hnswlib's flat layout, so a node's list is one cache-friendly run; the lists live in pages of
 * {@value #PAGE_NODES} nodes, so no single array bounds the node count and growing adds pages
 * instead of copying level 0 (only the first page grows by copying, up to full size). Upper levels
 * are an {@link UpperLevels}. Writers publish a list by writing its ids and then its count with
 * release semantics; readers read the count with acquire semantics, so every id they see belongs
 * to a node whose vector and own lists were written before. Modifications of one node's lists are
 * serialised by a striped lock; no thread ever holds two.
 */
final class OnHeapHnswGraph implements HnswGraph {
  private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int STRIPES = 1 << 12;
  private static final int PAGE_SHIFT = 16;
  static final int PAGE_NODES = 1 << PAGE_SHIFT;
  private static final int PAGE_MASK = PAGE_NODES - 1;

  final int m;
  final int maxM0;
  private final int stride0;
  /** Level-0 pages; every page but the last holds {@link #PAGE_NODES} nodes. */
  private volatile int[][] level0;
  private final UpperLevels upper;
  private volatile long entry = -1;
  private final Object[] locks = new Object[STRIPES];

  OnHeapHnswGraph(int m, int capacity) {
    this(m, capacity, new UpperLevels(m, Math.max(1, capacity)));
  }

  /** A graph read from a file: level 0 copied page by page from {@code file} at {@code offset}. */
  static OnHeapHnswGraph read(int m, int capacity, MemorySegment file, long offset, int size, UpperLevels upper,
      long entry) {
    OnHeapHnswGraph g = new OnHeapHnswGraph(m, capacity, upper);
    for (int from = 0; from < size; from += PAGE_NODES) {
      int n = Math.min(PAGE_NODES, size - from);
      MemorySegment.copy(file, IndexFiles.INT_LE, offset + 4L * g.stride0 * from, g.level0[from >>> PAGE_SHIFT], 0,
          n * g.stride0);
    }
    g.entry = entry;
    return g;
  }

  private OnHeapHnswGraph(int m, int capacity, UpperLevels upper) {
    this.m = m;
    this.maxM0 = 2 * m;
    this.stride0 = 1 + maxM0;
    this.level0 = new int[][] {new int[Math.multiplyExact(Math.min(PAGE_NODES, Math.max(1, capacity)), stride0)]};
    this.upper = upper;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
    ensureCapacity(capacity);
  }

  /** Grows to hold {@code capacity} nodes. The caller excludes concurrent inserts. */
  void ensureCapacity(int capacity) {
    int have = capacity();
    if (capacity > have) {
      int grown = (int) Math.min(Integer.MAX_VALUE, Math.max(capacity, have + (long) (have >> 1)));
      int[][] pages = level0;
      int pageCount = (int) (((long) grown + PAGE_MASK) >>> PAGE_SHIFT);
      int[][] next = Arrays.copyOf(pages, pageCount);
      if (pages.length == 1 && next[0].length < PAGE_NODES * stride0) {
        next[0] = Arrays.copyOf(next[0], Math.min(PAGE_NODES, grown) * stride0);
      }
      for (int p = pages.length; p < pageCount; p++) {
        next[p] = new int[PAGE_NODES * stride0];
      }
      level0 = next;
    }
    upper.ensureCapacity(capacity());
  }

  /** Nodes the level-0 pages hold. */
  int capacity() {
    int[][] pages = level0;
    return (int) Math.min(Integer.MAX_VALUE,
        (long) (pages.length - 1) * PAGE_NODES + pages[pages.length - 1].length / stride0);
  }

  Object lock(int node) {
    return locks[node & (STRIPES - 1)];
  }

  /** Prepares {@code node}'s lists for {@code level} levels; before it is linked anywhere. */
  void initNode(int node, int level) {
    upper.init(node, level);
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
    return upper.level(node);
  }

  @Override
  public int maxDegree0() {
    return maxM0;
  }

  @Override
  public int neighbors(int node, int level, int[] buf) {
    if (level == 0) {
      int[] a = level0[node >>> PAGE_SHIFT];
      int base = (node & PAGE_MASK) * stride0;
      int count = (int) INTS.getAcquire(a, base);
      System.arraycopy(a, base + 1, buf, 0, count);
      return count;
    }
    return upper.neighbors(node, level, buf);
  }

  /** Replaces the list; call with {@code lock(node)} held (or before the node is published). */
  void setNeighbors(int node, int level, int[] ids, int count) {
    if (level > 0) {
      upper.set(node, level, ids, count);
      return;
    }
    int[] a = level0[node >>> PAGE_SHIFT];
    int base = (node & PAGE_MASK) * stride0;
    System.arraycopy(ids, 0, a, base + 1, count);
    INTS.setRelease(a, base, count);
  }

  /** Appends one id if there is room; call with {@code lock(node)} held. */
  boolean tryAppend(int node, int level, int id) {
    if (level > 0) {
      return upper.tryAppend(node, level, id);
    }
    int[] a = level0[node >>> PAGE_SHIFT];
    int base = (node & PAGE_MASK) * stride0;
    int count = a[base];
    if (count >= maxM0) {
      return false;
    }
    a[base + 1 + count] = id;
    INTS.setRelease(a, base, count + 1);
    return true;
  }

  long ramBytesUsed() {
    long bytes = 0;
    for (int[] page : level0) {
      bytes += 16 + 4L * page.length;
    }
    return bytes + upper.ramBytesUsed();
  }
}
