package org.annlib.internal.vector;

import java.lang.foreign.MemorySegment;

/**
 * The SIMD kernel SPI. {@link ScalarVectorKernels} is the reference and test oracle; the Panama
 * implementation must agree with it exactly on integer kernels and within float summation error
 * on float kernels. Offsets are in elements for arrays and in bytes for segments. Callers check
 * bounds of their own; array accesses are still checked by the JVM. Float segments are
 * little-endian float32, the layout of every file this library writes.
 */
public interface VectorKernels {
  /** "panama" or "scalar". */
  String name();

  float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

  float squareL2(float[] a, int aOffset, float[] b, int bOffset, int length);

  /** {@code a.b / (|a| |b|)} in one pass; 0 when either vector is zero. */
  float cosine(float[] a, int aOffset, float[] b, int bOffset, int length);

  float dot(float[] q, MemorySegment data, long byteOffset, int length);

  float squareL2(float[] q, MemorySegment data, long byteOffset, int length);

  /**
   * One query against {@code count} consecutive rows of a row-major block ({@code dim} floats a
   * row, first row at element {@code firstRow * dim}): {@code out[r] = squareL2(q, row r)}.
   * Batching shares each query load across four rows.
   */
  void squareL2Rows(float[] q, float[] data, int firstRow, int count, int dim, float[] out);

  /** As {@link #squareL2Rows} for the dot product. */
  void dotRows(float[] q, float[] data, int firstRow, int count, int dim, float[] out);

  /**
   * One query against the rows {@code ords[0..n-1]} of a row-major block, in any order: {@code
   * out[i] = squareL2(q, row ords[i])}. Four rows at a time share each query load and keep four
   * independent memory streams in flight, which is what a graph walk's scattered rows need.
   */
  void squareL2Ords(float[] q, float[] data, int[] ords, int n, int dim, float[] out);

  /** As {@link #squareL2Ords} for the dot product. */
  void dotOrds(float[] q, float[] data, int[] ords, int n, int dim, float[] out);

  /**
   * {@link #squareL2Ords(float[], float[], int[], int, int, float[])} over rows of {@code dim}
   * little-endian floats in a segment (off-heap or memory-mapped storage), row {@code r} at byte
   * {@code r * 4 * dim}.
   */
  void squareL2Ords(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out);

  void dotOrds(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out);

  /** Signed int8 codes; exact (fits an int for length below 131,000). */
  int dotI8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

  /** Signed int8 codes; exact (fits an int for length below 33,000). */
  int squareL2I8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

  /**
   * Unsigned uint8 codes 0..255 (scalar quantization): a query code row against a stored row at
   * byte {@code bOffset} of {@code b} (heap, off-heap or mapped); exact for length below 33,000.
   */
  int dotU8(byte[] a, int aOffset, MemorySegment b, long bOffset, int length);

  /** Unsigned uint8 codes 0..255, a query row against a stored row; exact for length below 33,000. */
  int squareL2U8(byte[] a, int aOffset, MemorySegment b, long bOffset, int length);

  /**
   * {@code sum_j q[j] * (codes[(firstRow + r) * dim + j] & 0xFF)} for {@code count} rows of {@code
   * dim} uint8 codes in a segment (heap, off-heap or mapped; the row offset is a long): the inner
   * loop of an asymmetric scalar-quantised distance, where the query stays float and the
   * per-dimension scale is folded into {@code q}. Float accumulation, so Panama and scalar agree
   * only to rounding.
   */
  void dotF32U8Rows(float[] q, MemorySegment codes, long firstRow, int count, int dim, float[] out);

  /**
   * Squared L2 between a query row and a stored row of packed 4-bit codes (two codes per byte,
   * low nibble first), over {@code bytes} bytes; exact.
   */
  int squareL2U4(byte[] a, int aOffset, MemorySegment b, long bOffset, int bytes);

  /** Dot product of a query row and a stored row of packed 4-bit codes (low nibble first); exact. */
  int dotU4(byte[] a, int aOffset, MemorySegment b, long bOffset, int bytes);

  /**
   * {@code out[i] = squareL2U4(q, codes row ords[i])} for rows of {@code rowBytes} packed 4-bit
   * codes, row {@code r} at byte {@code r * rowBytes} (a long: the block may pass 2 GiB), several
   * rows at a time so that their scattered loads overlap (a graph walk's gather).
   */
  void squareL2U4Ords(byte[] q, MemorySegment codes, int[] ords, int n, int rowBytes, int[] out);

  // The same code kernels with the stored rows in a heap array: the fast path for storage that
  // fits one (see PanamaByteKernels for why both exist). They agree exactly with the segment forms.

  int dotU8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

  int squareL2U8(byte[] a, int aOffset, byte[] b, int bOffset, int length);

  void dotF32U8Rows(float[] q, byte[] codes, int firstRow, int count, int dim, float[] out);

  int squareL2U4(byte[] a, int aOffset, byte[] b, int bOffset, int bytes);

  int dotU4(byte[] a, int aOffset, byte[] b, int bOffset, int bytes);

  void squareL2U4Ords(byte[] q, byte[] codes, int[] ords, int n, int rowBytes, int[] out);
}
