package org.annlib.crinn;

import org.annlib.hnsw.PoolTermination;

/**
 * CRINN's momentum/progress early termination inside the sorted pool (S3 in docs/crinn-variants.md).
 * Momentum m starts at 128 and stays in [64, 255]; an accepted insertion into the front half of
 * the pool adds 16 to m and counts one unit of progress p, one into the back half takes 4 from m.
 * For ef above 24, once the frontier is past ef/3 the search stops when m falls below 96 (recent
 * inserts land mostly in the worse half), and once past ef/2 also when p is below frontier/4 (front
 * inserts have been rare overall). CRINN's p is an 8-bit counter that wraps at 256; this one is an
 * int (reading CRINN's code, the momentum rule, not the wrap, does most of the capping). State
 * is per search, so results do not depend on query order.
 */
final class MomentumTermination implements PoolTermination {
  private int momentum;
  private int progress;

  @Override
  public void reset(int ef) {
    momentum = 128;
    progress = 0;
  }

  @Override
  public void inserted(int position, int size) {
    if (position < size / 2) {
      momentum = Math.min(255, momentum + 16);
      progress++;
    } else {
      momentum = Math.max(64, momentum - 4);
    }
  }

  @Override
  public boolean stop(int frontier, int ef) {
    if (ef <= 24 || frontier <= ef / 3) {
      return false;
    }
    if (momentum < 96) {
      return true;
    }
    return frontier > ef / 2 && progress < frontier / 4;
  }
}
