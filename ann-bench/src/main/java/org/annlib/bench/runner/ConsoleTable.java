package org.annlib.bench.runner;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The console's table: a header, one line per row as it is measured, then QPS at recall levels. */
final class ConsoleTable implements RowSink {
  private static final String COLUMNS = "%-14s %-16s %-28s %-26s %9s %10s %6s %10s %11s %9s %10s%n";
  private final PrintStream out;

  ConsoleTable(PrintStream out, int threads) {
    this.out = out;
    out.printf(Locale.ROOT, COLUMNS, "index", "variant", "build", "search", "recall", "QPS", "spread",
        "QPS(" + threads + "t)", "dist/query", "build s", "memory MB");
  }

  /** Peers' rows have no batch column, distance count or memory (index_bytes absent): those print "-". */
  @Override
  public void row(Map<String, Object> row, String json) {
    boolean ours = row.get("index_bytes") != null;
    Object spread = row.get("qps_spread");
    Object batch = row.get("qps_batch");
    Object search = row.containsKey("search_params") ? text(row.get("search_params")) : row.get("search");
    if (row.get("below_target") instanceof Double below) {
      // a target row: the ef it ran with and the share of queries that fell short of the target
      search = search + (row.get("ef_for_target") instanceof Integer ef ? " ef " + ef : "")
          + String.format(Locale.ROOT, " <t %.1f%%", 100 * below);
    }
    out.printf(Locale.ROOT, COLUMNS, row.get("index"), row.get("variant"), text(row.get("build_params")), search,
        String.format(Locale.ROOT, "%.4f", (Double) row.get("recall")),
        String.format(Locale.ROOT, "%.1f", (Double) row.get("qps")),
        spread instanceof Double s ? String.format(Locale.ROOT, "±%.0f%%", 50 * s) : "",
        batch instanceof Double b ? String.format(Locale.ROOT, "%.1f", b) : "-",
        ours ? String.format(Locale.ROOT, "%.1f", (Double) row.get("distance_computations")) : "-",
        String.format(Locale.ROOT, "%.2f", (Double) row.get("build_seconds")),
        ours ? String.format(Locale.ROOT, "%.1f", ((Number) row.get("index_bytes")).longValue() / 1e6) : "-");
    out.flush();
  }

  /** QPS at recall levels, compared with {@code baseline}, when there is more than one row. */
  void finish(List<Map<String, Object>> rows, String baseline) {
    if (rows.size() > 1) {
      out.println();
      out.print(RecallQpsTable.markdown(rows, baseline));
    }
  }

  static String text(Object params) {
    if (!(params instanceof Map<?, ?> m) || m.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }
}
