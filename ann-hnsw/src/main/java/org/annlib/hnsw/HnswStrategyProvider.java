package org.annlib.hnsw;

import java.util.List;
import java.util.Map;

/**
 * Service interface ({@code META-INF/services/org.annlib.hnsw.HnswStrategyProvider}) through
 * which a module adds strategies and presets. ann-hnsw's own ({@link CoreStrategies}) and
 * ann-crinn-variants' (CRINN's changes and presets) are found without the service file, so a
 * shaded jar that dropped it still loads them; third-party modules need it.
 */
public interface HnswStrategyProvider {
  /** Strategy instances; they must be stateless and thread-safe (per-search state lives elsewhere). */
  List<HnswStrategy> strategies();

  /** Named combinations, preset name to {@code role -> strategy name}; roles left out keep the default. */
  default Map<String, Map<String, String>> presets() {
    return Map.of();
  }
}
