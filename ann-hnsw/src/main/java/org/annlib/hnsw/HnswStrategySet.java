package org.annlib.hnsw;

import java.util.List;
import java.util.Map;

/** The strategy of each role an index was built with; recorded in its file as {@code role=name}. */
public record HnswStrategySet(NeighborSelector selector, ListOrder listOrder, BaseLayerSearch search) {
  public static final HnswStrategySet DEFAULT =
      new HnswStrategySet(new HeuristicNeighborSelector(false), CoreStrategies.AS_BUILT, BaseLayerSearch.BEAM);

  /** {@code role=name} for every role, in {@link HnswStrategies#ROLES} order. */
  public List<String> names() {
    return List.of(NeighborSelector.ROLE + "=" + selector.name(), ListOrder.ROLE + "=" + listOrder.name(),
        BaseLayerSearch.ROLE + "=" + search.name());
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
      case NeighborSelector.ROLE -> new HnswStrategySet((NeighborSelector) st, listOrder, search);
      case ListOrder.ROLE -> new HnswStrategySet(selector, (ListOrder) st, search);
      case BaseLayerSearch.ROLE -> new HnswStrategySet(selector, listOrder, (BaseLayerSearch) st);
      default -> throw new IllegalArgumentException("unknown strategy role '" + role + "'");
    };
  }
}
