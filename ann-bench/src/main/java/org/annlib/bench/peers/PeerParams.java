package org.annlib.bench.peers;

import java.util.List;
import java.util.Map;
import org.annlib.Parameters;
import org.annlib.SearchParams;

/**
 * The parameters every graph peer takes, with our (hnswlib's) meanings so that one command line
 * configures all indexes alike: {@code M} (level-0 degree 2M), {@code efConstruction} (build
 * beam), {@code ef} (search beam). Each adapter maps them onto its library's own names.
 */
final class PeerParams {
  static final List<String> BUILD = List.of("M", "efConstruction");
  static final List<String> SEARCH = List.of("ef");

  private PeerParams() {}

  static int m(Map<String, String> p) {
    return Parameters.intValue(p, "M", 16);
  }

  static int efConstruction(Map<String, String> p) {
    return Parameters.intValue(p, "efConstruction", 200);
  }

  static SearchParams search(String index, Map<String, String> params) {
    Parameters.checkKnown(index, "search", params, SEARCH);
    int ef = Parameters.intValue(params, "ef", 0);
    if (params.containsKey("ef") && ef <= 0) {
      throw new IllegalArgumentException("parameter 'ef' must be positive, got " + ef);
    }
    return SearchParams.builder().ef(ef).build();
  }
}
