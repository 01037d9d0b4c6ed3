package org.annlib;

/**
 * Accept filter over vector ids, checked during search: a result is returned only if {@code
 * get(id)} is true. Implementations must be safe for concurrent reads.
 */
@FunctionalInterface
public interface Bits {
  /** Accepts every id. */
  Bits ALL = id -> true;

  boolean get(int id);

  /** An accept filter backed by a {@link java.util.BitSet}; the set must not change during search. */
  static Bits of(java.util.BitSet set) {
    return set::get;
  }
}
