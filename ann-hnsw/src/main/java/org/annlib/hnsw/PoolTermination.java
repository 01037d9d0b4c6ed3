package org.annlib.hnsw;

/**
 * Per-search stopping rule of the {@link LinearPoolSearch} loop, on top of the pool's own (no
 * unexpanded candidate left among the best ef). One instance per searcher, reset per query, so
 * every rule is deterministic per search: same index, same query, same result.
 */
public interface PoolTermination {
  void reset(int ef);

  /** An accepted insertion at {@code position} into a pool that held {@code size} entries before it. */
  void inserted(int position, int size);

  /** Whether to stop before expanding the candidate at {@code frontier} (0-based pool position). */
  boolean stop(int frontier, int ef);

  /** Runs to convergence: GLASS's and hnswlib's rule. */
  PoolTermination EXHAUST = new PoolTermination() {
    @Override
    public void reset(int ef) {}

    @Override
    public void inserted(int position, int size) {}

    @Override
    public boolean stop(int frontier, int ef) {
      return false;
    }
  };
}
