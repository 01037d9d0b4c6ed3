package org.annlib.util;

import java.util.Arrays;

/**
 * Which nodes a search has seen, cleared in O(1) per query: each slot holds the epoch in which
 * it was last visited (hnswlib's VisitedList). Ints rather than shorts, so a full reset is needed
 * once per 2^32 queries instead of once per 65,535. One per searcher; not thread-safe.
 */
public final class VisitedSet {
  private int[] marks;
  private int epoch;

  public VisitedSet(int capacity) {
    this.marks = new int[Math.max(1, capacity)];
  }

  /** Starts a new query over {@code size} nodes, growing if the index grew. */
  public void clear(int size) {
    if (size > marks.length) {
      marks = new int[Math.max(size, marks.length + (marks.length >> 1))];
      epoch = 0;
    }
    if (++epoch == 0) {
      Arrays.fill(marks, 0);
      epoch = 1;
    }
  }

  /** Marks {@code node} visited; returns whether it was new in this query. */
  public boolean visit(int node) {
    if (marks[node] == epoch) {
      return false;
    }
    marks[node] = epoch;
    return true;
  }

  public boolean isVisited(int node) {
    return marks[node] == epoch;
  }
}
