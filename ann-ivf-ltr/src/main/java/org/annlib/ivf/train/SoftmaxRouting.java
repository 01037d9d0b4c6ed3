package org.annlib.ivf.train;

import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.util.NodeQueue;
import org.annlib.util.Workers;
import org.annlib.vector.VectorUtil;

/**
 * The numerics of a linear router {@code z = W x + b} trained with softmax cross-entropy against
 * soft labels: {@code loss = logsumexp(z) - sum_j y_j z_j}, {@code dloss/dz = p - y},
 * {@code dW = (p - y) x^T}, {@code db = p - y} (arXiv 2404.11731; docs/ivf-ltr.md). Softmax and log-sum-exp
 * subtract the maximum first and accumulate in double, because unscaled logits of raw-pixel data
 * reach 10^6 and would overflow or saturate (§5.5). Work is split over batch rows for the forward
 * pass and over partitions for the backward pass, so every sum has one fixed order and results do
 * not depend on the thread count (§5.8).
 */
public final class SoftmaxRouting {
  private SoftmaxRouting() {}

  /** Row-major {@code n x partitions} scores of every example under (W, b). */
  public static float[] scores(float[] w, float[] b, RoutingExamples ex, Workers workers) {
    int n = ex.size();
    int parts = b.length;
    float[] out = new float[n * parts];
    AtomicInteger next = new AtomicInteger();
    workers.atMost(n / 64).run("router-scores", () -> {
      float[] x = new float[ex.dim()];
      float[] z = new float[parts];
      for (int i; (i = next.getAndIncrement()) < n; ) {
        ex.query(i, x);
        VectorUtil.dotRows(x, w, 0, parts, ex.dim(), z);
        for (int j = 0; j < parts; j++) {
          out[i * parts + j] = z[j] + b[j];
        }
      }
    });
    return out;
  }

  /** Cross-entropy of example {@code i} for scores {@code z[zOff..zOff+parts)} divided by {@code t}. */
  public static double loss(float[] z, int zOff, int parts, double t, RoutingExamples ex, int i) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < parts; j++) {
      max = Math.max(max, z[zOff + j] / t);
    }
    double sum = 0;
    for (int j = 0; j < parts; j++) {
      sum += Math.exp(z[zOff + j] / t - max);
    }
    double loss = max + Math.log(sum);
    for (int e = ex.offsets()[i]; e < ex.offsets()[i + 1]; e++) {
      loss -= ex.weights()[e] * (z[zOff + ex.parts()[e]] / t);
    }
    return loss;
  }

  /** Mean cross-entropy over all examples of precomputed scores divided by temperature {@code t}. */
  public static double meanLoss(float[] scores, int parts, double t, RoutingExamples ex) {
    double sum = 0;
    for (int i = 0; i < ex.size(); i++) {
      sum += loss(scores, i * parts, parts, t, ex, i);
    }
    return sum / Math.max(1, ex.size());
  }

  /**
   * The temperature that minimises the mean cross-entropy of {@code scores / t} (temperature
   * scaling, Guo et al. 2017): a log-spaced scan over 15 decades, refined by golden-section search
   * on log t. Scaling by 1/t keeps the ranking, so it only calibrates the softmax.
   */
  public static double temperature(float[] scores, int parts, RoutingExamples ex) {
    double bestLog = 0;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double lg = -6; lg <= 9; lg += 0.25) {
      double l = meanLoss(scores, parts, Math.pow(10, lg), ex);
      if (l < bestLoss) {
        bestLoss = l;
        bestLog = lg;
      }
    }
    double lo = bestLog - 0.25;
    double hi = bestLog + 0.25;
    double g = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 30; it++) {
      double a = hi - g * (hi - lo);
      double c = lo + g * (hi - lo);
      if (meanLoss(scores, parts, Math.pow(10, a), ex) <= meanLoss(scores, parts, Math.pow(10, c), ex)) {
        hi = c;
      } else {
        lo = a;
      }
    }
    return Math.pow(10, (lo + hi) / 2);
  }

  /**
   * Mean over examples of the label mass inside the best {@code l} partitions, averaged over
   * {@code l = 1..maxProbes}: the area under the routing-recall curve up to {@code maxProbes}.
   * Model selection uses it because it is the quantity IVF search depends on (§3.3 step 2).
   */
  public static double captured(float[] scores, int parts, RoutingExamples ex, int maxProbes) {
    int probes = Math.min(maxProbes, parts);
    NodeQueue heap = NodeQueue.maxHeap(probes + 1);
    int[] order = new int[probes];
    float[] unused = new float[probes];
    double total = 0;
    for (int i = 0; i < ex.size(); i++) {
      heap.clear();
      for (int j = 0; j < parts; j++) {
        heap.insertWithOverflow(j, -scores[i * parts + j], probes);
      }
      heap.drainAscending(order, unused);
      double mass = 0;
      double area = 0;
      for (int l = 0; l < probes; l++) {
        mass += labelWeight(ex, i, order[l]);
        area += mass;
      }
      total += area / probes;
    }
    return total / Math.max(1, ex.size());
  }

  /** Label weight of partition {@code part} for example {@code i} (0 when not a label). */
  public static double labelWeight(RoutingExamples ex, int i, int part) {
    for (int e = ex.offsets()[i]; e < ex.offsets()[i + 1]; e++) {
      if (ex.parts()[e] == part) {
        return ex.weights()[e];
      }
    }
    return 0;
  }

  /**
   * Mean gradient of the cross-entropy over the examples {@code rows[from..to)} at (W, b), written
   * into {@code gw} ({@code parts x dim}) and {@code gb}. {@code g} is scratch of at least
   * {@code (to - from) x parts} floats; it returns holding {@code (p - y) / batch}.
   */
  public static void gradient(float[] w, float[] b, RoutingExamples ex, int[] rows, int from, int to, float[] g,
      float[] gw, float[] gb, Workers workers) {
    int parts = b.length;
    int dim = ex.dim();
    int batch = to - from;
    float inv = 1f / batch;
    AtomicInteger nextRow = new AtomicInteger();
    workers.atMost(batch / 32).run("router-forward", () -> {
      float[] x = new float[dim];
      float[] z = new float[parts];
      for (int r; (r = nextRow.getAndIncrement()) < batch; ) {
        int i = rows[from + r];
        ex.query(i, x);
        VectorUtil.dotRows(x, w, 0, parts, dim, z);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < parts; j++) {
          z[j] += b[j];
          max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = 0; j < parts; j++) {
          sum += Math.exp(z[j] - max);
        }
        double norm = 1 / sum;
        for (int j = 0; j < parts; j++) {
          g[r * parts + j] = (float) (Math.exp(z[j] - max) * norm) * inv;
        }
        for (int e = ex.offsets()[i]; e < ex.offsets()[i + 1]; e++) {
          g[r * parts + ex.parts()[e]] -= ex.weights()[e] * inv;
        }
      }
    });
    AtomicInteger nextPart = new AtomicInteger();
    float[] q = ex.queries();
    workers.atMost(parts / 16).run("router-backward", () -> {
      for (int j; (j = nextPart.getAndIncrement()) < parts; ) {
        int row = j * dim;
        java.util.Arrays.fill(gw, row, row + dim, 0f);
        double bias = 0;
        for (int r = 0; r < batch; r++) {
          float gr = g[r * parts + j];
          bias += gr;
          // softmax mass on far partitions is tiny; skipping it saves most of the L x d x B work
          if (Math.abs(gr) < 1e-9f) {
            continue;
          }
          int qo = rows[from + r] * dim;
          for (int k = 0; k < dim; k++) {
            gw[row + k] += gr * q[qo + k];
          }
        }
        gb[j] = (float) bias;
      }
    });
  }
}
