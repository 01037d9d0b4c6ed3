package org.annlib.internal.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: every kernel of the provider in use against the scalar oracle, and the
 * oracle against a double-precision reference. Float results may differ by summation order only,
 * so the bound is the standard one for recursive summation, 2 * n * u * sum|terms| (u = 2^-24),
 * for each side. Integer kernels must agree exactly.
 */
class VectorKernelsTest {
  private static final long SEED = Long.getLong("tests.seed", 0x5EED_0001L);
  private static final double U = Math.ulp(1.0f) / 2;
  private static final VectorKernels ORACLE = VectorizationProvider.scalar();

  static Stream<Integer> sizes() {
    List<Integer> s = new ArrayList<>();
    IntStream.rangeClosed(1, 300).forEach(s::add);
    for (int n : new int[] {
      383, 384, 385, 511, 512, 513, 767, 768, 769, 784, 960, 1023, 1024, 1025, 1536, 2048, 4095,
      4096, 4097, 4098, 4100
    }) {
      s.add(n);
    }
    return s.stream();
  }

  private static List<VectorKernels> candidates() {
    List<VectorKernels> c = new ArrayList<>();
    c.add(VectorizationProvider.kernels());
    VectorizationProvider.panama().ifPresent(p -> {
      if (p != c.get(0)) {
        c.add(p);
      }
    });
    return c;
  }

  private static float[] randomFloats(SplittableRandom r, int n, int pad) {
    float[] v = new float[n + pad];
    for (int i = 0; i < v.length; i++) {
      // Mix of scales and signs, with exact zeros and large values, like real embeddings do.
      int kind = r.nextInt(10);
      v[i] = kind == 0 ? 0f : kind == 1 ? (float) r.nextDouble(-1000, 1000) : (float) r.nextGaussian();
    }
    return v;
  }

  private static void assertClose(double exact, double sumAbs, float expected, float actual, int n, String what) {
    double bound = 2 * (n + 2) * U * sumAbs + Float.MIN_NORMAL;
    assertTrue(Math.abs(expected - actual) <= 2 * bound,
        what + " n=" + n + ": " + expected + " vs " + actual + " (bound " + bound + ")");
    assertTrue(Math.abs(exact - actual) <= bound,
        what + " n=" + n + ": exact " + exact + " vs " + actual + " (bound " + bound + ")");
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void floatKernelsMatchTheOracle(int n) {
    SplittableRandom r = new SplittableRandom(SEED + n);
    int ao = r.nextInt(5), bo = r.nextInt(5);
    float[] a = randomFloats(r, n, ao);
    float[] b = randomFloats(r, n, bo);
    double dot = 0, dotAbs = 0, l2 = 0, na = 0, nb = 0;
    for (int i = 0; i < n; i++) {
      double x = a[ao + i], y = b[bo + i];
      dot += x * y;
      dotAbs += Math.abs(x * y);
      l2 += (x - y) * (x - y);
      na += x * x;
      nb += y * y;
    }
    float oDot = ORACLE.dot(a, ao, b, bo, n);
    float oL2 = ORACLE.squareL2(a, ao, b, bo, n);
    float oCos = ORACLE.cosine(a, ao, b, bo, n);
    assertClose(dot, dotAbs, (float) dot, oDot, n, "oracle dot");
    assertClose(l2, l2, (float) l2, oL2, n, "oracle squareL2");
    for (VectorKernels k : candidates()) {
      assertClose(dot, dotAbs, oDot, k.dot(a, ao, b, bo, n), n, k.name() + " dot");
      assertClose(l2, l2, oL2, k.squareL2(a, ao, b, bo, n), n, k.name() + " squareL2");
      double cosExact = na * nb == 0 ? 0 : dot / Math.sqrt(na * nb);
      double cosBound = na * nb == 0 ? 0 : 4 * (n + 2) * U * (dotAbs / Math.sqrt(na * nb) + 1);
      float cos = k.cosine(a, ao, b, bo, n);
      assertTrue(Math.abs(cos - cosExact) <= cosBound, k.name() + " cosine n=" + n + ": " + cos + " vs " + cosExact);
      assertTrue(Math.abs(cos - oCos) <= 2 * cosBound);
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void segmentKernelsMatchArrayKernels(int n) {
    SplittableRandom r = new SplittableRandom(SEED ^ n);
    float[] q = randomFloats(r, n, 0);
    float[] row = randomFloats(r, n, 0);
    long offset = 4L * r.nextInt(8) + r.nextInt(2); // also misaligned
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(offset + 4L * n);
      MemorySegment.copy(row, 0, seg, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), offset, n);
      double dot = 0, dotAbs = 0, l2 = 0;
      for (int i = 0; i < n; i++) {
        dot += (double) q[i] * row[i];
        dotAbs += Math.abs((double) q[i] * row[i]);
        l2 += ((double) q[i] - row[i]) * ((double) q[i] - row[i]);
      }
      assertClose(dot, dotAbs, ORACLE.dot(q, 0, row, 0, n), ORACLE.dot(q, seg, offset, n), n, "oracle segment dot");
      for (VectorKernels k : candidates()) {
        assertClose(dot, dotAbs, ORACLE.dot(q, seg, offset, n), k.dot(q, seg, offset, n), n, k.name() + " segment dot");
        assertClose(l2, l2, ORACLE.squareL2(q, seg, offset, n), k.squareL2(q, seg, offset, n), n,
            k.name() + " segment squareL2");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void rowKernelsMatchSingleRowKernels(int dim) {
    SplittableRandom r = new SplittableRandom(SEED * 31 + dim);
    int rows = 1 + r.nextInt(11);
    int first = r.nextInt(3);
    float[] q = randomFloats(r, dim, 0);
    float[] data = randomFloats(r, dim * (first + rows), 0);
    for (VectorKernels k : candidates()) {
      float[] l2 = new float[rows];
      float[] dot = new float[rows];
      k.squareL2Rows(q, data, first, rows, dim, l2);
      k.dotRows(q, data, first, rows, dim, dot);
      for (int i = 0; i < rows; i++) {
        int off = (first + i) * dim;
        double e = 0, ed = 0, abs = 0;
        for (int j = 0; j < dim; j++) {
          e += ((double) q[j] - data[off + j]) * ((double) q[j] - data[off + j]);
          ed += (double) q[j] * data[off + j];
          abs += Math.abs((double) q[j] * data[off + j]);
        }
        assertClose(e, e, ORACLE.squareL2(q, 0, data, off, dim), l2[i], dim, k.name() + " squareL2Rows row " + i);
        assertClose(ed, abs, ORACLE.dot(q, 0, data, off, dim), dot[i], dim, k.name() + " dotRows row " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void gatherKernelsMatchSingleRowKernels(int dim) {
    SplittableRandom r = new SplittableRandom(SEED * 17 + dim);
    int rows = 12;
    int n = 1 + r.nextInt(11);
    float[] q = randomFloats(r, dim, 0);
    float[] data = randomFloats(r, dim * rows, 0);
    int[] ords = new int[n];
    for (int i = 0; i < n; i++) {
      ords[i] = r.nextInt(rows); // scattered, repeats allowed
    }
    java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofAuto();
    java.lang.foreign.MemorySegment seg = arena.allocate(4L * data.length + 4);
    // One float in: segment rows need not be aligned (a file's vector block may start anywhere).
    java.lang.foreign.MemorySegment rowsSeg = seg.asSlice(4);
    java.lang.foreign.MemorySegment.copy(data, 0, rowsSeg, org.annlib.io.IndexFiles.FLOAT_LE, 0, data.length);
    for (VectorKernels k : candidates()) {
      float[] l2 = new float[n];
      float[] dot = new float[n];
      float[] segL2 = new float[n];
      float[] segDot = new float[n];
      k.squareL2Ords(q, data, ords, n, dim, l2);
      k.dotOrds(q, data, ords, n, dim, dot);
      k.squareL2Ords(q, rowsSeg, ords, n, dim, segL2);
      k.dotOrds(q, rowsSeg, ords, n, dim, segDot);
      for (int i = 0; i < n; i++) {
        int off = ords[i] * dim;
        double e = 0, ed = 0, abs = 0;
        for (int j = 0; j < dim; j++) {
          e += ((double) q[j] - data[off + j]) * ((double) q[j] - data[off + j]);
          ed += (double) q[j] * data[off + j];
          abs += Math.abs((double) q[j] * data[off + j]);
        }
        assertClose(e, e, ORACLE.squareL2(q, 0, data, off, dim), l2[i], dim, k.name() + " squareL2Ords " + i);
        assertClose(ed, abs, ORACLE.dot(q, 0, data, off, dim), dot[i], dim, k.name() + " dotOrds " + i);
        assertClose(e, e, ORACLE.squareL2(q, 0, data, off, dim), segL2[i], dim, k.name() + " segment squareL2Ords " + i);
        assertClose(ed, abs, ORACLE.dot(q, 0, data, off, dim), segDot[i], dim, k.name() + " segment dotOrds " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void byteKernelsAreExact(int n) {
    SplittableRandom r = new SplittableRandom(SEED + 7 * n);
    int ao = r.nextInt(9), bo = r.nextInt(9);
    byte[] a = new byte[n + ao];
    byte[] b = new byte[n + bo];
    for (int i = 0; i < a.length; i++) a[i] = (byte) r.nextInt(256);
    for (int i = 0; i < b.length; i++) b[i] = (byte) r.nextInt(256);
    // Extremes, where sign and zero extension differ most.
    a[ao] = (byte) 0x80;
    b[bo] = (byte) 0xFF;
    long dotI = 0, l2I = 0, dotU = 0, l2U = 0;
    for (int i = 0; i < n; i++) {
      int x = a[ao + i], y = b[bo + i];
      dotI += x * y;
      l2I += (x - y) * (x - y);
      int ux = x & 0xFF, uy = y & 0xFF;
      dotU += ux * uy;
      l2U += (ux - uy) * (ux - uy);
    }
    int l2U4 = 0;
    int dotU4 = 0;
    for (int i = 0; i < n; i++) {
      int x = a[ao + i] & 0xFF;
      int y = b[bo + i] & 0xFF;
      l2U4 += ((x & 15) - (y & 15)) * ((x & 15) - (y & 15)) + ((x >> 4) - (y >> 4)) * ((x >> 4) - (y >> 4));
      dotU4 += (x & 15) * (y & 15) + (x >> 4) * (y >> 4);
    }
    // the gather form: rows 0, 2, 1, 2, 0 of a three-row block of n-byte rows, query a
    byte[] rows = new byte[3 * n];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = b[bo + (i % n)];
      if (i >= n) {
        rows[i] ^= (byte) (i / n);
      }
    }
    int[] ords = {0, 2, 1, 2, 0};
    byte[] query = java.util.Arrays.copyOfRange(a, ao, ao + n);
    for (VectorKernels k : List.of(ORACLE, candidates().getLast())) {
      assertEquals(dotI, k.dotI8(a, ao, b, bo, n), k.name() + " dotI8");
      assertEquals(l2I, k.squareL2I8(a, ao, b, bo, n), k.name() + " squareL2I8");
      assertEquals(dotU, k.dotU8(a, ao, b, bo, n), k.name() + " array dotU8");
      assertEquals(l2U, k.squareL2U8(a, ao, b, bo, n), k.name() + " array squareL2U8");
      assertEquals(l2U4, k.squareL2U4(a, ao, b, bo, n), k.name() + " array squareL2U4");
      assertEquals(dotU4, k.dotU4(a, ao, b, bo, n), k.name() + " array dotU4");
      int[] fromArray = new int[5];
      k.squareL2U4Ords(query, rows, ords, 5, n, fromArray);
      for (int i = 0; i < 5; i++) {
        assertEquals(ORACLE.squareL2U4(query, 0, rows, ords[i] * n, n), fromArray[i], k.name() + " array gather " + i);
      }
      // stored code rows come from heap arrays, off-heap blocks and mapped files alike
      for (MemorySegment stored : List.of(MemorySegment.ofArray(b), offHeap(b))) {
        String where = k.name() + (stored.isNative() ? " off-heap " : " heap ");
        assertEquals(dotU, k.dotU8(a, ao, stored, bo, n), where + "dotU8");
        assertEquals(l2U, k.squareL2U8(a, ao, stored, bo, n), where + "squareL2U8");
        assertEquals(l2U4, k.squareL2U4(a, ao, stored, bo, n), where + "squareL2U4");
        assertEquals(dotU4, k.dotU4(a, ao, stored, bo, n), where + "dotU4");
      }
      for (MemorySegment block : List.of(MemorySegment.ofArray(rows), offHeap(rows))) {
        int[] got = new int[5];
        k.squareL2U4Ords(query, block, ords, 5, n, got);
        for (int i = 0; i < 5; i++) {
          assertEquals(ORACLE.squareL2U4(query, 0, MemorySegment.ofArray(rows), (long) ords[i] * n, n), got[i],
              k.name() + " squareL2U4Ords " + i);
        }
      }
    }
  }

  private static MemorySegment offHeap(byte[] bytes) {
    MemorySegment seg = Arena.ofAuto().allocate(Math.max(1, bytes.length));
    MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return seg.asSlice(0, bytes.length);
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void floatByCodeRowsMatchTheOracle(int dim) {
    SplittableRandom r = new SplittableRandom(SEED ^ dim);
    int rows = 3;
    float[] q = randomFloats(r, dim, 0);
    byte[] codes = new byte[(rows + 1) * dim];
    r.nextBytes(codes);
    float[] expected = new float[rows];
    ORACLE.dotF32U8Rows(q, MemorySegment.ofArray(codes), 1, rows, dim, expected);
    for (int row = 0; row < rows; row++) {
      double exact = 0;
      double abs = 0;
      for (int j = 0; j < dim; j++) {
        double t = (double) q[j] * (codes[(row + 1) * dim + j] & 0xFF);
        exact += t;
        abs += Math.abs(t);
      }
      assertClose(exact, abs, (float) exact, expected[row], dim, "oracle dotF32U8");
      for (VectorKernels k : candidates()) {
        float[] fromArray = new float[rows];
        k.dotF32U8Rows(q, codes, 1, rows, dim, fromArray);
        assertClose(exact, abs, expected[row], fromArray[row], dim, k.name() + " array dotF32U8 row " + row);
        for (MemorySegment stored : List.of(MemorySegment.ofArray(codes), offHeap(codes))) {
          float[] got = new float[rows];
          k.dotF32U8Rows(q, stored, 1, rows, dim, got);
          assertClose(exact, abs, expected[row], got[row], dim, k.name() + " dotF32U8 row " + row
              + (stored.isNative() ? " off-heap" : " heap"));
        }
      }
    }
  }

  /**
   * Every nibble at its largest distance (0 against 15) and every byte at 0 against 255: the
   * short-lane accumulators of the packed-code kernels are flushed before they could overflow.
   */
  @ParameterizedTest
  @MethodSource("sizes")
  void codeKernelsAreExactAtTheirLargestDifferences(int n) {
    byte[] zeros = new byte[n];
    byte[] ones = new byte[n];
    java.util.Arrays.fill(ones, (byte) 0xFF);
    for (VectorKernels k : List.of(ORACLE, candidates().getLast())) {
      MemorySegment z = offHeap(zeros);
      MemorySegment o = offHeap(ones);
      assertEquals(n * 2 * 225, k.squareL2U4(zeros, 0, o, 0, n), k.name() + " squareL2U4");
      assertEquals(n * 2 * 225, k.squareL2U4(ones, 0, z, 0, n), k.name() + " squareL2U4 swapped");
      assertEquals(n * 2 * 225, k.dotU4(ones, 0, o, 0, n), k.name() + " dotU4");
      assertEquals(n * 255 * 255, k.squareL2U8(zeros, 0, o, 0, n), k.name() + " squareL2U8");
      assertEquals(n * 255 * 255, k.dotU8(ones, 0, o, 0, n), k.name() + " dotU8");
      int[] got = new int[2];
      k.squareL2U4Ords(zeros, o, new int[] {0, 0}, 2, n, got);
      assertEquals(n * 2 * 225, got[1], k.name() + " squareL2U4Ords");
      assertEquals(n * 2 * 225, k.squareL2U4(zeros, 0, ones, 0, n), k.name() + " array squareL2U4");
      assertEquals(n * 255 * 255, k.squareL2U8(zeros, 0, ones, 0, n), k.name() + " array squareL2U8");
    }
  }

  /**
   * Code rows past byte 2^31 of a mapped block (a sparse file: no disk is written): the gather
   * and row kernels address them with long offsets and agree with the oracle on a heap copy.
   */
  @org.junit.jupiter.api.Test
  void codeKernelsAddressRowsPastTwoGibibytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    int rowBytes = 392;
    int rows = (int) ((5L << 29) / rowBytes);
    int[] probes = {0, (int) ((1L << 31) / rowBytes) - 1, (int) ((1L << 31) / rowBytes), rows - 1};
    SplittableRandom r = new SplittableRandom(SEED);
    byte[][] written = new byte[probes.length][rowBytes];
    java.nio.file.Path file = dir.resolve("codes.u4");
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
      for (int i = 0; i < probes.length; i++) {
        r.nextBytes(written[i]);
        ch.write(java.nio.ByteBuffer.wrap(written[i]), (long) rowBytes * probes[i]);
      }
    }
    byte[] query = new byte[rowBytes];
    r.nextBytes(query);
    try (Arena arena = Arena.ofConfined();
        java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      MemorySegment seg = ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      assertTrue(seg.byteSize() > (1L << 31));
      for (VectorKernels k : List.of(ORACLE, candidates().getLast())) {
        int[] got = new int[probes.length];
        k.squareL2U4Ords(query, seg, probes, probes.length, rowBytes, got);
        for (int i = 0; i < probes.length; i++) {
          MemorySegment copy = MemorySegment.ofArray(written[i]);
          long at = (long) rowBytes * probes[i];
          assertEquals(ORACLE.squareL2U4(query, 0, copy, 0, rowBytes), got[i], k.name() + " gather row " + probes[i]);
          assertEquals(ORACLE.squareL2U8(query, 0, copy, 0, rowBytes), k.squareL2U8(query, 0, seg, at, rowBytes),
              k.name() + " squareL2U8 row " + probes[i]);
          assertEquals(ORACLE.dotU4(query, 0, copy, 0, rowBytes), k.dotU4(query, 0, seg, at, rowBytes),
              k.name() + " dotU4 row " + probes[i]);
        }
      }
    }
  }
}
