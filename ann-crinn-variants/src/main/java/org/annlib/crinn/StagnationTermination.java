package org.annlib.crinn;

import org.annlib.hnsw.PoolTermination;

/**
 * CRINN's high-dimensional search loop (S0 and S4 in docs/crinn-variants.md): the momentum rule of
 * {@link MomentumTermination} (S3) plus the stagnation exit of {@code GraphSearcherHighDim}: stop
 * after 8 consecutive expansions that inserted nothing, once the pool holds at least ef/2
 * entries. CRINN applies S4 to single-query searches only; here it applies to every search that
 * selects it, and its state is per search.
 */
final class StagnationTermination implements PoolTermination {
  private static final int IDLE_EXPANSIONS = 8;
  private final MomentumTermination momentum = new MomentumTermination();
  private int idle;
  private int inserts;
  private int poolSize;
  private boolean started;

  @Override
  public void reset(int ef) {
    momentum.reset(ef);
    idle = 0;
    inserts = 0;
    poolSize = 0;
    started = false;
  }

  @Override
  public void inserted(int position, int size) {
    momentum.inserted(position, size);
    inserts++;
    poolSize = Math.max(poolSize, size + 1);
  }

  @Override
  public boolean stop(int frontier, int ef) {
    // called once before every expansion: the inserts since the last call came from the last one
    if (started) {
      idle = inserts == 0 ? idle + 1 : 0;
    }
    started = true;
    inserts = 0;
    if (idle >= IDLE_EXPANSIONS && poolSize >= ef / 2) {
      return true;
    }
    return momentum.stop(frontier, ef);
  }
}
