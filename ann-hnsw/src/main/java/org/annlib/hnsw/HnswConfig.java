package org.annlib.hnsw;

/**
 * HNSW parameters, with hnswlib's names and meanings (docs/parameters.md explains how to tune
 * them).
 *
 * @param m neighbours per node on levels above 0; level 0 keeps up to {@code 2 * m}
 * @param efConstruction beam width while inserting
 * @param ef default beam width of a search (a query's {@code SearchParams.ef} overrides it; never
 *     below k)
 * @param seed seed of the level generator: the same seed, vectors and single-threaded build give
 *     the same graph
 * @param levelMultiplier {@code mL}; {@code 1 / ln(m)} as in the paper
 */
public record HnswConfig(int m, int efConstruction, int ef, long seed, double levelMultiplier) {
  public HnswConfig {
    if (m < 2 || m > 2048) {
      throw new IllegalArgumentException("M must be in [2, 2048], got " + m);
    }
    if (efConstruction < 1) {
      throw new IllegalArgumentException("efConstruction must be positive, got " + efConstruction);
    }
    if (ef < 1) {
      throw new IllegalArgumentException("ef must be positive, got " + ef);
    }
    if (!(levelMultiplier > 0) || Double.isInfinite(levelMultiplier)) {
      throw new IllegalArgumentException("levelMultiplier must be positive and finite, got " + levelMultiplier);
    }
  }
}
