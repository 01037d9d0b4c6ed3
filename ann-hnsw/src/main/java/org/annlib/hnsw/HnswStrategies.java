package org.annlib.hnsw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Strategies and presets by name, from every {@link HnswStrategyProvider} on the class path
 * (loaded once). Unknown names fail with the list of known ones.
 */
public final class HnswStrategies {
  /** The roles, in the order they are recorded in saved indexes. */
  public static final List<String> ROLES =
      List.of(NeighborSelector.ROLE, ListOrder.ROLE, BaseLayerSearch.ROLE, FirstPass.ROLE, Refine.ROLE,
          ConstructionBeam.ROLE, EntryPoints.ROLE);

  /** The preset of plain HNSW: the defaults of every role. */
  public static final String DEFAULT_PRESET = "default";

  private static volatile Registry registry;

  private HnswStrategies() {}

  private record Registry(Map<String, Map<String, HnswStrategy>> byRole, Map<String, Map<String, String>> presets) {}

  private static Registry registry() {
    Registry r = registry;
    if (r == null) {
      synchronized (HnswStrategies.class) {
        if (registry == null) {
          Map<String, Map<String, HnswStrategy>> byRole = new LinkedHashMap<>();
          for (String role : ROLES) {
            byRole.put(role, new TreeMap<>());
          }
          Map<String, Map<String, String>> presets = new TreeMap<>();
          presets.put(DEFAULT_PRESET, Map.of());
          for (HnswStrategyProvider p : ServiceLoader.load(HnswStrategyProvider.class,
              HnswStrategies.class.getClassLoader())) {
            for (HnswStrategy s : p.strategies()) {
              Map<String, HnswStrategy> role = byRole.get(s.role());
              if (role == null) {
                throw new IllegalStateException(p.getClass().getName() + " offers strategy '" + s.name()
                    + "' for unknown role '" + s.role() + "'; roles: " + String.join(", ", ROLES));
              }
              role.put(s.name(), s);
            }
            presets.putAll(p.presets());
          }
          registry = new Registry(byRole, presets);
        }
        r = registry;
      }
    }
    return r;
  }

  /** Known strategy names of {@code role}, sorted. */
  public static List<String> known(String role) {
    Map<String, HnswStrategy> m = registry().byRole().get(role);
    if (m == null) {
      throw new IllegalArgumentException("unknown strategy role '" + role + "'; known: " + String.join(", ", ROLES));
    }
    return new ArrayList<>(m.keySet());
  }

  /** Preset names: "default" first, then the others sorted. */
  public static List<String> presets() {
    List<String> out = new ArrayList<>();
    out.add(DEFAULT_PRESET);
    for (String p : new TreeSet<>(registry().presets().keySet())) {
      if (!p.equals(DEFAULT_PRESET)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * @throws IllegalArgumentException naming the role's known strategies
   */
  public static HnswStrategy find(String role, String name) {
    HnswStrategy s = registry().byRole().getOrDefault(role, Map.of()).get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown " + role + " '" + name + "'; known: " + String.join(", ", known(role)));
    }
    return s;
  }

  /** Role to strategy name of a preset. */
  public static Map<String, String> preset(String name) {
    Map<String, String> p = registry().presets().get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown HNSW preset '" + name + "'; known: " + String.join(", ", presets()));
    }
    return p;
  }

}
