package org.annlib.internal.vector.panama;

import static org.annlib.internal.vector.panama.PanamaSpecies.BYTES;
import static org.annlib.internal.vector.panama.PanamaSpecies.BYTE_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.FLOAT_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.INT_FOR_SHORTS;
import static org.annlib.internal.vector.panama.PanamaSpecies.SHORTS;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
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

  /**
   * Packed nibbles, a whole vector of bytes at a time: codes are split with byte masks and shifts,
   * their differences (within +-15) widened to shorts and squared (at most 225), and summed in
   * short lanes, flushed to an int before they could overflow. Four times the bytes per step of
   * widening every byte to an int lane.
   */
  static int squareL2U4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    int i = 0;
    int sum = 0;
    int step = BYTES.length();
    int bound = BYTES.loopBound(bytes);
    while (i < bound) {
      ShortVector acc = ShortVector.zero(SHORTS);
      // each step adds at most 2 * 2 * 225 = 900 per short lane: 32 steps stay below 32,767
      for (int steps = 0; steps < 32 && i < bound; steps++, i += step) {
        ByteVector x = ByteVector.fromArray(BYTES, a, ao + i);
        ByteVector y = ByteVector.fromArray(BYTES, b, bo + i);
        ByteVector lo = x.and((byte) 15).sub(y.and((byte) 15));
        ByteVector hi = x.lanewise(VectorOperators.LSHR, 4).and((byte) 15)
            .sub(y.lanewise(VectorOperators.LSHR, 4).and((byte) 15));
        ShortVector lo0 = (ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS, 0);
        ShortVector lo1 = (ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS, 1);
        ShortVector hi0 = (ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS, 0);
        ShortVector hi1 = (ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS, 1);
        acc = acc.add(lo0.mul(lo0)).add(lo1.mul(lo1)).add(hi0.mul(hi0)).add(hi1.mul(hi1));
      }
      sum += ((IntVector) acc.convertShape(VectorOperators.S2I, INT_FOR_SHORTS, 0)).reduceLanes(VectorOperators.ADD)
          + ((IntVector) acc.convertShape(VectorOperators.S2I, INT_FOR_SHORTS, 1)).reduceLanes(VectorOperators.ADD);
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

  /** {@link #squareL2U4} of one query against four rows, into {@code out[at..at+3]}; the query is split once. */
  static void squareL2U4x4(byte[] q, byte[] c, int o0, int o1, int o2, int o3, int bytes, int[] out, int at) {
    int i = 0;
    int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int step = BYTES.length();
    int bound = BYTES.loopBound(bytes);
    while (i < bound) {
      ShortVector a0 = ShortVector.zero(SHORTS), a1 = a0, a2 = a0, a3 = a0;
      for (int steps = 0; steps < 32 && i < bound; steps++, i += step) {
        ByteVector x = ByteVector.fromArray(BYTES, q, i);
        ByteVector lo = x.and((byte) 15);
        ByteVector hi = x.lanewise(VectorOperators.LSHR, 4).and((byte) 15);
        a0 = nibbleSquares(lo, hi, ByteVector.fromArray(BYTES, c, o0 + i), a0);
        a1 = nibbleSquares(lo, hi, ByteVector.fromArray(BYTES, c, o1 + i), a1);
        a2 = nibbleSquares(lo, hi, ByteVector.fromArray(BYTES, c, o2 + i), a2);
        a3 = nibbleSquares(lo, hi, ByteVector.fromArray(BYTES, c, o3 + i), a3);
      }
      s0 += shortSum(a0);
      s1 += shortSum(a1);
      s2 += shortSum(a2);
      s3 += shortSum(a3);
    }
    if (i < bytes) {
      s0 += squareL2U4(q, i, c, o0 + i, bytes - i);
      s1 += squareL2U4(q, i, c, o1 + i, bytes - i);
      s2 += squareL2U4(q, i, c, o2 + i, bytes - i);
      s3 += squareL2U4(q, i, c, o3 + i, bytes - i);
    }
    out[at] = s0;
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  private static ShortVector nibbleSquares(ByteVector qlo, ByteVector qhi, ByteVector y, ShortVector acc) {
    ByteVector lo = qlo.sub(y.and((byte) 15));
    ByteVector hi = qhi.sub(y.lanewise(VectorOperators.LSHR, 4).and((byte) 15));
    ShortVector lo0 = (ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS, 0);
    ShortVector lo1 = (ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS, 1);
    ShortVector hi0 = (ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS, 0);
    ShortVector hi1 = (ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS, 1);
    return acc.add(lo0.mul(lo0)).add(lo1.mul(lo1)).add(hi0.mul(hi0)).add(hi1.mul(hi1));
  }

  private static int shortSum(ShortVector acc) {
    return ((IntVector) acc.convertShape(VectorOperators.S2I, INT_FOR_SHORTS, 0)).reduceLanes(VectorOperators.ADD)
        + ((IntVector) acc.convertShape(VectorOperators.S2I, INT_FOR_SHORTS, 1)).reduceLanes(VectorOperators.ADD);
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
