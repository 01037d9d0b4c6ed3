package org.annlib.ivf.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;

/**
 * Trains a linear router {@code s = W q + b} as in arXiv 2404.11731 §3 (softmax cross-entropy over
 * partitions, Adam with the paper's learning rate 1e-3 and batch 512) with the changes the research
 * note argues for on in-distribution data (§4.1, §5): W and b start at the centroid router scaled
 * by a fitted temperature, queries are centred and scaled to unit RMS norm (so one Adam step moves
 * a logit by about the learning rate, whatever the data's units), and model selection keeps the
 * best epoch by validation routing recall with epoch 0, the untrained centroid router, as a
 * candidate. Training stops after {@code patience} epochs in which neither that recall nor the
 * validation loss improved. Deterministic for a seed, whatever the thread count.
 */
public final class RouterTrainer {
  private int maxEpochs = 100;
  private int patience = 5;
  private int batchSize = 512;
  private double learningRate = 1e-3;
  private int selectionProbes = 8;
  private long seed = 42;
  private Workers workers = Workers.of(1);
  private ProgressListener progress = ProgressListener.NONE;

  public RouterTrainer maxEpochs(int v) {
    this.maxEpochs = positiveOrZero("epochs", v);
    return this;
  }

  public RouterTrainer patience(int v) {
    this.patience = positive("patience", v);
    return this;
  }

  public RouterTrainer batchSize(int v) {
    this.batchSize = positive("batch size", v);
    return this;
  }

  public RouterTrainer learningRate(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + v);
    }
    this.learningRate = v;
    return this;
  }

  /** Model selection averages validation routing recall over nprobe 1..{@code probes}. */
  public RouterTrainer selectionProbes(int v) {
    this.selectionProbes = positive("selection probes", v);
    return this;
  }

  public int selectionProbes() {
    return selectionProbes;
  }

  public RouterTrainer seed(long v) {
    this.seed = v;
    return this;
  }

  public RouterTrainer threads(int v) {
    this.workers = Workers.of(positive("threads", v));
    return this;
  }

  /** Where the gradient, scoring and update steps run; {@link #threads} sets own threads. */
  public RouterTrainer workers(Workers v) {
    this.workers = java.util.Objects.requireNonNull(v, "workers");
    return this;
  }

  /** Receives one "router training" step per epoch (done epochs of at most {@code epochs}). */
  public RouterTrainer progress(ProgressListener v) {
    this.progress = v == null ? ProgressListener.NONE : v;
    return this;
  }

  /** What training produced; weights and bias act on raw (un-normalised) queries. */
  public record Result(float[] weights, float[] bias, int bestEpoch, double temperature, double[] trainLoss,
      double[] validationLoss, double[] validationRecall) {
    /** Epochs run after epoch 0 (the initial router). */
    public int epochs() {
      return trainLoss.length - 1;
    }
  }

  /**
   * @param w0 initial router weights ({@code partitions x dim}), e.g. the centroid router
   * @param b0 initial bias
   */
  public Result train(float[] w0, float[] b0, RoutingExamples train, RoutingExamples validation) {
    int parts = b0.length;
    int dim = train.dim();
    if (train.size() == 0) {
      throw new IllegalArgumentException("no training queries");
    }
    if (validation.size() == 0) {
      throw new IllegalArgumentException("no validation queries");
    }
    double t = SoftmaxRouting.temperature(SoftmaxRouting.scores(w0, b0, train, workers), parts, train);
    double[] mean = new double[dim];
    double scale = centre(train, mean);
    RoutingExamples x = normalised(train, mean, scale);
    RoutingExamples xv = normalised(validation, mean, scale);
    // z = (W0 q + b0)/t with q = scale x + mean  =>  W' = scale W0 / t, b' = (W0 mean + b0) / t
    float[] w = new float[w0.length];
    float[] b = new float[parts];
    for (int j = 0; j < parts; j++) {
      double dotMean = 0;
      for (int k = 0; k < dim; k++) {
        w[j * dim + k] = (float) (scale * w0[j * dim + k] / t);
        dotMean += (double) w0[j * dim + k] * mean[k];
      }
      b[j] = (float) ((dotMean + b0[j]) / t);
    }
    double[] trainLoss = new double[maxEpochs + 1];
    double[] valLoss = new double[maxEpochs + 1];
    double[] valRecall = new double[maxEpochs + 1];
    evaluate(w, b, x, xv, 0, trainLoss, valLoss, valRecall);
    float[] bestW = w.clone();
    float[] bestB = b.clone();
    int bestEpoch = 0;
    double bestRecallSeen = valRecall[0];
    double bestLossSeen = valLoss[0];
    int stale = 0;

    float[] mw = new float[w.length];
    float[] vw = new float[w.length];
    float[] mb = new float[parts];
    float[] vb = new float[parts];
    float[] gw = new float[w.length];
    float[] gb = new float[parts];
    int batch = Math.min(batchSize, x.size());
    float[] g = new float[batch * parts];
    int[] order = new int[x.size()];
    Arrays.setAll(order, i -> i);
    SplittableRandom rnd = new SplittableRandom(seed);
    long step = 0;
    int epoch = 0;
    while (epoch < maxEpochs && stale < patience) {
      epoch++;
      Sampling.shuffle(order, rnd);
      for (int from = 0; from < order.length; from += batch) {
        int to = Math.min(order.length, from + batch);
        SoftmaxRouting.gradient(w, b, x, order, from, to, g, gw, gb, workers);
        step++;
        adam(w, gw, mw, vw, step, dim, parts);
        adam(b, gb, mb, vb, step, 1, parts);
      }
      evaluate(w, b, x, xv, epoch, trainLoss, valLoss, valRecall);
      progress.progress("router training", epoch, maxEpochs);
      boolean better = valRecall[epoch] > valRecall[bestEpoch]
          || (valRecall[epoch] == valRecall[bestEpoch] && valLoss[epoch] < valLoss[bestEpoch]);
      if (better) {
        bestEpoch = epoch;
        bestW = w.clone();
        bestB = b.clone();
      }
      boolean progress = valRecall[epoch] > bestRecallSeen || valLoss[epoch] < bestLossSeen;
      bestRecallSeen = Math.max(bestRecallSeen, valRecall[epoch]);
      bestLossSeen = Math.min(bestLossSeen, valLoss[epoch]);
      stale = progress ? 0 : stale + 1;
    }
    // fold the normalisation back: W q + b' with W = W'/scale, b = b' - W' mean / scale
    float[] outW = new float[w.length];
    float[] outB = new float[parts];
    for (int j = 0; j < parts; j++) {
      double dotMean = 0;
      for (int k = 0; k < dim; k++) {
        outW[j * dim + k] = (float) (bestW[j * dim + k] / scale);
        dotMean += (double) bestW[j * dim + k] * mean[k];
      }
      outB[j] = (float) (bestB[j] - dotMean / scale);
    }
    return new Result(outW, outB, bestEpoch, t, Arrays.copyOf(trainLoss, epoch + 1), Arrays.copyOf(valLoss, epoch + 1),
        Arrays.copyOf(valRecall, epoch + 1));
  }

  private void evaluate(float[] w, float[] b, RoutingExamples x, RoutingExamples xv, int epoch, double[] trainLoss,
      double[] valLoss, double[] valRecall) {
    int parts = b.length;
    trainLoss[epoch] = SoftmaxRouting.meanLoss(SoftmaxRouting.scores(w, b, x, workers), parts, 1, x);
    float[] vs = SoftmaxRouting.scores(w, b, xv, workers);
    valLoss[epoch] = SoftmaxRouting.meanLoss(vs, parts, 1, xv);
    valRecall[epoch] = SoftmaxRouting.captured(vs, parts, xv, selectionProbes);
  }

  /** Adam (Kingma and Ba), Keras defaults beta1 0.9, beta2 0.999, epsilon 1e-7; rows split over threads. */
  private void adam(float[] p, float[] g, float[] m, float[] v, long step, int rowLength, int rows) {
    double lrT = learningRate * Math.sqrt(1 - Math.pow(0.999, step)) / (1 - Math.pow(0.9, step));
    float eps = (float) (1e-7 * Math.sqrt(1 - Math.pow(0.999, step)));
    AtomicInteger next = new AtomicInteger();
    workers.atMost(rowLength == 1 ? 1 : rows / 16).run("router-adam", () -> {
      for (int r; (r = next.getAndIncrement()) < rows; ) {
        for (int i = r * rowLength; i < (r + 1) * rowLength; i++) {
          m[i] = 0.9f * m[i] + 0.1f * g[i];
          v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
          p[i] -= (float) (lrT * m[i] / (Math.sqrt(v[i]) + eps));
        }
      }
    });
  }

  /** Mean into {@code mean}; returns the RMS distance to it (1 if all queries are equal). */
  private static double centre(RoutingExamples ex, double[] mean) {
    int dim = ex.dim();
    float[] q = ex.queries();
    for (int i = 0; i < ex.size(); i++) {
      for (int k = 0; k < dim; k++) {
        mean[k] += q[i * dim + k];
      }
    }
    for (int k = 0; k < dim; k++) {
      mean[k] /= ex.size();
    }
    double ss = 0;
    for (int i = 0; i < ex.size(); i++) {
      for (int k = 0; k < dim; k++) {
        double d = q[i * dim + k] - mean[k];
        ss += d * d;
      }
    }
    double rms = Math.sqrt(ss / ex.size());
    return rms > 0 ? rms : 1;
  }

  private static RoutingExamples normalised(RoutingExamples ex, double[] mean, double scale) {
    int dim = ex.dim();
    float[] q = ex.queries();
    float[] out = new float[q.length];
    for (int i = 0; i < ex.size(); i++) {
      for (int k = 0; k < dim; k++) {
        out[i * dim + k] = (float) ((q[i * dim + k] - mean[k]) / scale);
      }
    }
    return new RoutingExamples(out, dim, ex.offsets(), ex.parts(), ex.weights());
  }


  private static int positive(String what, int v) {
    if (v <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + v);
    }
    return v;
  }

  private static int positiveOrZero(String what, int v) {
    if (v < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + v);
    }
    return v;
  }
}
