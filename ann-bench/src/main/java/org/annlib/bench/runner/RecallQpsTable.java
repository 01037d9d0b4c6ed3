package org.annlib.bench.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * QPS at fixed recall levels, one line per index/variant, and the ratio of the first one to each
 * other: the numbers users compare libraries by. QPS at a level is the ann-benchmarks reading: the
 * fastest measured setting whose recall reaches the level, never an interpolation between two
 * settings; "—" where no setting reached it. Beside each figure, the spread of that setting's
 * timed passes (half the max-min range over the median, so "±3%" means the passes lay within 3%
 * of the median either way).
 */
final class RecallQpsTable {
  static final double[] LEVELS = {0.90, 0.95, 0.99, 0.999};

  private RecallQpsTable() {}

  /** The table with the first index/variant as the baseline. */
  static String markdown(List<Map<String, Object>> rows) {
    return markdown(rows, null);
  }

  /**
   * Rows as written to JSON lines; keys index, variant, recall, qps, build_seconds, and qps_spread
   * or qps_runs where known. Every other index/variant is compared with {@code baseline} (an index
   * name, or index/variant as the table names it; null for the first).
   */
  static String markdown(List<Map<String, Object>> rows, String baseline) {
    Map<String, List<double[]>> series = series(rows);
    Map<String, Double> builds = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      builds.put(key(r), ((Number) r.get("build_seconds")).doubleValue());
    }
    StringBuilder sb = new StringBuilder("| index | build s |");
    for (double l : LEVELS) {
      sb.append(String.format(Locale.ROOT, " QPS @ %s |", trim(l)));
    }
    sb.append("\n|---|---:|").append("---:|".repeat(LEVELS.length)).append('\n');
    List<String> names = new ArrayList<>(series.keySet());
    for (String n : names) {
      sb.append("| ").append(n).append(String.format(Locale.ROOT, " | %.2f |", builds.get(n)));
      for (double l : LEVELS) {
        double[] p = bestAt(series.get(n), l);
        sb.append(p == null ? " — |" : String.format(Locale.ROOT, " %,.0f ±%.0f%% |", p[1], 50 * p[2]));
      }
      sb.append('\n');
    }
    String base = baseline == null ? names.get(0) : resolve(baseline, names);
    for (String other : names) {
      if (other.equals(base)) {
        continue;
      }
      String left = baseline == null ? base : other;
      String right = baseline == null ? other : base;
      sb.append("| ").append(left).append(" / ").append(right)
          .append(String.format(Locale.ROOT, " | %.2fx |", builds.get(left) / builds.get(right)));
      for (double l : LEVELS) {
        double r = qpsAt(series.get(left), l) / qpsAt(series.get(right), l);
        sb.append(Double.isNaN(r) ? " — |" : String.format(Locale.ROOT, " %.2fx |", r));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The table name {@code baseline} means among {@code names}: itself, index/default spelled as the
   * table spells it (index alone), or an index name alone meaning its first variant in the run.
   *
   * @throws IllegalArgumentException naming the run's indexes when it means none of them
   */
  static String resolve(String baseline, List<String> names) {
    String b = baseline.endsWith("/default") ? baseline.substring(0, baseline.length() - "/default".length()) : baseline;
    if (names.contains(b)) {
      return b;
    }
    if (!b.contains("/")) {
      for (String n : names) {
        if (n.startsWith(b + "/")) {
          return n;
        }
      }
    }
    throw new IllegalArgumentException("--baseline " + baseline + " is none of the run's " + String.join(", ", names));
  }

  static String key(Map<String, Object> r) {
    String v = String.valueOf(r.get("variant"));
    return r.get("index") + (v.equals("default") ? "" : "/" + v);
  }

  /** (recall, qps, spread) points per index/variant, in row order. */
  static Map<String, List<double[]>> series(List<Map<String, Object>> rows) {
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      out.computeIfAbsent(key(r), x -> new ArrayList<>()).add(new double[] {((Number) r.get("recall")).doubleValue(),
          ((Number) r.get("qps")).doubleValue(), spread(r)});
    }
    return out;
  }

  /** (max - min) / median of the row's timed passes: from qps_spread, else from qps_runs, else 0. */
  private static double spread(Map<String, Object> r) {
    if (r.get("qps_spread") instanceof Number n) {
      return n.doubleValue();
    }
    if (r.get("qps_runs") instanceof List<?> runs && !runs.isEmpty()) {
      double[] v = runs.stream().mapToDouble(x -> ((Number) x).doubleValue()).sorted().toArray();
      double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return (v[v.length - 1] - v[0]) / median;
    }
    return 0;
  }

  /** The recall/QPS frontier: no kept point is beaten in both recall and QPS. Sorted by recall. */
  static List<double[]> frontier(List<double[]> points) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : Double.compare(b[1], a[1]));
    List<double[]> keep = new ArrayList<>();
    double best = -1;
    for (double[] p : sorted) {
      if (p[1] > best) {
        keep.add(p);
        best = p[1];
      }
    }
    keep.sort((a, b) -> Double.compare(a[0], b[0]));
    return keep;
  }

  /** The fastest measured point whose recall is at least {@code level}, or null when none is. */
  static double[] bestAt(List<double[]> points, double level) {
    double[] best = null;
    for (double[] p : points) {
      if (p[0] >= level && (best == null || p[1] > best[1])) {
        best = p;
      }
    }
    return best;
  }

  /** QPS of {@link #bestAt}, NaN when no point reaches the level. */
  static double qpsAt(List<double[]> points, double level) {
    double[] p = bestAt(points, level);
    return p == null ? Double.NaN : p[1];
  }

  private static String trim(double l) {
    return String.valueOf(l);
  }
}
