package org.annlib.hnsw;

/**
 * Read access to an HNSW graph's adjacency, for searchers. Implementations are safe for reads
 * concurrent with inserts: a neighbour list is always a list of valid, fully inserted-or-inserting
 * node ids, though it may be a mix of an old and a new version of the list.
 */
public interface HnswGraph {
  /** Packed entry point, {@code (maxLevel << 32) | node}, or -1 for an empty graph. */
  long entry();

  /** Copies the neighbours of {@code node} on {@code level} into {@code buf}; returns how many. */
  int neighbors(int node, int level, int[] buf);

  /** Top level of {@code node}. */
  int level(int node);

  /** Maximum neighbours at level 0 ({@code 2 * M}); the size {@code buf} needs. */
  int maxDegree0();

  static int entryNode(long entry) {
    return (int) entry;
  }

  static int entryLevel(long entry) {
    return (int) (entry >>> 32);
  }

  static long packEntry(int level, int node) {
    return ((long) level << 32) | (node & 0xffffffffL);
  }
}
