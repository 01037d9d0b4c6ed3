package org.annlib.bench.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.annlib.IndexProvider;
import org.annlib.Parameters;
import org.annlib.SearchParams;

/**
 * What a {@code ./ann bench} run will measure, checked before anything is built: every JVM cell
 * (index, variant, condition, its sweep and build parameters), the native C++ peers driven in the
 * same passes, and the Python peers run after them.
 */
record BenchPlan(BenchOptions options, List<Map<String, String>> settings, List<Planned> cells, List<String> cpps,
    List<String> pythons) {

  /** One of our indexes under one condition. */
  record Planned(IndexProvider provider, String variant, Condition condition, List<SearchParams> sweep,
      Map<String, String> build) {
    /** The variant as rows and tables name it: {@code crinn+deleted-1}. */
    String label() {
      return condition.label(variant);
    }

    /** The name the recall/QPS table gives it: the index alone for its default variant. */
    String tableName() {
      return label().equals("default") ? provider.name() : provider.name() + "/" + label();
    }
  }

  static BenchPlan of(BenchOptions o) {
    checkEveryKeyIsTaken(o);
    List<Map<String, String>> settings = o.searchSettings();
    List<Planned> cells = new ArrayList<>();
    List<String> cpps = new ArrayList<>();
    List<String> pythons = new ArrayList<>();
    for (String name : o.indexes()) {
      if (NativePeers.isNative(name)) {
        NativePeers.check(name, takenBy(o.build(), NativePeers.buildParameters(name)),
            takenBy(o.search(), List.of(NativePeers.searchParameter(name))));
        (NativePeers.isCpp(name) ? cpps : pythons).add(name);
        continue;
      }
      IndexProvider p = forName(name);
      List<SearchParams> sweep = new ArrayList<>();
      for (Map<String, String> s : settings) {
        Map<String, String> mine = takenBy(s, p.searchParameters());
        if (!mine.isEmpty() || sweep.isEmpty()) {
          sweep.add(p.searchParams(mine));
        }
      }
      for (String variant : variantsOf(o, p)) {
        for (Condition c : o.conditions()) {
          if (c.deletes() && !p.name().equals("hnsw") && !p.name().equals("ivf")) {
            throw new IllegalArgumentException("--condition " + c.name() + ": index " + p.name()
                + " cannot delete ids; hnsw and ivf can");
          }
          if ((o.save() != null || o.load() != null) && !p.name().equals("hnsw")) {
            throw new IllegalArgumentException("--save and --load take hnsw indexes only; " + p.name() + " is listed");
          }
          cells.add(new Planned(p, variant, c, List.copyOf(sweep), takenBy(o.build(), p.buildParameters())));
        }
      }
    }
    BenchPlan plan = new BenchPlan(o, settings, List.copyOf(cells), List.copyOf(cpps), List.copyOf(pythons));
    plan.checkBaseline();
    return plan;
  }

  /** Whether an hnsw cell sweeps a recall target, for which the run calibrates the index first. */
  boolean calibrates() {
    return cells.stream().anyMatch(c -> c.provider().name().equals("hnsw")
        && c.sweep().stream().anyMatch(p -> p.targetRecall() > 0));
  }

  /**
   * Fails before anything is built when --baseline names none of the planned indexes (a Python
   * peer's table name carries its package version, known only once it has run, so it is not checked).
   */
  private void checkBaseline() {
    String baseline = options.baseline();
    if (baseline == null || pythons.contains(baseline.split("/", 2)[0])) {
      return;
    }
    List<String> planned = new ArrayList<>();
    for (Planned c : cells) {
      planned.add(c.tableName());
    }
    for (String c : cpps) {
      planned.add(c + "/native");
    }
    RecallQpsTable.resolve(baseline, planned);
  }

  /**
   * The variants of {@code p} to run: its first when --variant is absent, else those of the listed
   * ones it knows (so {@code --index ivf,hnsw --variant centroid,ltr} runs ivf twice); a list that
   * names none of its variants fails with the known ones.
   */
  private static List<String> variantsOf(BenchOptions o, IndexProvider p) {
    if (o.variant() == null) {
      return List.of(p.variants().get(0));
    }
    List<String> asked = List.of(o.variant().split(","));
    List<String> mine = asked.stream().filter(p.variants()::contains).toList();
    if (mine.isEmpty()) {
      Parameters.checkVariant(p.name(), o.variant(), p.variants());
    }
    return mine;
  }

  static IndexProvider forName(String name) {
    try {
      return IndexProvider.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", " + String.join(", ", NativePeers.NAMES));
    }
  }

  /** The entries of {@code params} whose keys are in {@code known}, in their order. */
  static <V> Map<String, V> takenBy(Map<String, V> params, List<String> known) {
    Map<String, V> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (known.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /**
   * A build or search key that none of the listed indexes takes is a mistake (a typo, or the
   * wrong index): it fails, naming the first index and what it takes, before any work.
   */
  private static void checkEveryKeyIsTaken(BenchOptions o) {
    List<String> builds = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    for (String name : o.indexes()) {
      if (NativePeers.isNative(name)) {
        builds.addAll(NativePeers.buildParameters(name));
        searches.add(NativePeers.searchParameter(name));
      } else {
        IndexProvider p = forName(name);
        builds.addAll(p.buildParameters());
        searches.addAll(p.searchParameters());
      }
    }
    String first = o.indexes().get(0);
    List<String> firstBuild = NativePeers.isNative(first) ? NativePeers.buildParameters(first)
        : forName(first).buildParameters();
    List<String> firstSearch = NativePeers.isNative(first) ? List.of(NativePeers.searchParameter(first))
        : forName(first).searchParameters();
    for (String key : o.build().keySet()) {
      if (!builds.contains(key)) {
        Parameters.checkKnown(first, "build", Map.of(key, ""), firstBuild);
      }
    }
    for (String key : o.search().keySet()) {
      if (!searches.contains(key)) {
        Parameters.checkKnown(first, "search", Map.of(key, ""), firstSearch);
      }
    }
  }
}
