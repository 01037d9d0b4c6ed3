package org.annlib.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.vector.VectorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScalarQuantizerTest {
  private static final long SEED = Long.getLong("tests.seed", 20261123L);

  /** Rows with a different range per dimension, one constant dimension, like pixel or embedding data. */
  private static float[] data(SplittableRandom r, int n, int dim) {
    float[] v = new float[n * dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        v[i * dim + j] = j == 3 ? 7.5f : (float) (r.nextGaussian() * (1 + j % 5) + j);
      }
    }
    return v;
  }

  @Test
  void roundTripErrorIsAtMostHalfAStepInsideTheTrainedRange() {
    int n = 2_000;
    int dim = 40;
    float[] v = data(new SplittableRandom(SEED), n, dim);
    ScalarQuantizer sq = ScalarQuantizer.train(v, n, dim);
    float[] steps = sq.steps();
    assertEquals(0f, steps[3], "a constant dimension has step 0");
    byte[] code = new byte[dim];
    float[] back = new float[dim];
    for (int i = 0; i < n; i++) {
      sq.encode(v, i * dim, code, 0);
      sq.decode(code, 0, back);
      for (int j = 0; j < dim; j++) {
        float err = Math.abs(back[j] - v[i * dim + j]);
        // half a step, plus float rounding of min + (c + 0.5) * step
        assertTrue(err <= steps[j] / 2 + 4 * Math.ulp(Math.abs(v[i * dim + j]) + 1),
            "row " + i + " dim " + j + ": error " + err + " > step/2 " + steps[j] / 2);
      }
    }
  }

  @Test
  void valuesOutsideTheRangeClampToTheEndCells() {
    ScalarQuantizer sq = new ScalarQuantizer(new float[] {0, 0}, new float[] {1, 1});
    byte[] code = new byte[2];
    sq.encode(new float[] {-5, 1e6f}, 0, code, 0);
    assertEquals(0, code[0] & 0xFF);
    assertEquals(255, code[1] & 0xFF);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void codeDistancesEqualFloatDistancesToTheDecodedVectors(Metric metric) {
    int n = 200;
    int dim = 33;
    SplittableRandom r = new SplittableRandom(SEED + metric.ordinal());
    float[] v = data(r, n, dim);
    if (metric == Metric.COSINE) {
      for (int i = 0; i < n; i++) {
        float[] row = java.util.Arrays.copyOfRange(v, i * dim, (i + 1) * dim);
        System.arraycopy(VectorUtil.l2normalize(row), 0, v, i * dim, dim);
      }
    }
    ScalarQuantizer sq = ScalarQuantizer.train(v, n, dim);
    byte[] codes = new byte[n * dim];
    float[] norms = new float[n];
    for (int i = 0; i < n; i++) {
      sq.encode(v, i * dim, codes, i * dim);
      norms[i] = sq.decodedSquareNorm(codes, i * dim);
    }
    float[] q = java.util.Arrays.copyOfRange(v, 5 * dim, 6 * dim);
    q[0] += 0.25f;
    if (metric == Metric.COSINE) {
      q = VectorUtil.l2normalize(q);
    }
    ScalarQuantizer.QueryScorer scorer = sq.new QueryScorer(metric);
    scorer.reset(q);
    float[] got = new float[n];
    scorer.distances(codes, norms, 0, n, got);
    float[] viaSegment = new float[n];
    scorer.distances(java.lang.foreign.MemorySegment.ofArray(codes), norms, 0, n, viaSegment);
    org.junit.jupiter.api.Assertions.assertArrayEquals(got, viaSegment, "array and segment kernels");
    float[] decoded = new float[dim];
    for (int i = 0; i < n; i++) {
      sq.decode(codes, i * dim, decoded);
      double dot = 0;
      double l2 = 0;
      double scale = 0;
      for (int j = 0; j < dim; j++) {
        dot += (double) q[j] * decoded[j];
        l2 += (double) (q[j] - decoded[j]) * (q[j] - decoded[j]);
        scale += Math.abs((double) q[j] * decoded[j]) + q[j] * q[j] + decoded[j] * decoded[j];
      }
      double expected = switch (metric) {
        case EUCLIDEAN -> l2;
        case INNER_PRODUCT -> -dot;
        case COSINE -> 1 - dot;
      };
      // the expanded forms (|q|^2 - 2<q,x> + |x|^2, offset + scaled dot) cancel: bound by the magnitudes
      assertTrue(Math.abs(got[i] - expected) <= 1e-5 * scale + 1e-6,
          metric + " row " + i + ": " + got[i] + " vs " + expected);
    }
  }

  @Test
  void invalidRangesAreNamed() {
    assertEquals("dimension 1 has an invalid range: min 0.0, step -1.0", assertThrows(IllegalArgumentException.class,
        () -> new ScalarQuantizer(new float[] {0, 0}, new float[] {1, -1})).getMessage());
  }
}
