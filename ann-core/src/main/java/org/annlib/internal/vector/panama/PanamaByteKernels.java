package org.annlib.internal.vector.panama;

import static org.annlib.internal.vector.panama.PanamaSpecies.BYTE_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.FLOAT_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.INT;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Integer code distances. Bytes are widened straight to int lanes (vpmovsxbd/vpmovzxbd on x86),
 * so every product and sum is exact, the same as the scalar oracle.
 */
final class PanamaByteKernels {
  private PanamaByteKernels() {}

  private static IntVector widen(byte[] a, int offset, boolean unsigned) {
    IntVector v =
        (IntVector) ByteVector.fromArray(BYTE_FOR_INT, a, offset).convertShape(VectorOperators.B2I, INT, 0);
    return unsigned ? v.and(0xFF) : v;
  }

  static int dot(byte[] a, int ao, byte[] b, int bo, int len, boolean unsigned) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(widen(a, ao + i, unsigned).mul(widen(b, bo + i, unsigned)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    int mask = unsigned ? 0xFF : -1;
    for (; i < len; i++) {
      int x = unsigned ? a[ao + i] & mask : a[ao + i];
      int y = unsigned ? b[bo + i] & mask : b[bo + i];
      sum += x * y;
    }
    return sum;
  }

  static int squareL2(byte[] a, int ao, byte[] b, int bo, int len, boolean unsigned) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        IntVector d = widen(a, ao + i, unsigned).sub(widen(b, bo + i, unsigned));
        acc = acc.add(d.mul(d));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      int x = unsigned ? a[ao + i] & 0xFF : a[ao + i];
      int y = unsigned ? b[bo + i] & 0xFF : b[bo + i];
      int d = x - y;
      sum += d * d;
    }
    return sum;
  }

  /**
   * Float query times uint8 codes: bytes zero-extend to int lanes and convert to float lanes of
   * the same count (vpmovzxbd + vcvtdq2ps), two accumulators to cover the FMA latency.
   */
  static float dotF32U8(float[] q, byte[] codes, int off, int len) {
    int step = BYTE_FOR_INT.length();
    int i = 0;
    float sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOAT_FOR_INT);
      FloatVector acc1 = FloatVector.zero(FLOAT_FOR_INT);
      for (; i + step < bound; i += 2 * step) {
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(codes(codes, off + i), acc0);
        acc1 = FloatVector.fromArray(FLOAT_FOR_INT, q, i + step).fma(codes(codes, off + i + step), acc1);
      }
      for (; i < bound; i += step) {
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(codes(codes, off + i), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      sum += q[i] * (codes[off + i] & 0xFF);
    }
    return sum;
  }

  private static FloatVector codes(byte[] codes, int off) {
    return (FloatVector) ByteVector.fromArray(BYTE_FOR_INT, codes, off)
        .convertShape(VectorOperators.ZERO_EXTEND_B2I, INT, 0)
        .convertShape(VectorOperators.I2F, FLOAT_FOR_INT, 0);
  }

  /** Packed nibbles: each byte widened to an int lane, split into low and high code, both exact. */
  static int squareL2U4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(bytes);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        IntVector x = widen(a, ao + i, true);
        IntVector y = widen(b, bo + i, true);
        IntVector lo = x.and(15).sub(y.and(15));
        IntVector hi = x.lanewise(VectorOperators.LSHR, 4).sub(y.lanewise(VectorOperators.LSHR, 4));
        acc = acc.add(lo.mul(lo)).add(hi.mul(hi));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      int x = a[ao + i] & 0xFF;
      int y = b[bo + i] & 0xFF;
      int lo = (x & 15) - (y & 15);
      int hi = (x >>> 4) - (y >>> 4);
      sum += lo * lo + hi * hi;
    }
    return sum;
  }

  static int dotU4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(bytes);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        IntVector x = widen(a, ao + i, true);
        IntVector y = widen(b, bo + i, true);
        acc = acc.add(x.and(15).mul(y.and(15)))
            .add(x.lanewise(VectorOperators.LSHR, 4).mul(y.lanewise(VectorOperators.LSHR, 4)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      int x = a[ao + i] & 0xFF;
      int y = b[bo + i] & 0xFF;
      sum += (x & 15) * (y & 15) + (x >>> 4) * (y >>> 4);
    }
    return sum;
  }
}
