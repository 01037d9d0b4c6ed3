package org.annlib.ivf;

import java.util.List;
import java.util.Map;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.vectors.VectorValues;

/**
 * Makes {@link IvfIndex} available as "ivf" with variants "centroid" (k-means centroids route)
 * and "ltr" (the learned router, trained on base vectors used as queries).
 */
public final class IvfIndexProvider implements IndexProvider {
  @Override
  public String name() {
    return "ivf";
  }

  @Override
  public List<String> variants() {
    return List.of(CentroidRouter.NAME, LearnedRouter.NAME);
  }

  @Override
  public List<String> buildParameters() {
    return List.of("nlist", "iterations", "seed", "trainingQueries", "labelDepth", "epochs", "learningRate",
        "encoding", "rerank");
  }

  @Override
  public List<String> searchParameters() {
    return List.of("nprobe", "recall");
  }

  @Override
  public Index build(Metric metric, VectorValues vectors, String variant, Map<String, String> params, int threads,
      ProgressListener progress) {
    Parameters.checkVariant(name(), variant, variants());
    Parameters.checkKnown(name(), "build", params, buildParameters());
    return IvfIndex.builder(metric)
        .nlist(Parameters.intValue(params, "nlist", 0))
        .iterations(Parameters.intValue(params, "iterations", 25))
        .seed(Parameters.intValue(params, "seed", 42))
        .router(variant)
        .trainingQueries(Parameters.intValue(params, "trainingQueries", 0))
        .labelDepth(Parameters.intValue(params, "labelDepth", 10))
        .epochs(Parameters.intValue(params, "epochs", 100))
        .learningRate(Parameters.doubleValue(params, "learningRate", 1e-3))
        .encoding(params.getOrDefault("encoding", IvfIndexBuilder.FLOAT32))
        .rerank(Parameters.intValue(params, "rerank", 4))
        .threads(threads)
        .progress(progress)
        .build(vectors);
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    Parameters.checkKnown(name(), "search", params, searchParameters());
    return SearchParams.builder()
        .nprobe(Parameters.optionalPositive(params, "nprobe"))
        .targetRecall(Parameters.doubleValue(params, "recall", 0))
        .build();
  }
}
