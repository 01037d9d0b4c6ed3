package org.annlib;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.annlib.vector.VectorUtil;
import org.annlib.vectors.VectorValues;

/**
 * Makes an index kind available by a stable name ("flat", "hnsw", "ivf", ...) with string
 * parameters, for tools such as the benchmark runner. Registered through {@link ServiceLoader} in
 * {@code META-INF/services/org.annlib.IndexProvider}. Typed builders remain the API for code.
 */
public interface IndexProvider {
  /** The stable name, lower case. */
  String name();

  /** Variant names; the first is the default. */
  List<String> variants();

  /** Build parameter names this index accepts (case-sensitive, hnswlib spelling). */
  List<String> buildParameters();

  /** Search parameter names this index accepts. */
  List<String> searchParameters();

  /**
   * Builds an index. Unknown variant or parameter names and malformed values throw {@link
   * IllegalArgumentException} listing what is known.
   */
  Index build(
      Metric metric,
      VectorValues vectors,
      String variant,
      Map<String, String> buildParams,
      int threads,
      ProgressListener progress);

  /**
   * The SIMD path this index's distance code runs on, recorded with every benchmark row: ours
   * for our indexes; a peer library reports its own, which can differ from ours in one JVM.
   */
  default String kernels() {
    return VectorUtil.provider();
  }

  /** Turns one setting of the search sweep into parameters, validating names and values. */
  SearchParams searchParams(Map<String, String> params);

  /** Every provider on the class path, in class-path order. */
  static List<IndexProvider> all() {
    List<IndexProvider> out = new ArrayList<>();
    ServiceLoader.load(IndexProvider.class).forEach(out::add);
    return out;
  }

  /**
   * The provider of that name.
   *
   * @throws IllegalArgumentException naming the known indexes
   */
  static IndexProvider forName(String name) {
    List<String> known = new ArrayList<>();
    for (IndexProvider p : all()) {
      if (p.name().equals(name)) {
        return p;
      }
      known.add(p.name());
    }
    known.sort(null);
    throw new IllegalArgumentException("unknown index '" + name + "'; known: " + String.join(", ", known));
  }
}
