package org.annlib.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code ./ann bench} was asked to measure, as {@link BenchCommand} parsed it. */
record BenchOptions(
    Path data,
    String dataset,
    List<String> indexes,
    String variant,
    Map<String, String> build,
    Map<String, List<String>> search,
    List<Map<String, List<String>>> searchGroups,
    int k,
    int queries,
    int threads,
    boolean threadsGiven,
    int runs,
    String metric,
    Path out,
    String baseline,
    List<Condition> conditions,
    Path save,
    Path load,
    int calibrationQueries,
    boolean shuffleQueries) {

  private static List<String> splitList(String value, String flag) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs at least one name");
    }
    return out;
  }

  /** {@code M=16,efConstruction=200}. */
  static Map<String, String> parseSingle(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("--build takes key=value pairs separated by commas, got '" + pair + "'");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  /** {@code ef=10,16,32} or several keys: {@code nprobe=1,2,4;rerank=10,20}. */
  static Map<String, List<String>> parseMulti(String value) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String part : value.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("--search takes key=v1,v2,... (several keys separated by ';'), got '" + part + "'");
      }
      out.put(part.substring(0, eq).trim(), splitList(part.substring(eq + 1), "--search " + part.substring(0, eq)));
    }
    return out;
  }

  /**
   * Every combination of the search values within one {@code --search} flag, in the order given
   * (first key slowest); several flags add their settings one after the other.
   */
  List<Map<String, String>> searchSettings() {
    if (searchGroups.size() <= 1) {
      return combinations(search);
    }
    List<Map<String, String>> all = new ArrayList<>();
    for (Map<String, List<String>> g : searchGroups) {
      all.addAll(combinations(g));
    }
    return all;
  }

  private static List<Map<String, String>> combinations(Map<String, List<String>> search) {
    List<Map<String, String>> settings = new ArrayList<>();
    settings.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> e : search.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> s : settings) {
        for (String v : e.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(s);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      settings = next;
    }
    return settings;
  }
}
