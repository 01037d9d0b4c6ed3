package org.annlib.hnsw;

import java.util.List;
import java.util.Map;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.vectors.VectorStorage;
import org.annlib.vectors.VectorValues;

/** Makes {@link HnswIndex} available as "hnsw", with hnswlib's parameter names. */
public final class HnswIndexProvider implements IndexProvider {
  /** For {@link java.util.ServiceLoader}. */
  public HnswIndexProvider() {}

  @Override
  public String name() {
    return "hnsw";
  }

  @Override
  public List<String> variants() {
    return HnswStrategies.presets();
  }

  @Override
  public List<String> buildParameters() {
    // Every strategy role is a build parameter: a role added to HnswRole is one here too.
    List<String> names = new java.util.ArrayList<>(List.of("M", "efConstruction", "seed", "keepPrunedConnections",
        "storage"));
    names.addAll(HnswStrategies.ROLES);
    return List.copyOf(names);
  }

  @Override
  public List<String> searchParameters() {
    // recall: a mean recall target, served by the calibrated ef (the runner calibrates first)
    return List.of("ef", "recall");
  }

  @Override
  public Index build(Metric metric, VectorValues vectors, String variant, Map<String, String> params, int threads,
      ProgressListener progress) {
    Parameters.checkVariant(name(), variant, variants());
    Parameters.checkKnown(name(), "build", params, buildParameters());
    String keep = params.getOrDefault("keepPrunedConnections", "false");
    if (!keep.equals("true") && !keep.equals("false")) {
      throw new IllegalArgumentException("parameter 'keepPrunedConnections' must be true or false, got '" + keep + "'");
    }
    HnswIndexBuilder b = HnswIndex.builder(metric).preset(variant);
    if (params.containsKey("keepPrunedConnections")) {
      b.keepPrunedConnections(Boolean.parseBoolean(keep));
    }
    for (String role : HnswStrategies.ROLES) {
      if (params.containsKey(role)) {
        b.strategy(role, params.get(role));
      }
    }
    if (params.containsKey("storage")) {
      b.storage(VectorStorage.parameter(params.get("storage")));
    }
    return b
        .m(Parameters.intValue(params, "M", 16))
        .efConstruction(Parameters.intValue(params, "efConstruction", 200))
        .seed(Parameters.intValue(params, "seed", 42))
        .threads(threads)
        .progress(progress)
        .build(vectors);
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    Parameters.checkKnown(name(), "search", params, searchParameters());
    return SearchParams.builder().ef(Parameters.optionalPositive(params, "ef"))
        .targetRecall(Parameters.doubleValue(params, "recall", 0)).build();
  }
}
