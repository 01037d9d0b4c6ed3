package org.annlib.crinn;

import org.annlib.hnsw.ConstructionBeam;

/**
 * CRINN's larger, self-limiting construction beam (G1 in docs/crinn-variants.md; arXiv 2508.02091): width
 * {@code B = floor(L' * s)} with {@code L' = max(efConstruction, M)},
 * {@code s = min(3.8, 1 + 0.58 * min(1.78, ap))} and B at most 4L', so neighbour selection sees
 * about twice as many candidates; but after expansion e, when e > L'/12 and e is a multiple of 7,
 * the search stops if (a) {@code (0.52 min(1, e/B) + 0.48 imp/e) min(1.58, ap) > 0.62 ap}, (b)
 * {@code imp/e < 0.036} and {@code e > B/6}, or (c) {@code e > 0.82 B}, where imp counts the
 * distances that beat the best seen so far. CRINN's ap is the racy global feedback value of G5;
 * here it is fixed at its start, 1.88, so builds stay reproducible (then s = 2.03).
 */
final class AdaptiveConstructionBeam implements ConstructionBeam {
  static final String NAME = "crinn-adaptive";
  private static final double AP = 1.88;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int width(int efConstruction, int m) {
    int l = Math.max(efConstruction, m);
    double s = Math.min(3.8, 1 + 0.58 * Math.min(1.78, AP));
    return (int) Math.min(4L * l, (long) Math.floor(l * s));
  }

  @Override
  public Stop newStop() {
    return (e, imp, width) -> {
      // width = B = floor(L' * 2.03), so L' / 12 is about B / 24.36
      if (e <= width / 24 || e % 7 != 0) {
        return false;
      }
      double frac = (double) imp / e;
      boolean a = (0.52 * Math.min(1.0, (double) e / width) + 0.48 * frac) * Math.min(1.58, AP) > 0.62 * AP;
      boolean b = frac < 0.036 && e > width / 6;
      boolean c = e > 0.82 * width;
      return a || b || c;
    };
  }
}
