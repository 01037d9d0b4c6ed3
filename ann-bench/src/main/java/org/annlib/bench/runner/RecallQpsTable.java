package org.annlib.bench.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * QPS at fixed recall levels, one line per index/variant, and the ratio of the first one to each
 * other: the numbers users compare libraries by. QPS at a level is read off each index's
 * recall/QPS frontier, interpolating linearly between the two settings that bracket it; "—"
 * where no setting reached the level.
 */
final class RecallQpsTable {
  static final double[] LEVELS = {0.90, 0.95, 0.99, 0.999};

  private RecallQpsTable() {}

  /** Rows as written to JSON lines; keys index, variant, recall, qps, build_seconds. */
  static String markdown(List<Map<String, Object>> rows) {
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
        double q = qpsAt(series.get(n), l);
        sb.append(Double.isNaN(q) ? " — |" : String.format(Locale.ROOT, " %,.0f |", q));
      }
      sb.append('\n');
    }
    String base = names.get(0);
    for (String other : names.subList(1, names.size())) {
      sb.append("| ").append(base).append(" / ").append(other)
          .append(String.format(Locale.ROOT, " | %.2fx |", builds.get(base) / builds.get(other)));
      for (double l : LEVELS) {
        double r = qpsAt(series.get(base), l) / qpsAt(series.get(other), l);
        sb.append(Double.isNaN(r) ? " — |" : String.format(Locale.ROOT, " %.2fx |", r));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String key(Map<String, Object> r) {
    String v = String.valueOf(r.get("variant"));
    return r.get("index") + (v.equals("default") ? "" : "/" + v);
  }

  /** (recall, qps) points per index/variant, in row order. */
  static Map<String, List<double[]>> series(List<Map<String, Object>> rows) {
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      out.computeIfAbsent(key(r), x -> new ArrayList<>())
          .add(new double[] {((Number) r.get("recall")).doubleValue(), ((Number) r.get("qps")).doubleValue()});
    }
    return out;
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

  static double qpsAt(List<double[]> points, double level) {
    List<double[]> f = frontier(points);
    double best = Double.NaN;
    for (int i = 0; i < f.size(); i++) {
      double[] p = f.get(i);
      if (p[0] >= level) {
        best = Double.isNaN(best) ? p[1] : Math.max(best, p[1]);
      }
      if (i + 1 < f.size()) {
        double[] q = f.get(i + 1);
        if (p[0] < level && level <= q[0]) {
          double v = p[1] + (q[1] - p[1]) * (level - p[0]) / (q[0] - p[0]);
          best = Double.isNaN(best) ? v : Math.max(best, v);
        }
      }
    }
    return best;
  }

  private static String trim(double l) {
    return String.valueOf(l);
  }
}
