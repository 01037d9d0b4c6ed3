package org.annlib.internal.vector.panama;

import static org.annlib.internal.vector.panama.PanamaSpecies.BYTES;
import static org.annlib.internal.vector.panama.PanamaSpecies.BYTE_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.FLOAT_FOR_INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.INT;
import static org.annlib.internal.vector.panama.PanamaSpecies.INT_FOR_SHORTS;
import static org.annlib.internal.vector.panama.PanamaSpecies.SHORTS;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Integer code distances. Bytes are widened straight to int lanes (vpmovsxbd/vpmovzxbd on x86),
 * so every product and sum is exact, the same as the scalar oracle. The first operand is the
 * query's code row (an array); the stored row comes from a heap array or from a segment (an
 * off-heap block or a mapped file, addressed by a long byte offset). Each kernel has both loops
 * over one shared step: C2 compiles array vector loads tighter than segment loads (crinn on
 * Fashion-MNIST lost about 10% of its QPS with its codes read through a heap segment instead of
 * the array), so storage that fits an array is scored as one.
 */
final class PanamaByteKernels {
  private PanamaByteKernels() {}

  private static ByteVector intBytes(byte[] a, int offset) {
    return ByteVector.fromArray(BYTE_FOR_INT, a, offset);
  }

  private static ByteVector intBytes(MemorySegment b, long offset) {
    return ByteVector.fromMemorySegment(BYTE_FOR_INT, b, offset, ByteOrder.LITTLE_ENDIAN);
  }

  private static IntVector widen(ByteVector bytes, boolean unsigned) {
    IntVector v = (IntVector) bytes.convertShape(VectorOperators.B2I, INT, 0);
    return unsigned ? v.and(0xFF) : v;
  }

  private static int at(MemorySegment b, long offset) {
    return b.get(ValueLayout.JAVA_BYTE, offset);
  }

  private static IntVector squared(IntVector x, IntVector y) {
    IntVector d = x.sub(y);
    return d.mul(d);
  }

  static int dot(byte[] a, int ao, byte[] b, int bo, int len, boolean unsigned) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(widen(intBytes(a, ao + i), unsigned).mul(widen(intBytes(b, bo + i), unsigned)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    int mask = unsigned ? 0xFF : -1;
    for (; i < len; i++) {
      sum += (a[ao + i] & mask) * (b[bo + i] & mask);
    }
    return sum;
  }

  static int dot(byte[] a, int ao, MemorySegment b, long bo, int len, boolean unsigned) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(widen(intBytes(a, ao + i), unsigned).mul(widen(intBytes(b, bo + i), unsigned)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    int mask = unsigned ? 0xFF : -1;
    for (; i < len; i++) {
      sum += (a[ao + i] & mask) * (at(b, bo + i) & mask);
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
        acc = acc.add(squared(widen(intBytes(a, ao + i), unsigned), widen(intBytes(b, bo + i), unsigned)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    int mask = unsigned ? 0xFF : -1;
    for (; i < len; i++) {
      int d = (a[ao + i] & mask) - (b[bo + i] & mask);
      sum += d * d;
    }
    return sum;
  }

  static int squareL2(byte[] a, int ao, MemorySegment b, long bo, int len, boolean unsigned) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(squared(widen(intBytes(a, ao + i), unsigned), widen(intBytes(b, bo + i), unsigned)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    int mask = unsigned ? 0xFF : -1;
    for (; i < len; i++) {
      int d = (a[ao + i] & mask) - (at(b, bo + i) & mask);
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
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(floats(intBytes(codes, off + i)), acc0);
        acc1 = FloatVector.fromArray(FLOAT_FOR_INT, q, i + step).fma(floats(intBytes(codes, off + i + step)), acc1);
      }
      for (; i < bound; i += step) {
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(floats(intBytes(codes, off + i)), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      sum += q[i] * (codes[off + i] & 0xFF);
    }
    return sum;
  }

  static float dotF32U8(float[] q, MemorySegment codes, long off, int len) {
    int step = BYTE_FOR_INT.length();
    int i = 0;
    float sum = 0;
    int bound = BYTE_FOR_INT.loopBound(len);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(FLOAT_FOR_INT);
      FloatVector acc1 = FloatVector.zero(FLOAT_FOR_INT);
      for (; i + step < bound; i += 2 * step) {
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(floats(intBytes(codes, off + i)), acc0);
        acc1 = FloatVector.fromArray(FLOAT_FOR_INT, q, i + step).fma(floats(intBytes(codes, off + i + step)), acc1);
      }
      for (; i < bound; i += step) {
        acc0 = FloatVector.fromArray(FLOAT_FOR_INT, q, i).fma(floats(intBytes(codes, off + i)), acc0);
      }
      sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }
    for (; i < len; i++) {
      sum += q[i] * (at(codes, off + i) & 0xFF);
    }
    return sum;
  }

  private static FloatVector floats(ByteVector codes) {
    return (FloatVector) codes.convertShape(VectorOperators.ZERO_EXTEND_B2I, INT, 0)
        .convertShape(VectorOperators.I2F, FLOAT_FOR_INT, 0);
  }

  /**
   * Packed nibbles, a whole vector of bytes at a time. x86 has no byte shift, so the high nibbles
   * are shifted in short lanes and masked back to bytes; absolute differences (at most 15) are
   * squared in short lanes, the low and high byte of each short apart (at most 4 * 225 = 900 per
   * lane and step), and the short sums are added to int lanes every 32 steps, before they could
   * pass 32,767. Measured on a 392-byte row in cache: 1.6x the form that widened with convertShape
   * and shifted bytes, which C2 expands into many more instructions.
   */
  static int squareL2U4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    int i = 0;
    int step = BYTES.length();
    int bound = BYTES.loopBound(bytes);
    int sum = 0;
    if (bound > 0) {
      IntVector total = IntVector.zero(INT_FOR_SHORTS);
      while (i < bound) {
        ShortVector acc = ShortVector.zero(SHORTS);
        for (int steps = 0; steps < 32 && i < bound; steps++, i += step) {
          acc = acc.add(nibbleSquares(ByteVector.fromArray(BYTES, a, ao + i), ByteVector.fromArray(BYTES, b, bo + i)));
        }
        total = flush(total, acc);
      }
      sum = total.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      sum += nibbleSquares(a[ao + i], b[bo + i]);
    }
    return sum;
  }

  static int squareL2U4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    int i = 0;
    int step = BYTES.length();
    int bound = BYTES.loopBound(bytes);
    int sum = 0;
    if (bound > 0) {
      IntVector total = IntVector.zero(INT_FOR_SHORTS);
      while (i < bound) {
        ShortVector acc = ShortVector.zero(SHORTS);
        for (int steps = 0; steps < 32 && i < bound; steps++, i += step) {
          acc = acc.add(nibbleSquares(ByteVector.fromArray(BYTES, a, ao + i),
              ByteVector.fromMemorySegment(BYTES, b, bo + i, ByteOrder.LITTLE_ENDIAN)));
        }
        total = flush(total, acc);
      }
      sum = total.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      sum += nibbleSquares(a[ao + i], (byte) at(b, bo + i));
    }
    return sum;
  }

  /** Per short lane, the squared nibble differences of its two bytes (at most 900). */
  private static ShortVector nibbleSquares(ByteVector x, ByteVector y) {
    ShortVector lo = x.and((byte) 15).sub(y.and((byte) 15)).abs().reinterpretAsShorts();
    ShortVector hi = high(x).sub(high(y)).abs().reinterpretAsShorts();
    ShortVector lo0 = lo.and((short) 0xFF);
    ShortVector lo1 = lo.lanewise(VectorOperators.LSHR, 8);
    ShortVector hi0 = hi.and((short) 0xFF);
    ShortVector hi1 = hi.lanewise(VectorOperators.LSHR, 8);
    return lo0.mul(lo0).add(lo1.mul(lo1)).add(hi0.mul(hi0)).add(hi1.mul(hi1));
  }

  private static int nibbleSquares(byte a, byte b) {
    int x = a & 0xFF;
    int y = b & 0xFF;
    int lo = (x & 15) - (y & 15);
    int hi = (x >>> 4) - (y >>> 4);
    return lo * lo + hi * hi;
  }

  /** Adds the short sums to int lanes, before they could pass 32,767. */
  private static IntVector flush(IntVector total, ShortVector acc) {
    IntVector pairs = acc.reinterpretAsInts();
    return total.add(pairs.and(0xFFFF)).add(pairs.lanewise(VectorOperators.LSHR, 16));
  }

  /** The high nibble of every byte, shifted in short lanes (x86 has no byte shift). */
  private static ByteVector high(ByteVector x) {
    return x.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 15);
  }

  static int dotU4(byte[] a, int ao, byte[] b, int bo, int bytes) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(bytes);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(nibbleProducts(widen(intBytes(a, ao + i), true), widen(intBytes(b, bo + i), true)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      sum += nibbleProducts(a[ao + i], b[bo + i]);
    }
    return sum;
  }

  static int dotU4(byte[] a, int ao, MemorySegment b, long bo, int bytes) {
    int i = 0;
    int sum = 0;
    int bound = BYTE_FOR_INT.loopBound(bytes);
    if (bound > 0) {
      IntVector acc = IntVector.zero(INT);
      for (; i < bound; i += BYTE_FOR_INT.length()) {
        acc = acc.add(nibbleProducts(widen(intBytes(a, ao + i), true), widen(intBytes(b, bo + i), true)));
      }
      sum = acc.reduceLanes(VectorOperators.ADD);
    }
    for (; i < bytes; i++) {
      sum += nibbleProducts(a[ao + i], (byte) at(b, bo + i));
    }
    return sum;
  }

  private static IntVector nibbleProducts(IntVector x, IntVector y) {
    return x.and(15).mul(y.and(15)).add(x.lanewise(VectorOperators.LSHR, 4).mul(y.lanewise(VectorOperators.LSHR, 4)));
  }

  private static int nibbleProducts(byte a, byte b) {
    int x = a & 0xFF;
    int y = b & 0xFF;
    return (x & 15) * (y & 15) + (x >>> 4) * (y >>> 4);
  }
}
