package org.annlib.crinn;

import java.util.List;
import java.util.Map;
import org.annlib.hnsw.BaseLayerSearch;
import org.annlib.hnsw.HnswStrategy;
import org.annlib.hnsw.HnswStrategyProvider;
import org.annlib.hnsw.LinearPoolSearch;
import org.annlib.hnsw.ListOrder;
import org.annlib.hnsw.NeighborSelector;

/**
 * Registers CRINN's strategies with ann-hnsw and the presets built from them. Each CRINN change is
 * also a preset of its own, so the ablation runs as variants of one index:
 * {@code ./ann bench --index hnsw --variant default,glass-fp32,crinn-prune,crinn-order,crinn-momentum,crinn}.
 */
public final class CrinnStrategies implements HnswStrategyProvider {
  /** GLASS's pool loop with CRINN's momentum termination (S3). */
  static final String POOL_MOMENTUM = "pool-momentum";

  @Override
  public List<HnswStrategy> strategies() {
    return List.of(new RelaxedAdaptiveSelector(), new NearestFirstOrder(),
        new LinearPoolSearch(POOL_MOMENTUM, MomentumTermination::new));
  }

  @Override
  public Map<String, Map<String, String>> presets() {
    String sel = NeighborSelector.ROLE;
    String order = ListOrder.ROLE;
    String search = BaseLayerSearch.ROLE;
    return Map.of(
        "glass-fp32", Map.of(search, "pool"),
        "crinn-prune", Map.of(sel, RelaxedAdaptiveSelector.NAME),
        "crinn-order", Map.of(order, NearestFirstOrder.NAME),
        "crinn-momentum", Map.of(search, POOL_MOMENTUM),
        "crinn", Map.of(sel, RelaxedAdaptiveSelector.NAME, order, NearestFirstOrder.NAME, search, POOL_MOMENTUM));
  }
}
