package org.annlib.hnsw;

import java.util.List;
import java.util.Map;

/**
 * Service interface ({@code META-INF/services/org.annlib.hnsw.HnswStrategyProvider}) through
 * which a module adds strategies and presets. ann-hnsw registers the defaults; ann-crinn-variants
 * registers CRINN's changes and its presets.
 */
public interface HnswStrategyProvider {
  /** Strategy instances; they must be stateless and thread-safe (per-search state lives elsewhere). */
  List<HnswStrategy> strategies();

  /** Named combinations, preset name to {@code role -> strategy name}; roles left out keep the default. */
  default Map<String, Map<String, String>> presets() {
    return Map.of();
  }
}
