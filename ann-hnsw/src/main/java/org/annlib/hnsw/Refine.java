package org.annlib.hnsw;

/**
 * How many first-pass candidates are re-scored exactly (float32) when the walk scores codes: the
 * best {@code depth(k)} of the walk are re-ranked and the best k returned. GLASS uses
 * {@code floor(1.5 k)}; CRINN's adaptive multiplier settles at about 1.93 (R1 in docs/crinn-variants.md).
 * Role {@code refine}; ignored when the first pass is float32.
 */
public interface Refine extends HnswStrategy {
  String ROLE = "refine";

  @Override
  default String role() {
    return ROLE;
  }

  /**
   * Candidates to re-rank for a request of {@code k} with beam width {@code ef}; the walk then
   * runs with width at least this.
   */
  int depth(int k, int ef);

  /** GLASS's and CRINN's rule: {@code floor(factor * k)} whatever the beam width. */
  static Refine fixed(String name, double factor) {
    return new Depth(name, factor, false);
  }

  /**
   * {@code floor(factor * k)}, but never more than the requested beam width: a small ef then
   * really is a cheap search (with a fixed depth, the walk must hold factor * k candidates, which
   * puts a floor under the cost and the recall of the cheapest setting).
   */
  static Refine capped(String name, double factor) {
    return new Depth(name, factor, true);
  }

  /** {@code floor(factor * k)}, at least k, and with {@code capped} at most ef. */
  record Depth(String name, double factor, boolean capped) implements Refine {
    @Override
    public int depth(int k, int ef) {
      int d = (int) Math.floor(k * factor);
      return Math.max(k, capped ? Math.min(ef, d) : d);
    }
  }
}
