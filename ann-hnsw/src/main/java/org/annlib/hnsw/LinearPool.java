package org.annlib.hnsw;

/**
 * GLASS's candidate pool: one array of at most {@code ef} (id, distance) pairs kept sorted by
 * distance, an "expanded" flag in each id's top bit, and a frontier {@code cur}, the first
 * unexpanded entry. It replaces hnswlib's two heaps by one sorted array: insertion is a binary
 * search plus a short shift, the next node to expand is {@code ids[cur]}, and the search ends when
 * no unexpanded entry is left among the best ef, the same stopping point as the heap beam.
 */
final class LinearPool {
  private static final int EXPANDED = 1 << 31;
  private int[] ids = new int[64];
  private float[] dist = new float[64];
  private int size;
  private int cur;
  private int cap;

  void reset(int capacity) {
    if (ids.length < capacity + 1) {
      ids = new int[capacity + 1];
      dist = new float[capacity + 1];
    }
    cap = capacity;
    size = 0;
    cur = 0;
  }

  int size() {
    return size;
  }

  int frontier() {
    return cur;
  }

  boolean hasNext() {
    return cur < size;
  }

  /** Inserts unless the pool is full and {@code d} is not better than its worst; returns the position or -1. */
  int insert(int id, float d) {
    if (size == cap && d >= dist[size - 1]) {
      return -1;
    }
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (dist[mid] <= d) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int moved = (size == cap ? size - 1 : size) - lo;
    System.arraycopy(ids, lo, ids, lo + 1, moved);
    System.arraycopy(dist, lo, dist, lo + 1, moved);
    ids[lo] = id;
    dist[lo] = d;
    if (size < cap) {
      size++;
    }
    if (lo < cur) {
      cur = lo;
    }
    return lo;
  }

  /** Marks the frontier entry expanded, advances the frontier, returns the entry's id. */
  int pop() {
    int id = ids[cur];
    ids[cur] |= EXPANDED;
    while (cur < size && (ids[cur] & EXPANDED) != 0) {
      cur++;
    }
    return id;
  }

  int id(int i) {
    return ids[i] & ~EXPANDED;
  }

  float distance(int i) {
    return dist[i];
  }
}
