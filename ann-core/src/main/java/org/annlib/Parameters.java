package org.annlib;

import java.util.List;
import java.util.Map;

/** Validation of string parameters for {@link IndexProvider}s, with exact messages. */
public final class Parameters {
  private Parameters() {}

  /** Fails on the first name that is not in {@code known}. */
  public static void checkKnown(String index, String kind, Map<String, String> params, List<String> known) {
    for (String key : params.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown "
                + kind
                + " parameter '"
                + key
                + "' for index '"
                + index
                + "'; known: "
                + (known.isEmpty() ? "(none)" : String.join(", ", known)));
      }
    }
  }

  /** Fails unless {@code variant} is one of {@code known}. */
  public static void checkVariant(String index, String variant, List<String> known) {
    if (!known.contains(variant)) {
      throw new IllegalArgumentException(
          "unknown variant '" + variant + "' for index '" + index + "'; known: " + String.join(", ", known));
    }
  }

  /** The int value of {@code key}, or {@code fallback} when absent. */
  public static int intValue(Map<String, String> params, String key, int fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter '" + key + "' must be an integer, got '" + v + "'");
    }
  }

  /**
   * The value of an optional positive int parameter, or 0 ("index default") when absent.
   *
   * @throws IllegalArgumentException when present and not a positive integer
   */
  public static int optionalPositive(Map<String, String> params, String key) {
    int v = intValue(params, key, 0);
    if (params.containsKey(key) && v <= 0) {
      throw new IllegalArgumentException("parameter '" + key + "' must be positive, got " + v);
    }
    return v;
  }

  /** The double value of {@code key}, or {@code fallback} when absent. */
  public static double doubleValue(Map<String, String> params, String key, double fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("parameter '" + key + "' must be a number, got '" + v + "'");
    }
  }
}
