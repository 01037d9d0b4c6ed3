package org.annlib.internal.vector.panama;

import static org.annlib.internal.vector.panama.PanamaSpecies.FLOAT;
import static org.annlib.internal.vector.panama.PanamaSpecies.FLOAT_HALF;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.annlib.internal.vector.ScalarVectorKernels;
import org.annlib.internal.vector.VectorKernels;

/**
 * Vector API kernels. Float loops run four accumulators over the preferred species (a 512-bit
 * FMA has a latency of about four cycles, so one accumulator would leave the FMA units idle),
 * then one accumulator over whole vectors, then a scalar tail: masked tails cost more than they
 * save on AVX2 machines, whose masks are emulated. Public only so that {@code
 * VectorizationProvider} can create it reflectively.
 */
public final class PanamaVectorKernels implements VectorKernels {
  private static final int L = FLOAT.length();
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Fails when the Vector API would not beat the scalar code (no 128-bit float vectors). */
  public PanamaVectorKernels() {
    if (FLOAT.vectorBitSize() < 128) {
      throw new UnsupportedOperationException(
          "preferred vector size is " + FLOAT.vectorBitSize() + " bits; 128 or more is needed");
    }
  }

  @Override
  public String name() {
    return "panama";
  }

  /** Bit size of the float species chosen on this machine, for logs and benchmark reports. */
  public static int floatBits() {
    return FLOAT.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int len) {
    int i = 0;
    float sum = 0;
    if (len >= L) {
      FloatVector acc0 = FloatVector.zero(FLOAT);
      FloatVector acc1 = acc0, acc2 = acc0, acc3 = acc0;
      for (int bound = len - len % (4 * L); i < bound; i += 4 * L) {
        acc0 = FloatVector.fromArray(FLOAT, a, ao + i).fma(FloatVector.fromArray(FLOAT, b, bo + i), acc0);
        acc1 = FloatVector.fromArray(FLOAT, a, ao + i + L).fma(FloatVector.fromArray(FLOAT, b, bo + i + L), acc1);
        acc2 = FloatVector.fromArray(FLOAT, a, ao + i + 2 * L)
            .fma(FloatVector.fromArray(FLOAT, b, bo + i + 2 * L), acc2);
        acc3 = FloatVector.fromArray(FLOAT, a, ao + i + 3 * L)
            .fma(FloatVector.fromArray(FLOAT, b, bo + i + 3 * L), acc3);
      }
      for (int bound = FLOAT.loopBound(len); i < bound; i += L) {
        acc0 = FloatVector.fromArray(FLOAT, a, ao + i).fma(FloatVector.fromArray(FLOAT, b, bo + i), acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    if (FLOAT_HALF != null && len - i >= FLOAT_HALF.length()) {
      sum += FloatVector.fromArray(FLOAT_HALF, a, ao + i).mul(FloatVector.fromArray(FLOAT_HALF, b, bo + i))
          .reduceLanes(VectorOperators.ADD);
      i += FLOAT_HALF.length();
    }
    for (; i < len; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  @Override
  public float squareL2(float[] a, int ao, float[] b, int bo, int len) {
    int i = 0;
    float sum = 0;
    if (len >= L) {
      FloatVector acc0 = FloatVector.zero(FLOAT);
      FloatVector acc1 = acc0, acc2 = acc0, acc3 = acc0;
      for (int bound = len - len % (4 * L); i < bound; i += 4 * L) {
        FloatVector d0 = FloatVector.fromArray(FLOAT, a, ao + i).sub(FloatVector.fromArray(FLOAT, b, bo + i));
        FloatVector d1 =
            FloatVector.fromArray(FLOAT, a, ao + i + L).sub(FloatVector.fromArray(FLOAT, b, bo + i + L));
        FloatVector d2 = FloatVector.fromArray(FLOAT, a, ao + i + 2 * L)
            .sub(FloatVector.fromArray(FLOAT, b, bo + i + 2 * L));
        FloatVector d3 = FloatVector.fromArray(FLOAT, a, ao + i + 3 * L)
            .sub(FloatVector.fromArray(FLOAT, b, bo + i + 3 * L));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      for (int bound = FLOAT.loopBound(len); i < bound; i += L) {
        FloatVector d = FloatVector.fromArray(FLOAT, a, ao + i).sub(FloatVector.fromArray(FLOAT, b, bo + i));
        acc0 = d.fma(d, acc0);
      }
      sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    }
    if (FLOAT_HALF != null && len - i >= FLOAT_HALF.length()) {
      FloatVector d = FloatVector.fromArray(FLOAT_HALF, a, ao + i).sub(FloatVector.fromArray(FLOAT_HALF, b, bo + i));
      sum += d.mul(d).reduceLanes(VectorOperators.ADD);
      i += FLOAT_HALF.length();
    }
    for (; i < len; i++) {
      float d = a[ao + i] - b[bo + i];
      sum += d * d;
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, int ao, float[] b, int bo, int len) {
    int i = 0;
    float dot = 0, na = 0, nb = 0;
    if (len >= L) {
      FloatVector vd = FloatVector.zero(FLOAT), va = vd, vb = vd;
      for (int bound = FLOAT.loopBound(len); i < bound; i += L) {
        FloatVector x = FloatVector.fromArray(FLOAT, a, ao + i);
        FloatVector y = FloatVector.fromArray(FLOAT, b, bo + i);
        vd = x.fma(y, vd);
        va = x.fma(x, va);
        vb = y.fma(y, vb);
      }
      dot = vd.reduceLanes(VectorOperators.ADD);
      na = va.reduceLanes(VectorOperators.ADD);
      nb = vb.reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      float x = a[ao + i];
      float y = b[bo + i];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return ScalarVectorKernels.cosineOf(dot, na, nb);
  }

  @Override
  public float dot(float[] q, MemorySegment data, long off, int len) {
    int i = 0;
    float sum = 0;
    if (len >= L) {
      FloatVector acc0 = FloatVector.zero(FLOAT), acc1 = acc0;
      for (int bound = len - len % (2 * L); i < bound; i += 2 * L) {
        acc0 = FloatVector.fromArray(FLOAT, q, i).fma(load(data, off + 4L * i), acc0);
        acc1 = FloatVector.fromArray(FLOAT, q, i + L).fma(load(data, off + 4L * (i + L)), acc1);
      }
      for (int bound = FLOAT.loopBound(len); i < bound; i += L) {
        acc0 = FloatVector.fromArray(FLOAT, q, i).fma(load(data, off + 4L * i), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      sum += q[i] * data.get(FLOAT_LE, off + 4L * i);
    }
    return sum;
  }

  @Override
  public float squareL2(float[] q, MemorySegment data, long off, int len) {
    int i = 0;
    float sum = 0;
    if (len >= L) {
      FloatVector acc0 = FloatVector.zero(FLOAT), acc1 = acc0;
      for (int bound = len - len % (2 * L); i < bound; i += 2 * L) {
        FloatVector d0 = FloatVector.fromArray(FLOAT, q, i).sub(load(data, off + 4L * i));
        FloatVector d1 = FloatVector.fromArray(FLOAT, q, i + L).sub(load(data, off + 4L * (i + L)));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
      }
      for (int bound = FLOAT.loopBound(len); i < bound; i += L) {
        FloatVector d = FloatVector.fromArray(FLOAT, q, i).sub(load(data, off + 4L * i));
        acc0 = d.fma(d, acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      float d = q[i] - data.get(FLOAT_LE, off + 4L * i);
      sum += d * d;
    }
    return sum;
  }

  private static FloatVector load(MemorySegment data, long byteOffset) {
    return FloatVector.fromMemorySegment(FLOAT, data, byteOffset, ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void squareL2Rows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    int r = 0;
    for (; r + 4 <= count; r += 4) {
      int o0 = (firstRow + r) * dim;
      squareL2x4(q, data, o0, o0 + dim, o0 + 2 * dim, o0 + 3 * dim, dim, out, r);
    }
    for (; r < count; r++) {
      out[r] = squareL2(q, 0, data, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void dotRows(float[] q, float[] data, int firstRow, int count, int dim, float[] out) {
    int r = 0;
    for (; r + 4 <= count; r += 4) {
      int o0 = (firstRow + r) * dim;
      dotx4(q, data, o0, o0 + dim, o0 + 2 * dim, o0 + 3 * dim, dim, out, r);
    }
    for (; r < count; r++) {
      out[r] = dot(q, 0, data, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public void squareL2Ords(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      squareL2x4(q, data, ords[i] * dim, ords[i + 1] * dim, ords[i + 2] * dim, ords[i + 3] * dim, dim, out, i);
    }
    for (; i < n; i++) {
      out[i] = squareL2(q, 0, data, ords[i] * dim, dim);
    }
  }

  @Override
  public void dotOrds(float[] q, float[] data, int[] ords, int n, int dim, float[] out) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      dotx4(q, data, ords[i] * dim, ords[i + 1] * dim, ords[i + 2] * dim, ords[i + 3] * dim, dim, out, i);
    }
    for (; i < n; i++) {
      out[i] = dot(q, 0, data, ords[i] * dim, dim);
    }
  }

  /** Squared L2 from {@code q} to the four rows at offsets o0..o3, into {@code out[at..at+3]}. */
  private static void squareL2x4(float[] q, float[] data, int o0, int o1, int o2, int o3, int dim, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(FLOAT), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (int bound = FLOAT.loopBound(dim); i < bound; i += L) {
      FloatVector qv = FloatVector.fromArray(FLOAT, q, i);
      FloatVector d0 = qv.sub(FloatVector.fromArray(FLOAT, data, o0 + i));
      FloatVector d1 = qv.sub(FloatVector.fromArray(FLOAT, data, o1 + i));
      FloatVector d2 = qv.sub(FloatVector.fromArray(FLOAT, data, o2 + i));
      FloatVector d3 = qv.sub(FloatVector.fromArray(FLOAT, data, o3 + i));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      float x = q[i];
      float d0 = x - data[o0 + i], d1 = x - data[o1 + i], d2 = x - data[o2 + i], d3 = x - data[o3 + i];
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  /** Dot products of {@code q} with the four rows at offsets o0..o3, into {@code out[at..at+3]}. */
  private static void dotx4(float[] q, float[] data, int o0, int o1, int o2, int o3, int dim, float[] out, int at) {
    FloatVector a0 = FloatVector.zero(FLOAT), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (int bound = FLOAT.loopBound(dim); i < bound; i += L) {
      FloatVector qv = FloatVector.fromArray(FLOAT, q, i);
      a0 = qv.fma(FloatVector.fromArray(FLOAT, data, o0 + i), a0);
      a1 = qv.fma(FloatVector.fromArray(FLOAT, data, o1 + i), a1);
      a2 = qv.fma(FloatVector.fromArray(FLOAT, data, o2 + i), a2);
      a3 = qv.fma(FloatVector.fromArray(FLOAT, data, o3 + i), a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      float x = q[i];
      s0 += x * data[o0 + i];
      s1 += x * data[o1 + i];
      s2 += x * data[o2 + i];
      s3 += x * data[o3 + i];
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  @Override
  public void squareL2Ords(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    long row = 4L * dim;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      squareL2x4(q, data, row * ords[i], row * ords[i + 1], row * ords[i + 2], row * ords[i + 3], dim, out, i);
    }
    for (; i < n; i++) {
      out[i] = squareL2(q, data, row * ords[i], dim);
    }
  }

  @Override
  public void dotOrds(float[] q, MemorySegment data, int[] ords, int n, int dim, float[] out) {
    long row = 4L * dim;
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      dotx4(q, data, row * ords[i], row * ords[i + 1], row * ords[i + 2], row * ords[i + 3], dim, out, i);
    }
    for (; i < n; i++) {
      out[i] = dot(q, data, row * ords[i], dim);
    }
  }

  /** {@link #squareL2x4(float[], float[], int, int, int, int, int, float[], int)} over segment rows at byte offsets. */
  private static void squareL2x4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, int dim,
      float[] out, int at) {
    FloatVector a0 = FloatVector.zero(FLOAT), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (int bound = FLOAT.loopBound(dim); i < bound; i += L) {
      FloatVector qv = FloatVector.fromArray(FLOAT, q, i);
      long b = 4L * i;
      FloatVector d0 = qv.sub(load(data, o0 + b));
      FloatVector d1 = qv.sub(load(data, o1 + b));
      FloatVector d2 = qv.sub(load(data, o2 + b));
      FloatVector d3 = qv.sub(load(data, o3 + b));
      a0 = d0.fma(d0, a0);
      a1 = d1.fma(d1, a1);
      a2 = d2.fma(d2, a2);
      a3 = d3.fma(d3, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      float x = q[i];
      long b = 4L * i;
      float d0 = x - data.get(FLOAT_LE, o0 + b), d1 = x - data.get(FLOAT_LE, o1 + b);
      float d2 = x - data.get(FLOAT_LE, o2 + b), d3 = x - data.get(FLOAT_LE, o3 + b);
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  private static void dotx4(float[] q, MemorySegment data, long o0, long o1, long o2, long o3, int dim, float[] out,
      int at) {
    FloatVector a0 = FloatVector.zero(FLOAT), a1 = a0, a2 = a0, a3 = a0;
    int i = 0;
    for (int bound = FLOAT.loopBound(dim); i < bound; i += L) {
      FloatVector qv = FloatVector.fromArray(FLOAT, q, i);
      long b = 4L * i;
      a0 = qv.fma(load(data, o0 + b), a0);
      a1 = qv.fma(load(data, o1 + b), a1);
      a2 = qv.fma(load(data, o2 + b), a2);
      a3 = qv.fma(load(data, o3 + b), a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
    for (; i < dim; i++) {
      float x = q[i];
      long b = 4L * i;
      s0 += x * data.get(FLOAT_LE, o0 + b);
      s1 += x * data.get(FLOAT_LE, o1 + b);
      s2 += x * data.get(FLOAT_LE, o2 + b);
      s3 += x * data.get(FLOAT_LE, o3 + b);
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  @Override
  public int dotI8(byte[] a, int ao, byte[] b, int bo, int len) {
    return PanamaByteKernels.dot(a, ao, b, bo, len, false);
  }

  @Override
  public int squareL2I8(byte[] a, int ao, byte[] b, int bo, int len) {
    return PanamaByteKernels.squareL2(a, ao, b, bo, len, false);
  }

  @Override
  public int dotU8(byte[] a, int ao, MemorySegment b, long bo, int len) {
    return PanamaByteKernels.dot(a, ao, b, bo, len, true);
  }

  @Override
  public int squareL2U8(byte[] a, int ao, MemorySegment b, long bo, int len) {
    return PanamaByteKernels.squareL2(a, ao, b, bo, len, true);
  }

  @Override
  public void dotF32U8Rows(float[] q, MemorySegment codes, long firstRow, int count, int dim, float[] out) {
    for (int r = 0; r < count; r++) {
      out[r] = PanamaByteKernels.dotF32U8(q, codes, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public int squareL2U4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    return PanamaByteKernels.squareL2U4(a, ao, b, bo, bytes);
  }

  @Override
  public int dotU4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    return PanamaByteKernels.dotU4(a, ao, b, bo, bytes);
  }

  @Override
  public void squareL2U4Ords(byte[] q, MemorySegment codes, int[] ords, int n, int rowBytes, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = PanamaByteKernels.squareL2U4(q, 0, codes, (long) rowBytes * ords[i], rowBytes);
    }
  }

  @Override
  public int dotU8(byte[] a, int ao, byte[] b, int bo, int len) {
    return PanamaByteKernels.dot(a, ao, b, bo, len, true);
  }

  @Override
  public int squareL2U8(byte[] a, int ao, byte[] b, int bo, int len) {
    return PanamaByteKernels.squareL2(a, ao, b, bo, len, true);
  }

  @Override
  public void dotF32U8Rows(float[] q, byte[] codes, int firstRow, int count, int dim, float[] out) {
    for (int r = 0; r < count; r++) {
      out[r] = PanamaByteKernels.dotF32U8(q, codes, (firstRow + r) * dim, dim);
    }
  }

  @Override
  public int squareL2U4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    return PanamaByteKernels.squareL2U4(a, ao, b, bo, bytes);
  }

  @Override
  public int dotU4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    return PanamaByteKernels.dotU4(a, ao, b, bo, bytes);
  }

  @Override
  public void squareL2U4Ords(byte[] q, byte[] codes, int[] ords, int n, int rowBytes, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = PanamaByteKernels.squareL2U4(q, 0, codes, ords[i] * rowBytes, rowBytes);
    }
  }
}
