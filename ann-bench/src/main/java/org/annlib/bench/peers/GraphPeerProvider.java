package org.annlib.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;

/**
 * A graph library from the JVM ecosystem as a runner index. Every peer takes our parameter names
 * with our (hnswlib's) meanings, so one command line configures all indexes alike: {@code M}
 * (level-0 degree 2M), {@code efConstruction} (build beam), {@code ef} (search beam); each
 * subclass maps them onto its library's own. Vectors arrive validated, and unit length under
 * cosine, as our indexes store them.
 */
abstract class GraphPeerProvider implements IndexProvider {
  private final String name;
  private final List<String> variants;

  /** {@code variants}: the library version first (its full-precision graph), then its quantized modes. */
  GraphPeerProvider(String name, List<String> variants) {
    this.name = name;
    this.variants = List.copyOf(variants);
  }

  /** Builds the library's graph over {@code vectors} (each {@code dim} floats) in {@code variant}'s mode. */
  abstract Index build(Metric metric, List<float[]> vectors, int dim, int m, int efConstruction, int threads,
      String variant);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<String> variants() {
    return variants;
  }

  @Override
  public final List<String> buildParameters() {
    return List.of("M", "efConstruction");
  }

  @Override
  public final List<String> searchParameters() {
    return List.of("ef");
  }

  @Override
  public final Index build(Metric metric, VectorValues vectors, String variant, Map<String, String> params,
      int threads, ProgressListener progress) {
    Parameters.checkVariant(name, variant, variants());
    Parameters.checkKnown(name, "build", params, buildParameters());
    int dim = vectors.dimension();
    List<float[]> prepared = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      prepared.add(VectorChecks.prepare(vectors.vector(i), dim, metric, "vector " + i));
    }
    Index index = build(metric, prepared, dim, Parameters.intValue(params, "M", 16),
        Parameters.intValue(params, "efConstruction", 200), threads, variant);
    progress.progress("build " + name, vectors.size(), vectors.size());
    return index;
  }

  @Override
  public final SearchParams searchParams(Map<String, String> params) {
    Parameters.checkKnown(name, "search", params, searchParameters());
    return SearchParams.builder().ef(Parameters.optionalPositive(params, "ef")).build();
  }
}
