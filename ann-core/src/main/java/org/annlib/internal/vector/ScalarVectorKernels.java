package org.annlib.internal.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Plain-Java kernels: the fallback when the Vector API is absent, and the oracle that every
 * Panama kernel is tested against. Float loops keep four independent accumulators so that the
 * adds pipeline (C2 does not vectorise float reductions, whose order it must preserve).
 */
public final class ScalarVectorKernels implements VectorKernels {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = len & ~3; i < bound; i += 4) {
      s0 += a[ao + i] * b[bo + i];
      s1 += a[ao + i + 1] * b[bo + i + 1];
      s2 += a[ao + i + 2] * b[bo + i + 2];
      s3 += a[ao + i + 3] * b[bo + i + 3];
    }
    for (; i < len; i++) {
      s0 += a[ao + i] * b[bo + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squareL2(float[] a, int ao, float[] b, int bo, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = len & ~3; i < bound; i += 4) {
      float d0 = a[ao + i] - b[bo + i];
      float d1 = a[ao + i + 1] - b[bo + i + 1];
      float d2 = a[ao + i + 2] - b[bo + i + 2];
      float d3 = a[ao + i + 3] - b[bo + i + 3];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < len; i++) {
      float d = a[ao + i] - b[bo + i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float cosine(float[] a, int ao, float[] b, int bo, int len) {
    float dot = 0, na = 0, nb = 0;
    for (int i = 0; i < len; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return cosineOf(dot, na, nb);
  }

  /** Shared by both providers so that the zero-vector rule is the same. */
  public static float cosineOf(float dot, float normSqA, float normSqB) {
    double denominator = Math.sqrt((double) normSqA * (double) normSqB);
    return denominator == 0 ? 0f : (float) (dot / denominator);
  }

  @Override
  public float dot(float[] q, MemorySegment data, long off, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = len & ~3; i < bound; i += 4) {
      long p = off + 4L * i;
      s0 += q[i] * data.get(FLOAT_LE, p);
      s1 += q[i + 1] * data.get(FLOAT_LE, p + 4);
      s2 += q[i + 2] * data.get(FLOAT_LE, p + 8);
      s3 += q[i + 3] * data.get(FLOAT_LE, p + 12);
    }
    for (; i < len; i++) {
      s0 += q[i] * data.get(FLOAT_LE, off + 4L * i);
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float squareL2(float[] q, MemorySegment data, long off, int len) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (int bound = len & ~3; i < bound; i += 4) {
      long p = off + 4L * i;
      float d0 = q[i] - data.get(FLOAT_LE, p);
      float d1 = q[i + 1] - data.get(FLOAT_LE, p + 4);
      float d2 = q[i + 2] - data.get(FLOAT_LE, p + 8);
      float d3 = q[i + 3] - data.get(FLOAT_LE, p + 12);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < len; i++) {
      float d = q[i] - data.get(FLOAT_LE, off + 4L * i);
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void squareL2Rows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    for (int r = 0; r < count; r++) {
      out[r] = squareL2(q, 0, data, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void dotRows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    for (int r = 0; r < count; r++) {
      out[r] = dot(q, 0, data, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void squareL2Ords(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = squareL2(q, 0, data, ords[i] * dim, dim);
    }
  }

  @Override
  public void dotOrds(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = dot(q, 0, data, ords[i] * dim, dim);
    }
  }

  @Override
  public int dotI8(byte[] a, int ao, byte[] b, int bo, int len) {
    int s = 0;
    for (int i = 0; i < len; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  @Override
  public int squareL2I8(byte[] a, int ao, byte[] b, int bo, int len) {
    int s = 0;
    for (int i = 0; i < len; i++) {
      int d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return s;
  }

  @Override
  public int dotU8(byte[] a, int ao, MemorySegment b, long bo, int len) {
    int s = 0;
    for (int i = 0; i < len; i++) {
      s += (a[ao + i] & 0xFF) * (b.get(ValueLayout.JAVA_BYTE, bo + i) & 0xFF);
    }
    return s;
  }

  @Override
  public int squareL2U8(byte[] a, int ao, MemorySegment b, long bo, int len) {
    int s = 0;
    for (int i = 0; i < len; i++) {
      int d = (a[ao + i] & 0xFF) - (b.get(ValueLayout.JAVA_BYTE, bo + i) & 0xFF);
      s += d * d;
    }
    return s;
  }

  @Override
  public void dotF32U8Rows(float[] q, MemorySegment codes, long firstRow, int count, int dim, float[] out) {
    for (int r = 0; r < count; r++) {
      long off = (firstRow + r) * dim;
      float s = 0;
      for (int j = 0; j < dim; j++) {
        s += q[j] * (codes.get(ValueLayout.JAVA_BYTE, off + j) & 0xFF);
      }
      out[r] = s;
    }
  }

  @Override
  public int squareL2U4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    int s = 0;
    for (int i = 0; i < bytes; i++) {
      int x = a[ao + i] & 0xFF;
      int y = b.get(ValueLayout.JAVA_BYTE, bo + i) & 0xFF;
      int lo = (x & 15) - (y & 15);
      int hi = (x >>> 4) - (y >>> 4);
      s += lo * lo + hi * hi;
    }
    return s;
  }

  @Override
  public int dotU4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    int s = 0;
    for (int i = 0; i < bytes; i++) {
      int x = a[ao + i] & 0xFF;
      int y = b.get(ValueLayout.JAVA_BYTE, bo + i) & 0xFF;
      s += (x & 15) * (y & 15) + (x >>> 4) * (y >>> 4);
    }
    return s;
  }

  @Override
  public void squareL2U4Ords(byte[] q, MemorySegment codes, int[] ords, int n, int rowBytes, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = squareL2U4(q, 0, codes, (long) rowBytes * ords[i], rowBytes);
    }
  }

  @Override
  public void squareL2Ords(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = squareL2(q, data, 4L * dim * ords[i], dim);
    }
  }

  @Override
  public void dotOrds(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = dot(q, data, 4L * dim * ords[i], dim);
    }
  }

  // The oracle has one loop per kernel: the array forms read the array through a segment view.

  @Override
  public int dotU8(byte[] a, int ao, byte[] b, int bo, int len) {
    return dotU8(a, ao, MemorySegment.ofArray(b), bo, len);
  }

  @Override
  public int squareL2U8(byte[] a, int ao, byte[] b, int bo, int len) {
    return squareL2U8(a, ao, MemorySegment.ofArray(b), bo, len);
  }

  @Override
  public void dotF32U8Rows(float[] q, byte[] codes, int firstRow, int count, int dim, float[] out) {
    dotF32U8Rows(q, MemorySegment.ofArray(codes), firstRow, count, dim, out);
  }

  @Override
  public int squareL2U4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    return squareL2U4(a, ao, MemorySegment.ofArray(b), bo, bytes);
  }

  @Override
  public int dotU4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    return dotU4(a, ao, MemorySegment.ofArray(b), bo, bytes);
  }

  @Override
  public void squareL2U4Ords(byte[] q, byte[] codes, int[] ords, int n, int rowBytes, int[] out) {
    squareL2U4Ords(q, MemorySegment.ofArray(codes), ords, n, rowBytes, out);
  }
}
