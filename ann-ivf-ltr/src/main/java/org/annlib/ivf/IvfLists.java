package org.annlib.ivf;

import org.annlib.quant.ScalarQuantizer;
import org.annlib.vectors.FlatVectorValues;

/**
 * The inverted lists laid out flat: vectors in partition order ({@code offsets[p]..offsets[p+1]}
 * is partition p), the id of every row, and under SQ8 one code row per vector plus its decoded
 * squared norm. The float32 rows are kept either way, for the exact re-ranking of SQ8 candidates.
 */
record IvfLists(FlatVectorValues rows, int[] ids, int[] offsets, ScalarQuantizer quantizer, byte[] codes,
    float[] codeNorms) {
  int partitions() {
    return offsets.length - 1;
  }

  int size(int p) {
    return offsets[p + 1] - offsets[p];
  }

  int largest() {
    int largest = 0;
    for (int p = 0; p < partitions(); p++) {
      largest = Math.max(largest, size(p));
    }
    return largest;
  }

  String encoding() {
    return quantizer == null ? IvfIndexBuilder.FLOAT32 : IvfIndexBuilder.SQ8;
  }

  long ramBytesUsed() {
    long b = rows.ramBytesUsed() + 4L * ids.length + 4L * offsets.length;
    if (quantizer != null) {
      b += codes.length + 4L * codeNorms.length + 8L * quantizer.dimension();
    }
    return b;
  }

  /** Groups vectors ({@code data}, in id order) by partition; encodes them when a quantizer is given. */
  static IvfLists of(float[] data, int dim, int[] assignment, int partitions, ScalarQuantizer quantizer) {
    int n = assignment.length;
    int[] offsets = new int[partitions + 1];
    for (int a : assignment) {
      offsets[a + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      offsets[p + 1] += offsets[p];
    }
    int[] fill = offsets.clone();
    int[] ids = new int[n];
    float[] rows = new float[data.length];
    for (int i = 0; i < n; i++) {
      int at = fill[assignment[i]]++;
      ids[at] = i;
      System.arraycopy(data, i * dim, rows, at * dim, dim);
    }
    byte[] codes = null;
    float[] norms = null;
    if (quantizer != null) {
      codes = new byte[rows.length];
      norms = new float[n];
      for (int r = 0; r < n; r++) {
        quantizer.encode(rows, r * dim, codes, r * dim);
        norms[r] = quantizer.decodedSquareNorm(codes, r * dim);
      }
    }
    return new IvfLists(FlatVectorValues.wrap(rows, dim), ids, offsets, quantizer, codes, norms);
  }
}
