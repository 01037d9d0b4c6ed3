package org.annlib;

/**
 * Accept filter over the application's vector ids, checked during search: a result is returned
 * only if {@code get(id)} is true. Implementations must be safe for concurrent reads.
 */
@FunctionalInterface
public interface Bits {
  /** Accepts every id. */
  Bits ALL = id -> true;

  boolean get(long id);

  /**
   * How many ids are accepted, or -1 when unknown. Indexes use a known count to choose exact
   * search when a filter is so selective that a graph walk would cost more.
   */
  default int cardinality() {
    return -1;
  }

  /**
   * An accept filter backed by a {@link java.util.BitSet} of ids (which must then lie in {@code [0,
   * 2^31)}); the set must not change during search.
   */
  static Bits of(java.util.BitSet set) {
    int count = set.cardinality();
    return new Bits() {
      @Override
      public boolean get(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE && set.get((int) id);
      }

      @Override
      public int cardinality() {
        return count;
      }
    };
  }
}
