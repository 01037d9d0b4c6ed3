package org.annlib.crinn;

import java.util.List;
import java.util.Map;
import org.annlib.hnsw.BaseLayerSearch;
import org.annlib.hnsw.ConstructionBeam;
import org.annlib.hnsw.EntryPoints;
import org.annlib.hnsw.FirstPass;
import org.annlib.hnsw.HnswStrategy;
import org.annlib.hnsw.HnswStrategyProvider;
import org.annlib.hnsw.LinearPoolSearch;
import org.annlib.hnsw.ListOrder;
import org.annlib.hnsw.NeighborSelector;
import org.annlib.hnsw.Refine;

/**
 * Registers CRINN's strategies with ann-hnsw and the presets built from them. Each CRINN change on
 * top of GLASS is a preset of its own, so the ablation runs as variants of one index:
 * {@code ./ann bench --index hnsw --variant default,glass,crinn-prune,crinn-order,crinn-momentum,crinn-refine,crinn}.
 */
public final class CrinnStrategies implements HnswStrategyProvider {
  /** For {@link java.util.ServiceLoader} and ann-hnsw's lookup by name. */
  public CrinnStrategies() {}

  /** GLASS's pool loop with CRINN's momentum termination (S3). */
  static final String POOL_MOMENTUM = "pool-momentum";

  /** CRINN's high-dimensional loop: momentum termination (S3) plus the stagnation exit (S4). */
  static final String POOL_CRINN = "pool-crinn";

  /** CRINN's adaptive re-rank multiplier settles at about 1.93 (R1); fixed here, so order-independent. */
  static final String REFINE_CRINN = "fixed-1.9";

  /** R1's depth, capped by the beam width so that small ef settings stay cheap. */
  static final String REFINE_CAPPED = "capped-1.9";

  @Override
  public List<HnswStrategy> strategies() {
    return List.of(new RelaxedAdaptiveSelector(), new NearestFirstOrder(),
        new LinearPoolSearch(POOL_MOMENTUM, MomentumTermination::new),
        new LinearPoolSearch(POOL_CRINN, StagnationTermination::new), Refine.fixed(REFINE_CRINN, 1.9),
        Refine.capped(REFINE_CAPPED, 1.9), new AdaptiveConstructionBeam(), new DiverseSeeds());
  }

  /**
   * "glass" is GLASS's benchmark configuration (pool loop, SQ4U first pass, floor(1.5 k) exact
   * re-rank; the graph is built on float32, not on codes); each "crinn-*" preset adds one CRINN
   * change to it; "crinn-fixed" has them all, with SQ4U codes above 128 dimensions and SQ8U at or
   * below ("sq-auto"), so that low-dimensional data keeps its recall; "crinn" is the same with the
   * re-rank depth capped by ef (measured better at recall 0.95, equal at 0.99). "glass-fp32" is
   * GLASS's loop alone on float32 vectors.
   */
  @Override
  public Map<String, Map<String, String>> presets() {
    Map<String, String> glass = Map.of(BaseLayerSearch.ROLE, "pool", FirstPass.ROLE, "sq4u", Refine.ROLE, "fixed-1.5");
    return Map.ofEntries(
        Map.entry("glass-fp32", Map.of(BaseLayerSearch.ROLE, "pool")),
        Map.entry("glass", glass),
        Map.entry("glass-sq8u", with(glass, FirstPass.ROLE, "sq8u")),
        Map.entry("crinn-prune", with(glass, NeighborSelector.ROLE, RelaxedAdaptiveSelector.NAME)),
        Map.entry("crinn-order", with(glass, ListOrder.ROLE, NearestFirstOrder.NAME)),
        Map.entry("crinn-momentum", with(glass, BaseLayerSearch.ROLE, POOL_MOMENTUM)),
        Map.entry("crinn-stagnation", with(glass, BaseLayerSearch.ROLE, POOL_CRINN)),
        Map.entry("crinn-refine", with(glass, Refine.ROLE, REFINE_CRINN)),
        Map.entry("crinn-beam", with(glass, ConstructionBeam.ROLE, AdaptiveConstructionBeam.NAME)),
        Map.entry("crinn-seeds", with(glass, EntryPoints.ROLE, DiverseSeeds.NAME)),
        Map.entry("crinn-all", Map.of(NeighborSelector.ROLE, RelaxedAdaptiveSelector.NAME, ListOrder.ROLE, NearestFirstOrder.NAME,
            BaseLayerSearch.ROLE, POOL_MOMENTUM, FirstPass.ROLE, "sq-auto", Refine.ROLE, REFINE_CAPPED,
            ConstructionBeam.ROLE, AdaptiveConstructionBeam.NAME)),
        Map.entry("crinn-fixed", Map.of(NeighborSelector.ROLE, RelaxedAdaptiveSelector.NAME, ListOrder.ROLE,
            NearestFirstOrder.NAME, BaseLayerSearch.ROLE, POOL_MOMENTUM, FirstPass.ROLE, "sq-auto", Refine.ROLE,
            REFINE_CRINN)),
        Map.entry("crinn", Map.of(NeighborSelector.ROLE, RelaxedAdaptiveSelector.NAME, ListOrder.ROLE, NearestFirstOrder.NAME,
            BaseLayerSearch.ROLE, POOL_MOMENTUM, FirstPass.ROLE, "sq-auto", Refine.ROLE, REFINE_CAPPED)));
  }

  private static Map<String, String> with(Map<String, String> base, String role, String name) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put(role, name);
    return Map.copyOf(m);
  }
}
