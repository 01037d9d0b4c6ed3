package org.annlib.ivf;

/**
 * How an index's router was chosen. {@code centroidRecall} and {@code learnedRecall} are the
 * validation routing recall (label mass in the best 1..{@code selectionProbes} partitions,
 * averaged) of the centroid router and of the best learned epoch; the learned router is kept only
 * when it is strictly better. For a centroid-routed index only the calibration fields are filled.
 */
public record RoutingReport(String kept, String querySource, int trainQueries, int validationQueries,
    int labelDepth, int epochs, int bestEpoch, int selectionProbes, double centroidRecall, double learnedRecall,
    double trainingSeconds) {
  static final RoutingReport NONE = new RoutingReport(CentroidRouter.NAME, "none", 0, 0, 0, 0, 0, 0, Double.NaN,
      Double.NaN, 0);

  @Override
  public String toString() {
    if (epochs == 0 && trainQueries == 0) {
      return "router " + kept + (validationQueries > 0
          ? " (calibrated on " + validationQueries + " " + querySource + " queries)" : " (not trained)");
    }
    return String.format(java.util.Locale.ROOT,
        "router %s: %d training + %d validation %s queries, top-%d labels, %d epochs, best epoch %d; validation "
            + "routing recall over nprobe 1..%d: centroid %.4f, learned %.4f (%.1f s)",
        kept, trainQueries, validationQueries, querySource, labelDepth, epochs, bestEpoch, selectionProbes,
        centroidRecall, learnedRecall, trainingSeconds);
  }
}
