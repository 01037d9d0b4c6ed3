package org.annlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.annlib.vector.VectorUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UniformQuantizerTest {
  private static final long SEED = Long.getLong("tests.seed", 20261123L);

  private static float[] data(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** Inside the grid's range every value is within half a step of its decoded level. */
  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void roundTripErrorIsAtMostHalfAStepInsideTheGrid(int bits) {
    int n = 500;
    int dim = 33; // odd: the last 4-bit byte holds one code
    float[] v = data(n, dim, SEED + bits);
    UniformQuantizer q = UniformQuantizer.train(v, n, dim, bits, 7);
    float lo = q.min();
    float hi = q.min() + q.step() * ((1 << bits) - 1);
    byte[] code = new byte[q.codeBytes(dim)];
    float[] back = new float[dim];
    int inside = 0;
    for (int i = 0; i < n; i++) {
      q.encode(v, i * dim, dim, code, 0);
      q.decode(code, 0, dim, back);
      for (int j = 0; j < dim; j++) {
        float x = v[i * dim + j];
        if (x >= lo && x <= hi) {
          inside++;
          assertTrue(Math.abs(back[j] - x) <= q.step() / 2 * (1 + 1e-5f) + 1e-6f,
              bits + "-bit: " + x + " decoded as " + back[j] + ", step " + q.step());
        } else {
          assertEquals(x < lo ? lo : hi, back[j], 1e-5f, "outside the grid clamps to its end");
        }
      }
    }
    // SQ8U spans the whole range; SQ4U clips the outer 1% of values
    assertTrue(inside >= (bits == 8 ? n * dim : 0.98 * n * dim), inside + " values inside the grid");
  }

  /** Integer code distances times step^2 are the distances of the decoded vectors. */
  @ParameterizedTest
  @ValueSource(ints = {4, 8})
  void codeDistancesAreDecodedDistances(int bits) {
    int dim = 40;
    float[] v = data(2, dim, SEED ^ bits);
    UniformQuantizer q = UniformQuantizer.train(v, 2, dim, bits, 3);
    byte[] a = new byte[q.codeBytes(dim)];
    byte[] b = new byte[q.codeBytes(dim)];
    q.encode(v, 0, dim, a, 0);
    q.encode(v, dim, dim, b, 0);
    float[] da = new float[dim];
    float[] db = new float[dim];
    q.decode(a, 0, dim, da);
    q.decode(b, 0, dim, db);
    int l2 = bits == 8 ? VectorUtil.squareL2U8(a, 0, b, 0, dim) : VectorUtil.squareL2U4(a, 0, b, 0, q.codeBytes(dim));
    int dot = bits == 8 ? VectorUtil.dotU8(a, 0, b, 0, dim) : VectorUtil.dotU4(a, 0, b, 0, q.codeBytes(dim));
    double s = q.step();
    double m = q.min();
    double exactL2 = 0;
    double exactDot = 0;
    for (int j = 0; j < dim; j++) {
      exactL2 += (double) (da[j] - db[j]) * (da[j] - db[j]);
      exactDot += (double) da[j] * db[j];
    }
    assertEquals(exactL2, s * s * l2, 1e-4 * (1 + exactL2));
    double affine = dim * m * m + s * m * (q.codeSum(a, 0, dim) + q.codeSum(b, 0, dim)) + s * s * dot;
    assertEquals(exactDot, affine, 1e-4 * (1 + Math.abs(exactDot)));
  }

  @Test
  void eightBitDataIsEncodedExactly() {
    float[] pixels = {0, 1, 2, 128, 254, 255};
    UniformQuantizer q = UniformQuantizer.train(pixels, 1, 6, 8, 1);
    byte[] c = new byte[6];
    float[] back = new float[6];
    q.encode(pixels, 0, 6, c, 0);
    q.decode(c, 0, 6, back);
    org.junit.jupiter.api.Assertions.assertArrayEquals(pixels, back);
  }

  @Test
  void badGridsAreNamed() {
    assertEquals("uniform quantizers have 4 or 8 bits, got 2",
        assertThrows(IllegalArgumentException.class, () -> new UniformQuantizer(2, 0, 1)).getMessage());
    assertEquals("invalid grid: min NaN, step 1.0",
        assertThrows(IllegalArgumentException.class, () -> new UniformQuantizer(8, Float.NaN, 1)).getMessage());
  }
}
