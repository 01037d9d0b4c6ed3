package org.annlib.quant;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorValues;

/**
 * GLASS's "U" scalar quantizers (SQ8U, SQ4U; docs/crinn-variants.md): one affine grid for
 * all dimensions, {@code x^ = min + c * step} with {@code 2^bits} levels, and the query encoded on
 * the same grid, so the first-pass distance is integer arithmetic on codes and exact for the
 * encoded values: {@code |q^ - x^|^2 = step^2 * sum (cq - cx)^2}. 4-bit codes pack two per byte,
 * low nibble first. SQ4U clips the grid to the 0.5% and 99.5% quantiles of a value sample (GLASS
 * drops 1% outliers); SQ8U spans the full range, so 8-bit data such as MNIST pixels is encoded
 * exactly.
 */
public final class UniformQuantizer {
  private final int bits;
  private final float min;
  private final float step;
  private final int levels;
  /**
   * 1 / step (0 for a one-point grid): every search encodes its query, and a divide per value
   * cost more than the rest of encoding.
   */
  private final float inverseStep;

  public UniformQuantizer(int bits, float min, float step) {
    if (bits != 4 && bits != 8) {
      throw new IllegalArgumentException("uniform quantizers have 4 or 8 bits, got " + bits);
    }
    if (!Float.isFinite(min) || !Float.isFinite(step) || step < 0) {
      throw new IllegalArgumentException("invalid grid: min " + min + ", step " + step);
    }
    this.bits = bits;
    this.min = min;
    this.step = step;
    this.levels = (1 << bits) - 1;
    this.inverseStep = step > 0 ? 1 / step : 0;
  }

  /** Trains on the first {@code n} row-major vectors of {@code data}; see {@link #train(VectorValues, int, long)}. */
  public static UniformQuantizer train(float[] data, int n, int dim, int bits, long seed) {
    if ((long) n * dim == 0) {
      return new UniformQuantizer(bits, 0, 0);
    }
    float[] rows = data.length == (long) n * dim ? data : Arrays.copyOf(data, Math.multiplyExact(n, dim));
    return train(FlatVectorValues.wrap(rows, dim), bits, seed);
  }

  /**
   * Trains on {@code vectors}, streaming them row by row (nothing is copied whole): the global
   * minimum and maximum for 8 bits; for 4 bits the 0.5% and 99.5% quantiles of a seeded sample of
   * up to a million values, read in row order (a quantile depends only on which values are
   * drawn, not on the order they are read in).
   */
  public static UniformQuantizer train(VectorValues vectors, int bits, long seed) {
    int n = vectors.size();
    int dim = vectors.dimension();
    long total = (long) n * dim;
    if (total == 0) {
      return new UniformQuantizer(bits, 0, 0);
    }
    float[] row = new float[dim];
    float lo;
    float hi;
    if (bits == 8) {
      lo = Float.POSITIVE_INFINITY;
      hi = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        vectors.copyTo(i, row, 0);
        for (float x : row) {
          lo = Math.min(lo, x);
          hi = Math.max(hi, x);
        }
      }
    } else {
      int m = (int) Math.min(total, 1_000_000);
      long[] at = new long[m];
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < m; i++) {
        at[i] = m == total ? i : rnd.nextLong(total);
      }
      Arrays.sort(at);
      float[] sample = new float[m];
      long loaded = -1;
      for (int i = 0; i < m; i++) {
        long r = at[i] / dim;
        if (r != loaded) {
          vectors.copyTo((int) r, row, 0);
          loaded = r;
        }
        sample[i] = row[(int) (at[i] % dim)];
      }
      Arrays.sort(sample);
      lo = sample[(int) (0.005 * (m - 1))];
      hi = sample[(int) Math.ceil(0.995 * (m - 1))];
    }
    int levels = (1 << bits) - 1;
    return new UniformQuantizer(bits, lo, hi > lo ? (hi - lo) / levels : 0);
  }

  public int bits() {
    return bits;
  }

  public float min() {
    return min;
  }

  public float step() {
    return step;
  }

  /** Bytes of one encoded vector. */
  public int codeBytes(int dim) {
    return bits == 8 ? dim : (dim + 1) / 2;
  }

  /** The nearest level, clamped to the grid (round half up, as {@code Math.round}). */
  private int level(float x) {
    float t = (x - min) * inverseStep;
    return t <= 0 ? 0 : Math.min(levels, (int) (t + 0.5f));
  }

  public void encode(float[] v, int vOffset, int dim, byte[] out, int outOffset) {
    if (bits == 8) {
      for (int j = 0; j < dim; j++) {
        out[outOffset + j] = (byte) level(v[vOffset + j]);
      }
    } else {
      int pairs = dim / 2;
      for (int j = 0; j < pairs; j++) {
        out[outOffset + j] = (byte) (level(v[vOffset + 2 * j]) | level(v[vOffset + 2 * j + 1]) << 4);
      }
      if ((dim & 1) != 0) {
        out[outOffset + pairs] = (byte) level(v[vOffset + dim - 1]);
      }
    }
  }

  public void decode(byte[] codes, int offset, int dim, float[] out) {
    for (int j = 0; j < dim; j++) {
      int c = bits == 8 ? codes[offset + j] & 0xFF : (codes[offset + j / 2] >>> ((j & 1) * 4)) & 15;
      out[j] = min + c * step;
    }
  }

  /** Sum of the codes of one vector, for inner products on the affine grid. */
  public int codeSum(byte[] codes, int offset, int dim) {
    int s = 0;
    for (int j = 0; j < dim; j++) {
      s += bits == 8 ? codes[offset + j] & 0xFF : (codes[offset + j / 2] >>> ((j & 1) * 4)) & 15;
    }
    return s;
  }
}
