package org.annlib.ivf;

import java.util.Arrays;
import java.util.Locale;

/**
 * The list-size distribution of an IVF index. {@code imbalance} is FAISS's imbalance factor,
 * {@code nlist * sum(size^2) / n^2}: 1 for equal lists, and the expected scan cost of a probe
 * relative to equal lists when queries follow the data (docs/ivf-ltr.md).
 */
public record ListSizes(int lists, int min, int p25, int median, int p75, int p99, int max, double imbalance) {
  static ListSizes of(int[] offsets) {
    int lists = offsets.length - 1;
    int[] s = new int[lists];
    long n = 0;
    double sq = 0;
    for (int p = 0; p < lists; p++) {
      s[p] = offsets[p + 1] - offsets[p];
      n += s[p];
      sq += (double) s[p] * s[p];
    }
    Arrays.sort(s);
    double imbalance = n == 0 ? 1 : lists * sq / ((double) n * n);
    return new ListSizes(lists, s[0], s[lists / 4], s[lists / 2], s[(3 * lists) / 4], s[(99 * (lists - 1)) / 100],
        s[lists - 1], imbalance);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d lists: min %d, p25 %d, median %d, p75 %d, p99 %d, max %d, imbalance %.3f",
        lists, min, p25, median, p75, p99, max, imbalance);
  }
}
