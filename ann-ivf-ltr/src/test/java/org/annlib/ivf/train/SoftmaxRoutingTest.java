package org.annlib.ivf.train;

import org.annlib.util.Workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxRoutingTest {
  private static final long SEED = Long.getLong("tests.seed", 20261123L);

  /** Random queries with soft labels over 1 to 3 partitions each. */
  static RoutingExamples examples(SplittableRandom r, int n, int dim, int parts) {
    float[] q = new float[n * dim];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    int[][] nb = new int[n][];
    int[] assignment = new int[3 * n];
    for (int i = 0; i < n; i++) {
      nb[i] = new int[] {3 * i, 3 * i + 1, 3 * i + 2};
      for (int t = 0; t < 3; t++) {
        assignment[3 * i + t] = r.nextInt(parts);
      }
    }
    return RoutingExamples.fromNeighbours(q, dim, nb, assignment, 3);
  }

  private static double loss(float[] w, float[] b, RoutingExamples ex) {
    return SoftmaxRouting.meanLoss(SoftmaxRouting.scores(w, b, ex, Workers.of(1)), b.length, 1, ex);
  }

  @Test
  void softLabelsAreSharesOfTheTopK() {
    int[][] nb = {{4, 0, 1, 2}};
    int[] assignment = {1, 1, 0, 9, 1};
    RoutingExamples ex = RoutingExamples.fromNeighbours(new float[2], 2, nb, assignment, 4);
    assertEquals(0.5, SoftmaxRouting.labelWeight(ex, 0, 1) + SoftmaxRouting.labelWeight(ex, 0, 1) - 0.75 - 0.25, 1e-6);
    assertEquals(0.75, SoftmaxRouting.labelWeight(ex, 0, 1), 1e-6);
    assertEquals(0.25, SoftmaxRouting.labelWeight(ex, 0, 0), 1e-6);
    assertEquals(0.0, SoftmaxRouting.labelWeight(ex, 0, 9), 1e-6);
  }

  /**
   * The analytic gradient (p - y) x^T against central differences of the loss, which is computed
   * in double from float scores: with h = 1e-2 the float rounding of the scores (about 1e-7
   * relative) contributes well under 1e-3 to a difference quotient, and the O(h^2) truncation
   * error of a smooth loss of unit scale about 1e-4, hence the tolerance 2e-3 + 1% relative.
   */
  @Test
  void gradientMatchesFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(SEED);
    int dim = 6;
    int parts = 5;
    RoutingExamples ex = examples(r, 40, dim, parts);
    float[] w = new float[parts * dim];
    float[] b = new float[parts];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (0.5 * r.nextGaussian());
    }
    for (int j = 0; j < parts; j++) {
      b[j] = (float) r.nextGaussian();
    }
    int[] rows = new int[ex.size()];
    java.util.Arrays.setAll(rows, i -> i);
    float[] gw = new float[w.length];
    float[] gb = new float[parts];
    SoftmaxRouting.gradient(w, b, ex, rows, 0, rows.length, new float[rows.length * parts], gw, gb, Workers.of(2));
    float h = 1e-2f;
    for (int i = 0; i < w.length; i++) {
      float keep = w[i];
      w[i] = keep + h;
      double up = loss(w, b, ex);
      w[i] = keep - h;
      double down = loss(w, b, ex);
      w[i] = keep;
      double numeric = (up - down) / (2 * h);
      assertTrue(Math.abs(numeric - gw[i]) <= 2e-3 + 0.01 * Math.abs(numeric),
          "dW[" + i + "]: analytic " + gw[i] + ", numeric " + numeric);
    }
    for (int j = 0; j < parts; j++) {
      float keep = b[j];
      b[j] = keep + h;
      double up = loss(w, b, ex);
      b[j] = keep - h;
      double down = loss(w, b, ex);
      b[j] = keep;
      double numeric = (up - down) / (2 * h);
      assertTrue(Math.abs(numeric - gb[j]) <= 2e-3 + 0.01 * Math.abs(numeric),
          "db[" + j + "]: analytic " + gb[j] + ", numeric " + numeric);
    }
  }

  @Test
  void temperatureScalingFindsTheScaleOfOverconfidentScores() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    int n = 400;
    int dim = 4;
    int parts = 6;
    float[] w = new float[parts * dim];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    float[] q = new float[n * dim];
    for (int i = 0; i < q.length; i++) {
      q[i] = (float) r.nextGaussian();
    }
    // labels follow the router's best partition 70% of the time: a finite best temperature
    RoutingExamples unlabeled = RoutingExamples.fromNeighbours(q, dim, new int[n][1], new int[1], 1);
    float[] s = SoftmaxRouting.scores(w, new float[parts], unlabeled, Workers.of(1));
    int[][] nb = new int[n][1];
    int[] assignment = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int j = 1; j < parts; j++) {
        best = s[i * parts + j] > s[i * parts + best] ? j : best;
      }
      nb[i][0] = i;
      assignment[i] = r.nextDouble() < 0.7 ? best : r.nextInt(parts);
    }
    RoutingExamples ex = RoutingExamples.fromNeighbours(q, dim, nb, assignment, 1);
    float[] big = s.clone();
    for (int i = 0; i < big.length; i++) {
      big[i] *= 1000;
    }
    double t1 = SoftmaxRouting.temperature(s, parts, ex);
    double t1000 = SoftmaxRouting.temperature(big, parts, ex);
    assertTrue(t1 > 0.01 && t1 < 100, "temperature " + t1);
    assertEquals(1000, t1000 / t1, 1.0, "temperature scales with the scores");
    assertTrue(SoftmaxRouting.meanLoss(big, parts, t1000, ex) < SoftmaxRouting.meanLoss(big, parts, 1, ex));
  }
}
