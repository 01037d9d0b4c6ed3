package org.annlib.internal.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The JVM's stand-in for a software prefetch before a gather: one plain load per cache line of
 * every row about to be scored. A graph walk scores rows scattered over memory, and a kernel
 * scoring them one after another waits for one row's misses at a time; these loads have no
 * dependence on each other, so the core issues them together and the rows arrive in parallel
 * (ann-bench's GatherBenchmark on the project's test machine: 2.5x the rows per second for 4-bit
 * rows scattered over 23 MB). The loaded bytes feed a branch that is never taken, so the JIT
 * cannot drop the loads.
 */
public final class RowTouch {
  private static final int LINE = 64;
  @SuppressWarnings("unused")
  private static int sink;

  private RowTouch() {}

  /** Touches every cache line of the {@code n} rows of {@code rowBytes} bytes at {@code ords}. */
  public static void bytes(byte[] data, int[] ords, int n, int rowBytes) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      int o = ords[i] * rowBytes;
      for (int l = 0; l < rowBytes; l += LINE) {
        s += data[o + l];
      }
      s += data[o + rowBytes - 1];
    }
    if (s == Integer.MIN_VALUE) {
      sink = s;
    }
  }

  /** As above for rows in a segment, row {@code r} at byte {@code r * rowBytes} (a long). */
  public static void bytes(MemorySegment data, int[] ords, int n, int rowBytes) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      long o = (long) rowBytes * ords[i];
      for (int l = 0; l < rowBytes; l += LINE) {
        s += data.get(ValueLayout.JAVA_BYTE, o + l);
      }
      s += data.get(ValueLayout.JAVA_BYTE, o + rowBytes - 1);
    }
    if (s == Integer.MIN_VALUE) {
      sink = s;
    }
  }

  /**
   * Touches the first line of each of the {@code n} rows of {@code dim} floats; the hardware
   * prefetcher follows a sequential row on its own once it has started, and touching every line
   * of 3 KB rows measured slower (the loads compete with the scoring for bandwidth).
   */
  public static void firstLines(float[] data, int[] ords, int n, int dim) {
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += Float.floatToRawIntBits(data[ords[i] * dim]);
    }
    if (s == Integer.MIN_VALUE) {
      sink = s;
    }
  }

  /** {@link #firstLines(float[], int[], int, int)} for rows in a segment (a mapped page fault is a miss too). */
  public static void firstLines(MemorySegment data, int[] ords, int n, int dim) {
    long row = 4L * dim;
    int s = 0;
    for (int i = 0; i < n; i++) {
      s += data.get(ValueLayout.JAVA_INT_UNALIGNED, row * ords[i]);
    }
    if (s == Integer.MIN_VALUE) {
      sink = s;
    }
  }
}
