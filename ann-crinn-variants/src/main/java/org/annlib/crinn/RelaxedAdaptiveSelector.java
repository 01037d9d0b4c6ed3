package org.annlib.crinn;

import org.annlib.hnsw.NeighborSelector;
import org.annlib.hnsw.RngPruning;

/**
 * CRINN's relaxed, adaptive RNG pruning (G4 in docs/crinn-variants.md; arXiv 2508.02091): candidates are
 * scanned nearest first, as in the HNSW heuristic, but candidate c is rejected only if an already
 * kept s has {@code d(c, s) < t * d(c, q)} with
 * {@code t = (0.62 + 0.38 |S| / M) (1 + min(0.20, 0.12 (ap - 1)))}: the first picks prune much
 * less than the heuristic (t about 0.69), later ones about as much or more. The graph gets denser
 * (CRINN measured mean level-0 degree 15.1 -> 26.5 on Fashion-MNIST), so each hop sees more
 * useful neighbours. CRINN's {@code ap} is a racy process-global feedback value (G5); here it is
 * fixed at its starting value 1.88, so builds are reproducible. Distances are the index's
 * (squared L2 for euclidean, as CRINN's SQ4U codes), so t acts on squared distances as there.
 * Under inner product the distance {@code -dot} can be negative, where multiplying by t &lt; 1
 * would prune more, not less (see docs/crinn-variants.md); there the bound is {@code d / t},
 * which relaxes in the same direction. The loop is {@link RngPruning}'s; this class is the bound.
 */
public final class RelaxedAdaptiveSelector implements NeighborSelector {
  public RelaxedAdaptiveSelector() {}

  static final String NAME = "crinn-relaxed";
  private static final double AP = 1.88;
  private static final double SCALE = 1 + Math.min(0.20, 0.12 * (AP - 1));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(int[] ids, float[] distances, int n, int max, int m, NodeDistance between, int[] out) {
    return RngPruning.select(ids, distances, n, max, m, between, RelaxedAdaptiveSelector::limit, false, out);
  }

  private static float limit(float toBase, int kept, int m) {
    float t = (float) ((0.62 + 0.38 * kept / m) * SCALE);
    return toBase >= 0 ? t * toBase : toBase / t;
  }
}
