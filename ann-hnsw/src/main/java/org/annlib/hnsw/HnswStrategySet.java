package org.annlib.hnsw;

import java.util.List;
import java.util.Map;

/** The strategy of each role an index was built with; recorded in its file as {@code role=name}. */
public record HnswStrategySet(NeighborSelector selector, ListOrder listOrder, BaseLayerSearch search, FirstPass codes,
    Refine refine, ConstructionBeam construction, EntryPoints entry) {
  public static final HnswStrategySet DEFAULT = new HnswStrategySet(new HeuristicNeighborSelector(false),
      CoreStrategies.AS_BUILT, BaseLayerSearch.BEAM, CoreStrategies.FP32, CoreStrategies.REFINE_GLASS,
      ConstructionBeam.FIXED, EntryPoints.DESCENT);

  /** {@code role=name} for every role, in {@link HnswStrategies#ROLES} order. */
  public List<String> names() {
    return List.of(NeighborSelector.ROLE + "=" + selector.name(), ListOrder.ROLE + "=" + listOrder.name(),
        BaseLayerSearch.ROLE + "=" + search.name(), FirstPass.ROLE + "=" + codes.name(),
        Refine.ROLE + "=" + refine.name(), ConstructionBeam.ROLE + "=" + construction.name(),
        EntryPoints.ROLE + "=" + entry.name());
  }

  /** This set with the strategies named in {@code roleToName} swapped in. */
  public HnswStrategySet with(Map<String, String> roleToName) {
    HnswStrategySet s = this;
    for (Map.Entry<String, String> e : roleToName.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  public HnswStrategySet with(String role, String name) {
    HnswStrategy st = HnswStrategies.find(role, name);
    return switch (role) {
      case NeighborSelector.ROLE ->
          new HnswStrategySet((NeighborSelector) st, listOrder, search, codes, refine, construction, entry);
      case ListOrder.ROLE ->
          new HnswStrategySet(selector, (ListOrder) st, search, codes, refine, construction, entry);
      case BaseLayerSearch.ROLE ->
          new HnswStrategySet(selector, listOrder, (BaseLayerSearch) st, codes, refine, construction, entry);
      case FirstPass.ROLE ->
          new HnswStrategySet(selector, listOrder, search, (FirstPass) st, refine, construction, entry);
      case Refine.ROLE -> new HnswStrategySet(selector, listOrder, search, codes, (Refine) st, construction, entry);
      case ConstructionBeam.ROLE ->
          new HnswStrategySet(selector, listOrder, search, codes, refine, (ConstructionBeam) st, entry);
      case EntryPoints.ROLE ->
          new HnswStrategySet(selector, listOrder, search, codes, refine, construction, (EntryPoints) st);
      default -> throw new IllegalArgumentException("unknown strategy role '" + role + "'");
    };
  }
}
