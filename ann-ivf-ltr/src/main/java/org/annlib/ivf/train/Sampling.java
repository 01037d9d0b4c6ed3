package org.annlib.ivf.train;

import java.util.SplittableRandom;

/** Seeded sampling without replacement and shuffling (Fisher-Yates), shared by every training step. */
public final class Sampling {
  private Sampling() {}

  /** {@code m} distinct ints of {@code [0, n)} in random order (a partial Fisher-Yates shuffle). */
  public static int[] sample(int n, int m, SplittableRandom rnd) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < m; i++) {
      swap(idx, i, i + rnd.nextInt(n - i));
    }
    return java.util.Arrays.copyOf(idx, m);
  }

  public static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      swap(a, i, rnd.nextInt(i + 1));
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
