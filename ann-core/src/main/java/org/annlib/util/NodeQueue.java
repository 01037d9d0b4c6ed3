package org.annlib.util;

import java.util.Arrays;

/**
 * A binary heap of (distance, node) pairs packed into one {@code long} each: the distance's
 * order-preserving int bits above, the node below. Comparing longs then orders by distance and
 * breaks ties by node id, with no comparator objects and no boxing (Lucene's NeighborQueue idea).
 * A min-heap stores the bitwise complement, which reverses the order without overflow.
 */
public final class NodeQueue {
  private final boolean maxHeap;
  private long[] heap;
  private int size;

  private NodeQueue(boolean maxHeap, int initialCapacity) {
    this.maxHeap = maxHeap;
    this.heap = new long[Math.max(1, initialCapacity)];
  }

  /** The farthest (largest distance, then largest id) on top: a bounded top-k collector. */
  public static NodeQueue maxHeap(int initialCapacity) {
    return new NodeQueue(true, initialCapacity);
  }

  /** The nearest on top: a candidate queue. */
  public static NodeQueue minHeap(int initialCapacity) {
    return new NodeQueue(false, initialCapacity);
  }

  /** Order-preserving key of (distance, node); -0.0 is folded into +0.0 so they tie. */
  public static long encode(float distance, int node) {
    int bits = Float.floatToRawIntBits(distance + 0.0f);
    int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
    return ((long) sortable << 32) | (node & 0xffffffffL);
  }

  public static float decodeDistance(long key) {
    int sortable = (int) (key >>> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & 0x7fffffff));
  }

  public static int decodeNode(long key) {
    return (int) key;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public void clear() {
    size = 0;
  }

  public void add(int node, float distance) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, heap.length * 2);
    }
    heap[size] = maxHeap ? encode(distance, node) : ~encode(distance, node);
    siftUp(size++);
  }

  /**
   * Adds when fewer than {@code capacity} entries are held, else replaces the top if the new pair
   * sorts before it. On a max-heap this keeps the {@code capacity} nearest, ties to lower ids.
   *
   * @return whether the pair was kept
   */
  public boolean insertWithOverflow(int node, float distance, int capacity) {
    if (size < capacity) {
      add(node, distance);
      return true;
    }
    long key = maxHeap ? encode(distance, node) : ~encode(distance, node);
    if (key < heap[0]) {
      heap[0] = key;
      siftDown(0);
      return true;
    }
    return false;
  }

  public int topNode() {
    return decodeNode(raw(heap[0]));
  }

  public float topDistance() {
    return decodeDistance(raw(heap[0]));
  }

  /** Removes the top and returns its node. */
  public int pop() {
    long top = heap[0];
    heap[0] = heap[--size];
    if (size > 0) {
      siftDown(0);
    }
    return decodeNode(raw(top));
  }

  /**
   * Empties a max-heap into ascending order (best first): {@code ids[0..n-1]}, {@code
   * distances[0..n-1]}; returns n.
   */
  public int drainAscending(int[] ids, float[] distances) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      long key = raw(heap[0]);
      ids[i] = decodeNode(key);
      distances[i] = decodeDistance(key);
      heap[0] = heap[--size];
      if (size > 0) {
        siftDown(0);
      }
    }
    if (!maxHeap) {
      reverse(ids, distances, n);
    }
    return n;
  }

  private static void reverse(int[] ids, float[] distances, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      int t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
      float f = distances[i];
      distances[i] = distances[j];
      distances[j] = f;
    }
  }

  private long raw(long stored) {
    return maxHeap ? stored : ~stored;
  }

  private void siftUp(int i) {
    long v = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] >= v) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = v;
  }

  private void siftDown(int i) {
    long v = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && heap[right] > heap[child]) {
        child = right;
      }
      if (v >= heap[child]) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = v;
  }
}
