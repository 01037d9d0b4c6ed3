package org.annlib.ivf.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RouterTrainerTest {
  private static final long SEED = Long.getLong("tests.seed", 20261123L);

  /**
   * A task a linear router can learn and a zero start cannot: the label is the partition whose
   * hidden direction has the largest inner product with the query.
   */
  private static RoutingExamples learnable(SplittableRandom r, float[] hidden, int n, int dim, int parts) {
    float[] q = new float[n * dim];
    int[][] nb = new int[n][1];
    int[] assignment = new int[n];
    for (int i = 0; i < n; i++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < dim; k++) {
        q[i * dim + k] = (float) r.nextGaussian();
      }
      for (int j = 0; j < parts; j++) {
        double s = 0;
        for (int k = 0; k < dim; k++) {
          s += hidden[j * dim + k] * q[i * dim + k];
        }
        if (s > bestScore) {
          bestScore = s;
          best = j;
        }
      }
      nb[i][0] = i;
      assignment[i] = best;
    }
    return RoutingExamples.fromNeighbours(q, dim, nb, assignment, 1);
  }

  private static float[] hidden(SplittableRandom r, int parts, int dim) {
    float[] h = new float[parts * dim];
    for (int i = 0; i < h.length; i++) {
      h[i] = (float) r.nextGaussian();
    }
    return h;
  }

  @Test
  void trainingLowersTheLossAndNeverShipsWorseThanTheStart() {
    SplittableRandom r = new SplittableRandom(SEED);
    int dim = 16;
    int parts = 8;
    float[] hidden = hidden(r, parts, dim);
    RoutingExamples train = learnable(r, hidden, 3_000, dim, parts);
    RoutingExamples val = learnable(r, hidden, 600, dim, parts);
    // start from a poor router: a noisy copy of the truth
    float[] w0 = hidden.clone();
    for (int i = 0; i < w0.length; i++) {
      w0[i] = 0.3f * w0[i] + (float) r.nextGaussian();
    }
    RouterTrainer.Result res = new RouterTrainer().maxEpochs(30).learningRate(1e-2).selectionProbes(1).seed(3)
        .threads(2).train(w0, new float[parts], train, val);
    double[] loss = res.trainLoss();
    assertTrue(loss[loss.length - 1] < 0.8 * loss[0], "training loss " + loss[0] + " -> " + loss[loss.length - 1]);
    assertTrue(res.bestEpoch() > 0, "a learnable task improves on epoch 0");
    double[] recall = res.validationRecall();
    assertTrue(recall[res.bestEpoch()] > recall[0] + 0.05,
        "validation top-1 accuracy " + recall[0] + " -> " + recall[res.bestEpoch()]);
    for (double v : recall) {
      assertTrue(v <= recall[res.bestEpoch()], "the kept epoch is the best by validation recall");
    }
  }

  @Test
  void epochZeroIsKeptWhenTrainingCannotHelp() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    int dim = 8;
    int parts = 4;
    float[] hidden = hidden(r, parts, dim);
    RoutingExamples train = learnable(r, hidden, 500, dim, parts);
    RoutingExamples val = learnable(r, hidden, 300, dim, parts);
    // the exact router, scaled up: it already ranks every validation query perfectly
    float[] w0 = hidden.clone();
    for (int i = 0; i < w0.length; i++) {
      w0[i] *= 100;
    }
    RouterTrainer.Result res = new RouterTrainer().maxEpochs(5).selectionProbes(1).train(w0, new float[parts], train,
        val);
    assertEquals(1.0, res.validationRecall()[0], 1e-12);
    assertEquals(0, res.bestEpoch());
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() {
    SplittableRandom r = new SplittableRandom(SEED + 2);
    int dim = 12;
    int parts = 6;
    float[] hidden = hidden(r, parts, dim);
    RoutingExamples train = learnable(r, hidden, 1_000, dim, parts);
    RoutingExamples val = learnable(r, hidden, 200, dim, parts);
    float[] w0 = hidden(r, parts, dim);
    RouterTrainer.Result one = new RouterTrainer().maxEpochs(4).patience(10).seed(9).threads(1)
        .train(w0, new float[parts], train, val);
    RouterTrainer.Result two = new RouterTrainer().maxEpochs(4).patience(10).seed(9).threads(2)
        .train(w0, new float[parts], train, val);
    assertArrayEquals(one.weights(), two.weights());
    assertArrayEquals(one.bias(), two.bias());
    assertArrayEquals(one.trainLoss(), two.trainLoss());
  }

  @Test
  void badSettingsAreNamed() {
    assertEquals("learning rate must be positive, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> new RouterTrainer().learningRate(0)).getMessage());
    assertEquals("batch size must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new RouterTrainer().batchSize(0)).getMessage());
  }
}
