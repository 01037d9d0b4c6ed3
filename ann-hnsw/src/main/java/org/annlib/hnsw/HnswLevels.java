package org.annlib.hnsw;

/**
 * The level of each node: {@code floor(-ln(U) * mL)} with U uniform in (0, 1], drawn from a hash
 * of (seed, id) rather than a shared generator, so that a node's level does not depend on the
 * order in which threads insert it.
 */
final class HnswLevels {
  /** Levels are stored in a byte; with U >= 2^-53 and mL <= 3.3 (M >= 2) they stay below 128. */
  static final int MAX_LEVEL = 127;

  private HnswLevels() {}

  static int level(long seed, int id, double multiplier) {
    long h = mix(seed + 0x9E3779B97F4A7C15L * (id + 1L));
    double u = ((h >>> 11) + 1) * 0x1.0p-53;
    return (int) Math.min(MAX_LEVEL, Math.floor(-Math.log(u) * multiplier));
  }

  /** Stafford's mix13 (the SplittableRandom finaliser). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
