package org.annlib.hnsw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The strategy of each {@link HnswRole} an index was built with; recorded in its file as
 * {@code role=name}. Immutable: {@link #with} returns a new set.
 */
public final class HnswStrategySet {
  public static final HnswStrategySet DEFAULT = new HnswStrategySet(new HnswStrategy[] {
      new HeuristicNeighborSelector(false), CoreStrategies.AS_BUILT, BaseLayerSearch.BEAM, CoreStrategies.FP32,
      CoreStrategies.REFINE_GLASS, ConstructionBeam.FIXED, EntryPoints.DESCENT});

  /** Indexed by {@link HnswRole#ordinal()}. */
  private final HnswStrategy[] byRole;

  private HnswStrategySet(HnswStrategy[] byRole) {
    this.byRole = byRole;
  }

  public HnswStrategy get(HnswRole role) {
    return byRole[role.ordinal()];
  }

  public NeighborSelector selector() {
    return (NeighborSelector) byRole[HnswRole.NEIGHBOR_SELECTOR.ordinal()];
  }

  public ListOrder listOrder() {
    return (ListOrder) byRole[HnswRole.LIST_ORDER.ordinal()];
  }

  public BaseLayerSearch search() {
    return (BaseLayerSearch) byRole[HnswRole.SEARCH.ordinal()];
  }

  public FirstPass codes() {
    return (FirstPass) byRole[HnswRole.CODES.ordinal()];
  }

  public Refine refine() {
    return (Refine) byRole[HnswRole.REFINE.ordinal()];
  }

  public ConstructionBeam construction() {
    return (ConstructionBeam) byRole[HnswRole.CONSTRUCTION.ordinal()];
  }

  public EntryPoints entry() {
    return (EntryPoints) byRole[HnswRole.ENTRY.ordinal()];
  }

  /** {@code role=name} for every role, in {@link HnswRole} order. */
  public List<String> names() {
    List<String> out = new ArrayList<>(byRole.length);
    for (HnswRole r : HnswRole.values()) {
      out.add(r.key() + "=" + byRole[r.ordinal()].name());
    }
    return List.copyOf(out);
  }

  /** This set with the strategies named in {@code roleToName} swapped in. */
  public HnswStrategySet with(Map<String, String> roleToName) {
    HnswStrategySet s = this;
    for (Map.Entry<String, String> e : roleToName.entrySet()) {
      s = s.with(e.getKey(), e.getValue());
    }
    return s;
  }

  /** This set with the registered strategy {@code name} in {@code role}. */
  public HnswStrategySet with(String role, String name) {
    HnswRole.of(role);
    return with(HnswStrategies.find(role, name));
  }

  /** This set with {@code strategy} in the role it declares. */
  public HnswStrategySet with(HnswStrategy strategy) {
    HnswRole role = HnswRole.of(strategy.role());
    if (!role.type().isInstance(strategy)) {
      throw new IllegalArgumentException(strategy.getClass().getName() + " declares role '" + role.key()
          + "' but is not a " + role.type().getSimpleName());
    }
    HnswStrategy[] copy = byRole.clone();
    copy[role.ordinal()] = strategy;
    return new HnswStrategySet(copy);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HnswStrategySet s && Arrays.equals(byRole, s.byRole);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(byRole);
  }

  @Override
  public String toString() {
    return String.join(",", names());
  }
}
