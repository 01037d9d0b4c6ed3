package org.annlib.hnsw;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Strategies and presets by name. The built-in ones resolve without {@link ServiceLoader}, so an
 * application jar that was shaded without merging {@code META-INF/services} still reads every file:
 * ann-hnsw's own directly, ann-crinn-variants' by class name when that module is on the class
 * path. Other modules add theirs through {@link HnswStrategyProvider} services. Unknown names fail
 * with the list of known ones, and name ann-crinn-variants when it is missing.
 */
public final class HnswStrategies {
  /** The roles' keys, in the order they are recorded in saved indexes ({@link HnswRole}). */
  public static final List<String> ROLES = HnswRole.keys();

  /** The preset of plain HNSW: the defaults of every role. */
  public static final String DEFAULT_PRESET = "default";

  /** ann-crinn-variants' provider, found by name so that no service file is needed. */
  static final String CRINN_PROVIDER = "org.annlib.crinn.CrinnStrategies";

  private static volatile Registry registry;

  private HnswStrategies() {}

  private record Registry(Map<String, Map<String, HnswStrategy>> byRole, Map<String, Map<String, String>> presets,
      boolean crinn) {}

  private static Registry registry() {
    Registry r = registry;
    if (r == null) {
      synchronized (HnswStrategies.class) {
        if (registry == null) {
          registry = load(HnswStrategies.class.getClassLoader());
        }
        r = registry;
      }
    }
    return r;
  }

  private static Registry load(ClassLoader loader) {
    Map<String, Map<String, HnswStrategy>> byRole = new LinkedHashMap<>();
    for (String role : ROLES) {
      byRole.put(role, new TreeMap<>());
    }
    Map<String, Map<String, String>> presets = new TreeMap<>();
    presets.put(DEFAULT_PRESET, Map.of());
    Set<String> seen = new HashSet<>();
    List<HnswStrategyProvider> providers = new ArrayList<>();
    providers.add(new CoreStrategies());
    HnswStrategyProvider crinn = builtIn(CRINN_PROVIDER, loader);
    if (crinn != null) {
      providers.add(crinn);
    }
    for (HnswStrategyProvider p : ServiceLoader.load(HnswStrategyProvider.class, loader)) {
      providers.add(p);
    }
    for (HnswStrategyProvider p : providers) {
      if (!seen.add(p.getClass().getName())) {
        continue; // a built-in also listed in a service file
      }
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
    return new Registry(byRole, presets, crinn != null);
  }

  /** The provider class {@code name} if it is on the class path, else null. */
  private static HnswStrategyProvider builtIn(String name, ClassLoader loader) {
    Class<?> c;
    try {
      c = Class.forName(name, true, loader);
    } catch (ClassNotFoundException e) {
      return null;
    }
    try {
      return (HnswStrategyProvider) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot create the strategy provider " + name + ": " + e, e);
    }
  }

  /** What to add to an unknown-name message when CRINN's module is not on the class path. */
  private static String missingModule() {
    return registry().crinn() ? ""
        : " (CRINN's strategies and presets live in the module ann-crinn-variants, which is not on the class path)";
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
          "unknown " + role + " '" + name + "'; known: " + String.join(", ", known(role)) + missingModule());
    }
    return s;
  }

  /** Role to strategy name of a preset. */
  public static Map<String, String> preset(String name) {
    Map<String, String> p = registry().presets().get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown HNSW preset '" + name + "'; known: " + String.join(", ", presets()) + missingModule());
    }
    return p;
  }

}
