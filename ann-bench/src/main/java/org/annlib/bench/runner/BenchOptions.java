package org.annlib.bench.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed command line of {@code ./ann bench}; see {@link BenchCommand#USAGE}. */
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
    Path load) {

  static BenchOptions parse(String[] args) throws UsageException {
    Path data = null;
    String dataset = null;
    List<String> indexes = List.of("flat");
    String variant = null;
    Map<String, String> build = new LinkedHashMap<>();
    Map<String, List<String>> search = new LinkedHashMap<>();
    List<Map<String, List<String>>> searchGroups = new ArrayList<>();
    int k = 10;
    int queries = 0;
    int threads = Runtime.getRuntime().availableProcessors();
    boolean threadsGiven = false;
    int runs = 1;
    String metric = null;
    Path out = null;
    String baseline = null;
    List<Condition> conditions = List.of(Condition.ALL);
    Path save = null;
    Path load = null;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      } else {
        if (i + 1 >= args.length) {
          throw new UsageException(flag + " needs a value");
        }
        value = args[++i];
      }
      switch (flag) {
        case "--data" -> data = Path.of(value);
        case "--dataset" -> dataset = value;
        case "--index" -> indexes = splitList(value, "--index");
        case "--variant" -> variant = value;
        case "--build" -> build.putAll(parseSingle(value));
        case "--search" -> {
          Map<String, List<String>> group = parseMulti(value);
          search.putAll(group);
          searchGroups.add(group);
        }
        case "--k" -> k = positive(flag, value);
        case "--queries" -> queries = positive(flag, value);
        case "--threads" -> {
          threads = positive(flag, value);
          threadsGiven = true;
        }
        case "--runs" -> runs = positive(flag, value);
        case "--metric" -> metric = value;
        case "--out" -> out = Path.of(value);
        case "--baseline" -> baseline = value;
        case "--condition" -> {
          conditions = new ArrayList<>();
          for (String c : splitList(value, flag)) {
            conditions.add(Condition.parse(c));
          }
        }
        case "--save" -> save = Path.of(value);
        case "--load" -> load = Path.of(value);
        default -> throw new UsageException("unknown option '" + flag + "'; known: --data, --dataset, --index,"
            + " --variant, --build, --search, --k, --queries, --threads, --runs, --metric, --out, --baseline,"
            + " --condition, --save, --load");
      }
    }
    if (data != null && dataset != null) {
      throw new UsageException("--data and --dataset exclude each other");
    }
    if (save != null && load != null) {
      throw new UsageException("--save and --load exclude each other");
    }
    return new BenchOptions(data, dataset, indexes, variant, build, search, searchGroups, k, queries, threads,
        threadsGiven, runs, metric, out, baseline, List.copyOf(conditions), save, load);
  }

  private static List<String> splitList(String value, String flag) throws UsageException {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    if (out.isEmpty()) {
      throw new UsageException(flag + " needs at least one name");
    }
    return out;
  }

  private static int positive(String flag, String value) throws UsageException {
    try {
      int v = Integer.parseInt(value.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new UsageException(flag + " must be a positive integer, got '" + value + "'");
  }

  /** {@code M=16,efConstruction=200}. */
  static Map<String, String> parseSingle(String value) throws UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new UsageException("--build takes key=value pairs separated by commas, got '" + pair + "'");
      }
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  /** {@code ef=10,16,32} or several keys: {@code nprobe=1,2,4;rerank=10,20}. */
  static Map<String, List<String>> parseMulti(String value) throws UsageException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String part : value.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new UsageException("--search takes key=v1,v2,... (several keys separated by ';'), got '" + part + "'");
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
