package org.annlib.hnsw;

/**
 * GLASS's candidate pool: one array of at most {@code ef} (id, distance) pairs kept sorted by
 * distance, an "expanded" flag in each id's top bit, and a frontier {@code cur}, the first
 * unexpanded entry. It replaces hnswlib's two heaps by one sorted array: insertion is a binary
 * search plus a short shift, the next node to expand is {@code ids[cur]}, and the search ends when
 * no unexpanded entry is left among the best ef, the same stopping point as the heap beam.
 *
 * <p>Under a filter (or deletes) the pool keeps rejected entries too, since they route the walk,
 * but only accepted ones count against the width: it holds the best {@code ef} accepted entries
 * and every rejected one closer than the worst of them, so a rejected node is expanded exactly
 * when hnswlib's filtered beam would expand it. Rejected entries have no width bound of their
 * own (the caller's visit limit bounds them), so the arrays grow in that mode.
 */
final class LinearPool {
  private static final int EXPANDED = 1 << 31;
  private int[] ids = new int[64];
  private float[] dist = new float[64];
  private int size;
  private int cur;
  private int cap;
  /** Filtered mode only: which entries the filter rejected, and how many entries it accepted. */
  private boolean[] rejected = new boolean[64];
  private int accepted;

  void reset(int capacity) {
    if (ids.length < capacity + 1) {
      ids = new int[capacity + 1];
      dist = new float[capacity + 1];
    }
    if (rejected.length < ids.length) {
      rejected = new boolean[ids.length];
    }
    cap = capacity;
    size = 0;
    cur = 0;
    accepted = 0;
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
    int lo = position(d);
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

  /**
   * Filtered-mode insertion ({@code ok}: whether the filter accepts {@code id}); never mixed with
   * {@link #insert(int, float)} in one search. Refused, returning -1, only when the pool already
   * holds {@code ef} accepted entries all closer than {@code d}; afterwards entries past the
   * ef-th accepted one are dropped.
   */
  int insert(int id, float d, boolean ok) {
    if (accepted == cap && d >= dist[size - 1]) {
      return -1;
    }
    int lo = position(d);
    if (size == ids.length) {
      int grown = size + (size >> 1) + 1;
      ids = java.util.Arrays.copyOf(ids, grown);
      dist = java.util.Arrays.copyOf(dist, grown);
      rejected = java.util.Arrays.copyOf(rejected, grown);
    }
    int moved = size - lo;
    System.arraycopy(ids, lo, ids, lo + 1, moved);
    System.arraycopy(dist, lo, dist, lo + 1, moved);
    System.arraycopy(rejected, lo, rejected, lo + 1, moved);
    ids[lo] = id;
    dist[lo] = d;
    rejected[lo] = !ok;
    size++;
    if (ok && ++accepted > cap) {
      // drop the worst accepted entry, and with it every rejected one behind it
      while (rejected[--size]) {}
      accepted--;
    }
    if (accepted == cap) {
      while (rejected[size - 1]) {
        size--;
      }
    }
    if (lo < cur) {
      cur = lo;
    } else if (cur > size) {
      cur = size;
    }
    return lo;
  }

  /** Filtered mode: writes the best {@code min(k, accepted)} accepted entries ascending; returns how many. */
  int acceptedInto(int k, int[] outIds, float[] outDistances) {
    int n = 0;
    for (int i = 0; i < size && n < k; i++) {
      if (!rejected[i]) {
        outIds[n] = ids[i] & ~EXPANDED;
        outDistances[n++] = dist[i];
      }
    }
    return n;
  }

  /** Where {@code d} goes: after every entry at most as far (ties keep arrival order). */
  private int position(float d) {
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
