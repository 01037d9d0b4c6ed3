package org.annlib.exact;

import java.util.List;
import java.util.Map;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.ProgressListener;
import org.annlib.SearchParams;
import org.annlib.vectors.VectorValues;

/** Makes {@link FlatIndex} available as "flat": no parameters, one variant. */
public final class FlatIndexProvider implements IndexProvider {
  /** For {@link java.util.ServiceLoader}. */
  public FlatIndexProvider() {}

  @Override
  public String name() {
    return "flat";
  }

  @Override
  public List<String> variants() {
    return List.of("default");
  }

  @Override
  public List<String> buildParameters() {
    return List.of();
  }

  @Override
  public List<String> searchParameters() {
    return List.of();
  }

  @Override
  public Index build(
      Metric metric,
      VectorValues vectors,
      String variant,
      Map<String, String> buildParams,
      int threads,
      ProgressListener progress) {
    Parameters.checkVariant(name(), variant, variants());
    Parameters.checkKnown(name(), "build", buildParams, buildParameters());
    return FlatIndex.builder(metric).threads(threads).progress(progress).build(vectors);
  }

  @Override
  public SearchParams searchParams(Map<String, String> params) {
    Parameters.checkKnown(name(), "search", params, searchParameters());
    return SearchParams.DEFAULT;
  }
}
