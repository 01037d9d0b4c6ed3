package org.annlib.vector;

import java.lang.foreign.MemorySegment;
import org.annlib.internal.vector.RowTouch;
import org.annlib.internal.vector.VectorKernels;
import org.annlib.internal.vector.VectorizationProvider;

/**
 * The one entry point to the SIMD kernels for code outside {@code org.annlib.internal.vector}.
 * The kernels are chosen once per JVM (see {@link #provider()}); the {@code static final} field
 * lets the JIT inline through the interface. Whole-array methods check that lengths agree;
 * offset methods leave bounds to the caller (the JVM still checks array accesses).
 */
public final class VectorUtil {
  private static final VectorKernels K = VectorizationProvider.kernels();

  private VectorUtil() {}

  /** "panama" or "scalar": which kernels this JVM uses. */
  public static String provider() {
    return K.name();
  }

  public static float dot(float[] a, float[] b) {
    checkLengths(a.length, b.length);
    return K.dot(a, 0, b, 0, a.length);
  }

  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return K.dot(a, aOffset, b, bOffset, length);
  }

  public static float squareL2(float[] a, float[] b) {
    checkLengths(a.length, b.length);
    return K.squareL2(a, 0, b, 0, a.length);
  }

  public static float squareL2(float[] a, int aOffset, float[] b, int bOffset, int length) {
    return K.squareL2(a, aOffset, b, bOffset, length);
  }

  /** Cosine similarity; 0 when either vector is zero. */
  public static float cosine(float[] a, float[] b) {
    checkLengths(a.length, b.length);
    return K.cosine(a, 0, b, 0, a.length);
  }

  public static float dot(float[] q, MemorySegment data, long byteOffset, int length) {
    return K.dot(q, data, byteOffset, length);
  }

  public static float squareL2(float[] q, MemorySegment data, long byteOffset, int length) {
    return K.squareL2(q, data, byteOffset, length);
  }

  /** {@code out[r] = squareL2(q, row firstRow + r)} for {@code count} rows of {@code dim} floats. */
  public static void squareL2Rows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    K.squareL2Rows(q, data, firstRow, count, dim, out);
  }

  /** {@code out[r] = dot(q, row firstRow + r)} for {@code count} rows of {@code dim} floats. */
  public static void dotRows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    K.dotRows(q, data, firstRow, count, dim, out);
  }

  /** {@code out[i] = squareL2(q, row ords[i])} for rows of {@code dim} floats in any order. */
  public static void squareL2Ords(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    RowTouch.firstLines(data, ords, n, dim);
    K.squareL2Ords(q, data, ords, n, dim, out);
  }

  /** {@code out[i] = dot(q, row ords[i])} for rows of {@code dim} floats in any order. */
  public static void dotOrds(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    RowTouch.firstLines(data, ords, n, dim);
    K.dotOrds(q, data, ords, n, dim, out);
  }

  /** {@code out[i] = squareL2(q, row ords[i])} for segment rows of {@code dim} little-endian floats. */
  public static void squareL2Ords(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    RowTouch.firstLines(data, ords, n, dim);
    K.squareL2Ords(q, data, ords, n, dim, out);
  }

  /** {@code out[i] = dot(q, row ords[i])} for segment rows of {@code dim} little-endian floats. */
  public static void dotOrds(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    RowTouch.firstLines(data, ords, n, dim);
    K.dotOrds(q, data, ords, n, dim, out);
  }

  public static int dotI8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    return K.dotI8(a, aOffset, b, bOffset, length);
  }

  public static int squareL2I8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    return K.squareL2I8(a, aOffset, b, bOffset, length);
  }

  public static int dotU8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    return K.dotU8(a, aOffset, b, bOffset, length);
  }

  public static int squareL2U8(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    return K.squareL2U8(a, aOffset, b, bOffset, length);
  }

  /** A query's uint8 code row against a stored row at byte {@code bOffset} of a segment; exact. */
  public static int dotU8(byte[] a, int aOffset, MemorySegment b, long bOffset, int length) {
    return K.dotU8(a, aOffset, b, bOffset, length);
  }

  public static int squareL2U8(byte[] a, int aOffset, MemorySegment b, long bOffset, int length) {
    return K.squareL2U8(a, aOffset, b, bOffset, length);
  }

  /** {@code out[r] = sum_j q[j] * (uint8) codes[(firstRow + r) * dim + j]}; see the SQ8 scorer. */
  public static void dotF32U8Rows(float[] q, byte[] codes, int firstRow, int count, int dim, float[] out) {
    K.dotF32U8Rows(q, codes, firstRow, count, dim, out);
  }

  /** As above over a code block in a segment (off-heap or mapped; long row offsets). */
  public static void dotF32U8Rows(float[] q, MemorySegment codes, long firstRow, int count, int dim, float[] out) {
    K.dotF32U8Rows(q, codes, firstRow, count, dim, out);
  }

  /** Squared L2 between rows of packed 4-bit codes (low nibble first), over {@code bytes} bytes; exact. */
  public static int squareL2U4(byte[] a, int aOffset, byte[] b, int bOffset, int bytes) {
    return K.squareL2U4(a, aOffset, b, bOffset, bytes);
  }

  /** Dot product of rows of packed 4-bit codes (low nibble first), over {@code bytes} bytes; exact. */
  public static int dotU4(byte[] a, int aOffset, byte[] b, int bOffset, int bytes) {
    return K.dotU4(a, aOffset, b, bOffset, bytes);
  }

  /** A query's 4-bit code row against a stored row at byte {@code bOffset} of a segment; exact. */
  public static int squareL2U4(byte[] a, int aOffset, MemorySegment b, long bOffset, int bytes) {
    return K.squareL2U4(a, aOffset, b, bOffset, bytes);
  }

  public static int dotU4(byte[] a, int aOffset, MemorySegment b, long bOffset, int bytes) {
    return K.dotU4(a, aOffset, b, bOffset, bytes);
  }

  /**
   * Loads every cache line of the {@code n} code rows at {@code ords} without scoring them, so
   * that their misses overlap before a row-by-row scoring loop (the JVM has no prefetch
   * instruction; see {@code RowTouch}). Row {@code r} starts at byte {@code r * rowBytes}.
   */
  public static void touchRows(byte[] codes, int[] ords, int n, int rowBytes) {
    RowTouch.bytes(codes, ords, n, rowBytes);
  }

  public static void touchRows(MemorySegment codes, int[] ords, int n, int rowBytes) {
    RowTouch.bytes(codes, ords, n, rowBytes);
  }

  /** {@code out[i] = squareL2U4(q, codes row ords[i])}; the rows are touched first so that their misses overlap. */
  public static void squareL2U4Ords(byte[] q, byte[] codes, int[] ords, int n, int rowBytes, int[] out) {
    RowTouch.bytes(codes, ords, n, rowBytes);
    K.squareL2U4Ords(q, codes, ords, n, rowBytes, out);
  }

  public static void squareL2U4Ords(byte[] q, MemorySegment codes, int[] ords, int n, int rowBytes, int[] out) {
    RowTouch.bytes(codes, ords, n, rowBytes);
    K.squareL2U4Ords(q, codes, ords, n, rowBytes, out);
  }

  /** Euclidean norm, accumulated in the kernel's precision. */
  public static float norm(float[] v) {
    return (float) Math.sqrt(K.dot(v, 0, v, 0, v.length));
  }

  /**
   * Scales {@code v} in place to unit length.
   *
   * @throws IllegalArgumentException for a zero vector, which has no direction
   */
  public static float[] l2normalize(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    if (sq == 0) {
      throw new IllegalArgumentException("zero vector has no direction and cannot be normalised for COSINE");
    }
    // Divide in double: for subnormal inputs 1/norm overflows float.
    double norm = Math.sqrt(sq);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return v;
  }

  private static void checkLengths(int a, int b) {
    if (a != b) {
      throw new IllegalArgumentException("vector lengths differ: " + a + " vs " + b);
    }
  }
}
