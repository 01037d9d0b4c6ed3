package org.annlib.hnsw;

/**
 * How many first-pass candidates are re-scored exactly (float32) when the walk scores codes: the
 * best {@code depth(k)} of the walk are re-ranked and the best k returned. GLASS uses
 * {@code floor(1.5 k)}; CRINN's adaptive multiplier settles at about 1.93 (research note §3.3 R1).
 * Role {@code refine}; ignored when the first pass is float32.
 */
public interface Refine extends HnswStrategy {
  String ROLE = "refine";

  @Override
  default String role() {
    return ROLE;
  }

  /** Candidates to re-rank for a request of {@code k}. */
  int depth(int k);

  static Refine fixed(String name, double factor) {
    return new Refine() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int depth(int k) {
        return Math.max(k, (int) Math.floor(k * factor));
      }
    };
  }
}
