package org.annlib.ivf;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.util.Workers;
import org.annlib.exact.GroundTruth;
import org.annlib.exact.Neighbors;
import org.annlib.ivf.train.RouterTrainer;
import org.annlib.ivf.train.RoutingExamples;
import org.annlib.ivf.train.Sampling;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;

/**
 * Chooses and calibrates an index's router (docs/ivf-ltr.md): training queries from the user's
 * query log, or base vectors used as queries with their own id excluded; exact neighbours under
 * the index metric; soft top-k labels; a seeded train/validation split; training; the better of
 * learned and centroid routing on validation; the adaptive-nprobe calibration on validation.
 */
final class RouterTraining {
  record Outcome(LinearRouter router, ProbeCalibration calibration, RoutingReport report) {}

  private RouterTraining() {}

  /**
   * @param base the stored (prepared) vectors in id order
   * @param assignment partition of every id
   * @param log user queries, or null to sample {@code queries} base vectors
   * @param trainer null for centroid routing (the queries then only calibrate adaptive nprobe)
   */
  static Outcome run(Metric metric, VectorValues base, int[] assignment, CentroidRouter centroid,
      VectorValues log, int queries, int labelDepth, double validationShare, RouterTrainer trainer, long seed,
      Workers workers, ProgressListener progress) {
    long start = System.nanoTime();
    int dim = base.dimension();
    int n = base.size();
    float[] q;
    int[][] neighbours;
    String source;
    if (log != null) {
      source = "log";
      if (log.size() == 0) {
        throw new IllegalArgumentException("the training query log is empty");
      }
      if (log.dimension() != dim) {
        throw new IllegalArgumentException(
            "training query log has dimension " + log.dimension() + ", the index has " + dim);
      }
      q = new float[Math.multiplyExact(log.size(), dim)];
      float[] row = new float[dim];
      for (int i = 0; i < log.size(); i++) {
        log.copyTo(i, row, 0);
        System.arraycopy(VectorChecks.prepare(row, dim, metric, "training query " + i), 0, q, i * dim, dim);
      }
      progress.progress("router ground truth", 0, log.size());
      neighbours = GroundTruth.compute(base, FlatVectorValues.wrap(q, dim), metric, labelDepth, workers.executor(), workers.threads(),
          ProgressListener.NONE).ids();
    } else {
      source = "base";
      int count = Math.min(n - 1, queries);
      if (count <= 0) {
        return new Outcome(centroid, null, RoutingReport.NONE);
      }
      int[] ids = Sampling.sample(n, count, new SplittableRandom(seed ^ 0x5DEECE66DL));
      q = new float[count * dim];
      for (int i = 0; i < count; i++) {
        base.copyTo(ids[i], q, i * dim);
      }
      progress.progress("router ground truth", 0, count);
      Neighbors nb = GroundTruth.compute(base, FlatVectorValues.wrap(q, dim), metric, labelDepth + 1, workers.executor(), workers.threads(),
          ProgressListener.NONE);
      neighbours = new int[count][];
      for (int i = 0; i < count; i++) {
        neighbours[i] = withoutSelf(nb.ids()[i], ids[i], labelDepth);
      }
    }
    RoutingExamples all = RoutingExamples.fromNeighbours(q, dim, neighbours, assignment, labelDepth);
    int[] order = new int[all.size()];
    Arrays.setAll(order, i -> i);
    Sampling.shuffle(order, new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
    if (trainer == null) {
      RoutingExamples calibration = all.select(order);
      ProbeCalibration c = ProbeCalibration.fit(centroid, calibration, labelDepth);
      RoutingReport r = new RoutingReport(CentroidRouter.NAME, source, 0, calibration.size(), labelDepth, 0, 0, 0,
          Double.NaN, Double.NaN, seconds(start));
      return new Outcome(centroid, c, r);
    }
    if (all.size() < 2) {
      throw new IllegalArgumentException("learned routing needs at least 2 training queries, got " + all.size());
    }
    int validation = (int) Math.max(1, Math.min(all.size() - 1, Math.round(validationShare * all.size())));
    RoutingExamples val = all.select(Arrays.copyOf(order, validation));
    RoutingExamples train = all.select(Arrays.copyOfRange(order, validation, order.length));
    RouterTrainer.Result result = trainer.progress(progress).train(centroid.weights(), centroid.bias(), train, val);
    LinearRouter router = result.bestEpoch() > 0 ? new LearnedRouter(result.weights(), result.bias(), dim) : centroid;
    RoutingReport report = new RoutingReport(router.name(), source, train.size(), val.size(), labelDepth,
        result.epochs(), result.bestEpoch(), trainer.selectionProbes(), result.validationRecall()[0],
        result.validationRecall()[result.bestEpoch()], seconds(start));
    return new Outcome(router, ProbeCalibration.fit(router, val, labelDepth), report);
  }

  /** The first {@code k} of {@code ids} other than {@code self}. */
  static int[] withoutSelf(int[] ids, int self, int k) {
    int[] out = new int[Math.min(k, ids.length)];
    int m = 0;
    for (int id : ids) {
      if (id != self && m < out.length) {
        out[m++] = id;
      }
    }
    return Arrays.copyOf(out, m);
  }



  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
