package org.annlib.hnsw;

import java.util.Arrays;
import java.util.List;

/**
 * The roles a strategy can play, in the order saved indexes record them. This is the one place a
 * role is declared: {@link HnswStrategySet}, the registry, the file format and the runner's build
 * parameters all derive from it.
 */
public enum HnswRole {
  NEIGHBOR_SELECTOR(NeighborSelector.ROLE, NeighborSelector.class),
  LIST_ORDER(ListOrder.ROLE, ListOrder.class),
  SEARCH(BaseLayerSearch.ROLE, BaseLayerSearch.class),
  CODES(FirstPass.ROLE, FirstPass.class),
  REFINE(Refine.ROLE, Refine.class),
  CONSTRUCTION(ConstructionBeam.ROLE, ConstructionBeam.class),
  ENTRY(EntryPoints.ROLE, EntryPoints.class);

  private static final List<String> KEYS = Arrays.stream(values()).map(HnswRole::key).toList();

  private final String key;
  private final Class<? extends HnswStrategy> type;

  HnswRole(String key, Class<? extends HnswStrategy> type) {
    this.key = key;
    this.type = type;
  }

  /** The name a file, a preset and a build parameter use for this role, such as "search". */
  public String key() {
    return key;
  }

  /** The interface every strategy of this role implements. */
  public Class<? extends HnswStrategy> type() {
    return type;
  }

  /** Every role's key, in file order. */
  public static List<String> keys() {
    return KEYS;
  }

  /** @throws IllegalArgumentException naming the known roles */
  public static HnswRole of(String key) {
    for (HnswRole r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown strategy role '" + key + "'; known: " + String.join(", ", KEYS));
  }
}
