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
 * and "ltr" (the learned router, trained on base vectors used as queries), each also with SQ8
 * lists ("centroid-sq8", "ltr-sq8").
 */
public final class IvfIndexProvider implements IndexProvider {
  /** For {@link java.util.ServiceLoader}. */
  public IvfIndexProvider() {}

  /** A variant ending in "-sq8" stores SQ8 lists, so float32 and SQ8 run side by side in one runner call. */
  private static final String SQ8_SUFFIX = "-sq8";

  @Override
  public String name() {
    return "ivf";
  }

  @Override
  public List<String> variants() {
    return List.of(CentroidRouter.NAME, LearnedRouter.NAME, CentroidRouter.NAME + SQ8_SUFFIX,
        LearnedRouter.NAME + SQ8_SUFFIX);
  }

  @Override
  public List<String> buildParameters() {
    return List.of("nlist", "iterations", "seed", "trainingQueries", "labelDepth", "epochs", "learningRate",
        "encoding", "rerank", "storage");
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
    IvfIndexBuilder b = IvfIndex.builder(metric);
    if (params.containsKey("storage")) {
      b.storage(org.annlib.vectors.VectorStorage.parameter(params.get("storage")));
    }
    return b
        .nlist(Parameters.intValue(params, "nlist", 0))
        .iterations(Parameters.intValue(params, "iterations", 25))
        .seed(Parameters.intValue(params, "seed", 42))
        .router(variant.endsWith(SQ8_SUFFIX) ? variant.substring(0, variant.length() - SQ8_SUFFIX.length()) : variant)
        .trainingQueries(Parameters.intValue(params, "trainingQueries", 0))
        .labelDepth(Parameters.intValue(params, "labelDepth", 10))
        .epochs(Parameters.intValue(params, "epochs", 100))
        .learningRate(Parameters.doubleValue(params, "learningRate", 1e-3))
        .encoding(variant.endsWith(SQ8_SUFFIX) ? IvfIndexBuilder.SQ8
            : params.getOrDefault("encoding", IvfIndexBuilder.FLOAT32))
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
