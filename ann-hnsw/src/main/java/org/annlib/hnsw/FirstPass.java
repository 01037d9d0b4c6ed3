package org.annlib.hnsw;

/**
 * What the graph walk scores: float32 vectors (the default) or GLASS's uniform codes, whose
 * candidates are then re-scored exactly by the {@link Refine} strategy. Role {@code codes}.
 */
public interface FirstPass extends HnswStrategy {
  String ROLE = "codes";

  @Override
  default String role() {
    return ROLE;
  }

  /** Bits per code for vectors of {@code dimension}, or 0 for float32 (no codes). */
  int bits(int dimension);

  /** Always {@code bits} bits per code (0: float32). */
  static FirstPass of(String name, int bits) {
    return new Codes(name, bits, bits, Integer.MAX_VALUE);
  }

  /**
   * 4-bit codes above {@code threshold} dimensions, 8-bit codes at or below it: one global 4-bit
   * grid is too coarse for few dimensions (on 24-dimensional clustered data SQ4U capped recall@10
   * near 0.8 whatever the ef, SQ8U did not), while many dimensions average its error out. CRINN
   * switches its searcher at 128 dimensions for a similar reason (S0 in docs/crinn-variants.md).
   */
  static FirstPass byDimension(String name, int threshold) {
    return new Codes(name, 8, 4, threshold);
  }

  /** {@code lowBits} up to {@code threshold} dimensions, {@code highBits} above. */
  record Codes(String name, int lowBits, int highBits, int threshold) implements FirstPass {
    @Override
    public int bits(int dimension) {
      return dimension > threshold ? highBits : lowBits;
    }
  }
}
