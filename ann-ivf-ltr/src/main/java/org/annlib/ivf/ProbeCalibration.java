package org.annlib.ivf;

import org.annlib.ivf.train.RoutingExamples;
import org.annlib.ivf.train.SoftmaxRouting;
import org.annlib.util.NodeQueue;

/**
 * Query-adaptive nprobe by cumulative softmax mass (docs/ivf-ltr.md, "Adaptive nprobe"): router scores
 * become probabilities {@code softmax(s / T)} with T fitted on held-out queries, and a query probes
 * partitions in score order until their probability mass reaches a threshold. With soft top-k
 * labels the mass estimates recall@k so far; rather than trust that, the index measures on the
 * validation queries, for each threshold in a fixed grid, the recall@k of the probed lists and the
 * mean number of lists probed, and maps a requested recall to the smallest threshold that reached
 * it there. An IVF scan of float32 lists is exact, so that routing recall is the search recall
 * (up to ties) for {@code k} = the label depth.
 */
public record ProbeCalibration(double temperature, int labelDepth, float[] masses, float[] recalls, float[] meanProbes) {
  static final float[] GRID = {0.3f, 0.5f, 0.6f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.92f, 0.94f, 0.95f, 0.96f, 0.97f,
      0.98f, 0.985f, 0.99f, 0.993f, 0.995f, 0.997f, 0.998f, 0.999f, 0.9995f, 0.9999f, 0.99999f, 0.999999f};

  static ProbeCalibration fit(Router router, RoutingExamples validation, int labelDepth) {
    int parts = router.partitions();
    int n = validation.size();
    float[] scores = new float[n * parts];
    float[] q = new float[validation.dim()];
    float[] s = new float[parts];
    for (int i = 0; i < n; i++) {
      validation.query(i, q);
      router.scores(q, s);
      System.arraycopy(s, 0, scores, i * parts, parts);
    }
    double t = SoftmaxRouting.temperature(scores, parts, validation);
    float[] recalls = new float[GRID.length];
    float[] probes = new float[GRID.length];
    int[] order = new int[parts];
    float[] mass = new float[parts];
    Prober prober = new Prober(parts);
    for (int i = 0; i < n; i++) {
      System.arraycopy(scores, i * parts, s, 0, parts);
      prober.rank(s, t, parts, order, mass);
      for (int gi = 0; gi < GRID.length; gi++) {
        int count = Prober.count(mass, parts, GRID[gi], parts);
        double got = 0;
        for (int l = 0; l < count; l++) {
          got += SoftmaxRouting.labelWeight(validation, i, order[l]);
        }
        recalls[gi] += (float) (got / n);
        probes[gi] += (float) count / n;
      }
    }
    return new ProbeCalibration(t, labelDepth, GRID.clone(), recalls, probes);
  }

  /** The smallest calibrated mass threshold whose validation recall reached {@code target}. */
  float massFor(double target) {
    for (int i = 0; i < masses.length; i++) {
      if (recalls[i] >= target) {
        return masses[i];
      }
    }
    return masses[masses.length - 1];
  }


  /** Ranks partitions by score and gives each its cumulative probability; scratch reused per searcher. */
  static final class Prober {
    private final NodeQueue heap;
    private final float[] negScores;

    Prober(int parts) {
      this.heap = NodeQueue.maxHeap(Math.max(1, parts));
      this.negScores = new float[Math.max(1, parts)];
    }

    /**
     * Writes the best {@code limit} partitions into {@code order} and their cumulative softmax
     * mass (at temperature {@code t}) into {@code cumulative}; returns how many were written.
     */
    int rank(float[] scores, double t, int limit, int[] order, float[] cumulative) {
      int parts = scores.length;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : scores) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (float v : scores) {
        sum += Math.exp((v - max) / t);
      }
      heap.clear();
      for (int j = 0; j < parts; j++) {
        heap.insertWithOverflow(j, -scores[j], limit);
      }
      int n = heap.drainAscending(order, negScores);
      double acc = 0;
      for (int l = 0; l < n; l++) {
        acc += Math.exp((-negScores[l] - max) / t) / sum;
        cumulative[l] = (float) acc;
      }
      return n;
    }

    /** Partitions to probe: the first whose cumulative mass reaches {@code threshold}, at most {@code n}. */
    static int count(float[] cumulative, int n, float threshold, int max) {
      int limit = Math.min(n, max);
      for (int l = 0; l < limit; l++) {
        if (cumulative[l] >= threshold) {
          return l + 1;
        }
      }
      return limit;
    }
  }
}
