package org.annlib.bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.annlib.Bits;
import org.annlib.Index;
import org.annlib.RecallCalibratable;
import org.annlib.UpdatableIndex;
import org.annlib.SearchParams;
import org.annlib.datasets.AnnBenchmarksHdf5Writer;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import org.annlib.datasets.SyntheticDataset;
import org.annlib.hnsw.HnswIndex;

/**
 * Runs a {@link BenchPlan} on a dataset the ann-benchmarks way: every index built first, then for
 * each search setting a warm-up pass and the timed passes of every cell (ours and the native
 * peers') interleaved, so that machine noise hits all of them alike; the Python peers last. Each
 * row goes to the sinks as soon as it is measured; {@link #run} returns them all.
 */
final class BenchRun {
  private final BenchPlan plan;
  private final BenchOptions o;
  private final Dataset d;
  private final float[][] queries;
  private final ConsoleProgress progress;
  private final PrintStream err;
  private final List<RowSink> sinks;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private static final int MIN_CALIBRATION_QUERIES = 100;
  /**
   * The first setting warms the indexes for at least this long, in rounds over all of them: one
   * warm-up pass of a fast index takes milliseconds, too short for the JIT, which then compiled
   * the hot loop during the first setting's timed passes.
   */
  private static final long FIRST_WARM_UP_NANOS = 3_000_000_000L;

  BenchRun(BenchPlan plan, Dataset d, float[][] queries, ConsoleProgress progress, PrintStream err,
      List<RowSink> sinks) {
    this.plan = plan;
    this.o = plan.options();
    this.d = d;
    this.queries = queries;
    this.progress = progress;
    this.err = err;
    this.sinks = sinks;
    checkCalibrationQueries();
  }

  /** Before anything is built: a recall-target sweep of hnsw needs test queries the run does not evaluate. */
  private void checkCalibrationQueries() {
    boolean targets = plan.calibrates();
    int left = d.test().size() - queries.length;
    if (targets && Math.min(o.calibrationQueries(), left) < MIN_CALIBRATION_QUERIES) {
      throw new IllegalArgumentException("--search recall=... calibrates hnsw on test queries the run does not"
          + " evaluate: " + d.name() + " has " + d.test().size() + ", --queries takes " + queries.length + ", which"
          + " leaves " + left + " (at least " + MIN_CALIBRATION_QUERIES + " needed); lower --queries");
    }
  }

  List<Map<String, Object>> run() throws Exception {
    List<BenchPlan.Planned> cells = plan.cells();
    Map<Condition, Dataset> truths = new LinkedHashMap<>();
    Map<Condition, Bits> filters = new LinkedHashMap<>();
    for (BenchPlan.Planned c : cells) {
      if (!truths.containsKey(c.condition())) {
        progress.progress("ground truth under " + c.condition().name(), 0, 1);
        truths.put(c.condition(), c.condition().groundTruth(d, queries.length, o.k(), o.threads()));
        filters.put(c.condition(), c.condition().filter(d.train().size()));
      }
    }
    List<Index> built = new ArrayList<>();
    List<Double> buildSeconds = new ArrayList<>();
    build(built, buildSeconds);
    List<NativeDriver> drivers = new ArrayList<>();
    try {
      for (String name : plan.cpps()) {
        progress.progress("build " + name, 0, 1);
        drivers.add(NativeDriver.start(name, d, queries, o.k(), cppBuild(name), o.threads()));
        err.println(name + ": kernels " + drivers.getLast().simd() + ", built in "
            + String.format(Locale.ROOT, "%.2f s", drivers.getLast().buildSeconds()));
      }
      for (int s = 0; s < plan.settings().size(); s++) {
        measureSetting(s, built, buildSeconds, drivers, truths, filters);
      }
      runPythonPeers();
    } finally {
      for (NativeDriver drv : drivers) {
        drv.close();
      }
    }
    return rows;
  }

  /** Cells that delete nothing share one build per index and variant; a deleting cell gets its own. */
  private void build(List<Index> built, List<Double> buildSeconds) throws IOException {
    Map<String, Integer> shared = new LinkedHashMap<>();
    List<BenchPlan.Planned> cells = plan.cells();
    for (int i = 0; i < cells.size(); i++) {
      BenchPlan.Planned c = cells.get(i);
      String key = c.provider().name() + "/" + c.variant();
      Integer same = c.condition().deletes() ? null : shared.get(key);
      if (same != null) {
        built.add(built.get(same));
        buildSeconds.add(buildSeconds.get(same));
        continue;
      }
      long t0 = System.nanoTime();
      Path file = o.save() == null && o.load() == null ? null
          : (o.save() != null ? o.save() : o.load()).resolve(c.provider().name() + "-" + c.variant() + ".hnsw");
      Index index = o.load() != null ? HnswIndex.map(file)
          : c.provider().build(d.metric(), d.train(), c.variant(), c.build(), o.threads(), progress);
      built.add(index);
      buildSeconds.add((System.nanoTime() - t0) / 1e9);
      if (o.save() != null) {
        Files.createDirectories(o.save());
        ((HnswIndex) index).save(file);
        err.println(c.provider().name() + "/" + c.label() + ": saved to " + file);
      }
      if (c.condition().deletes()) {
        BitSet drop = c.condition().excluded(d.train().size());
        UpdatableIndex u = (UpdatableIndex) index;
        long t1 = System.nanoTime();
        for (int id = drop.nextSetBit(0); id >= 0; id = drop.nextSetBit(id + 1)) {
          u.delete(id);
        }
        long t2 = System.nanoTime();
        if (c.condition().churns()) {
          for (int id = drop.nextSetBit(0); id >= 0; id = drop.nextSetBit(id + 1)) {
            u.add(id, d.train().vector(id));
          }
          err.printf(java.util.Locale.ROOT, "%s/%s: deleted %d vectors in %.1f s, added them again in %.1f s;"
              + " %d slots%n", c.provider().name(), c.label(), drop.cardinality(), (t2 - t1) / 1e9,
              (System.nanoTime() - t2) / 1e9, index.size());
        }
      } else {
        shared.put(key, i);
      }
      if (!index.describe().isEmpty()) {
        err.println(c.provider().name() + "/" + c.label() + ": " + index.describe());
      }
      if (index instanceof RecallCalibratable rc && c.sweep().stream().anyMatch(p -> p.targetRecall() > 0)) {
        calibrate(rc, c);
      }
    }
  }

  /**
   * Calibrates for the sweep's recall targets on test queries this run does not evaluate (those
   * after the first --queries), so that the evaluation is on queries the calibration never saw.
   */
  private void calibrate(RecallCalibratable index, BenchPlan.Planned c) {
    int from = queries.length;
    int n = Math.min(o.calibrationQueries(), d.test().size() - from);
    org.annlib.vectors.PagedVectorValues held = new org.annlib.vectors.PagedVectorValues(d.dimension(), n);
    for (int i = 0; i < n; i++) {
      held.add(d.test().vector(from + i));
    }
    long t0 = System.nanoTime();
    index.calibrate(held, new int[] {o.k()}, o.threads());
    err.printf(Locale.ROOT, "%s/%s: calibrated on test queries %d-%d in %.1f s%n", c.provider().name(), c.label(),
        from, from + n - 1, (System.nanoTime() - t0) / 1e9);
    if (index instanceof HnswIndex h) {
      err.println(h.recallCalibration().describe());
    }
  }

  /** One search setting: warm-ups, interleaved timed passes, then the rows. */
  private void measureSetting(int s, List<Index> built, List<Double> buildSeconds, List<NativeDriver> drivers,
      Map<Condition, Dataset> truths, Map<Condition, Bits> filters) throws IOException {
    List<BenchPlan.Planned> plannedCells = plan.cells();
    Map<String, String> setting = plan.settings().get(s);
    // An index that takes none of the swept keys (exact search) is measured once, in the first round.
    List<SearchMeasurement> cells = new ArrayList<>();
    for (int i = 0; i < plannedCells.size(); i++) {
      BenchPlan.Planned c = plannedCells.get(i);
      SearchMeasurement m = null;
      if (s < c.sweep().size() && reachable(built.get(i), c, c.sweep().get(s))) {
        SearchParams sp = c.sweep().get(s);
        Bits filter = filters.get(c.condition());
        m = new SearchMeasurement(built.get(i), queries, o.k(), filter == null ? sp : sp.toBuilder().filter(filter).build());
        m.warmUp();
      }
      cells.add(m);
    }
    if (s == 0) {
      // Rounds over every cell, not each cell alone: the indexes share the searcher's classes, so
      // the JIT recompiles a call site each time another strategy reaches it; warming one cell
      // to the end left that recompilation in the first cells' timed passes.
      long warmUntil = System.nanoTime() + FIRST_WARM_UP_NANOS;
      for (int round = 0; round < 2 || System.nanoTime() < warmUntil; round++) {
        for (SearchMeasurement m : cells) {
          if (m != null) {
            m.warmUp();
          }
        }
      }
    }
    List<Cell> nativeCells = new ArrayList<>();
    for (int j = 0; j < drivers.size(); j++) {
      String key = NativePeers.searchParameter(plan.cpps().get(j));
      String v = setting.get(key);
      Cell c = v == null && s > 0 ? null
          : drivers.get(j).cell(v == null ? (key.equals("ef") ? 64 : 8) : Integer.parseInt(v), queries, o.k());
      if (c != null) {
        c.warmUp();
      }
      nativeCells.add(c);
    }
    for (int r = 0; r < o.runs(); r++) {
      for (SearchMeasurement m : cells) {
        if (m != null) {
          m.timedPass();
        }
      }
      for (Cell c : nativeCells) {
        if (c != null) {
          c.timedPass();
        }
      }
    }
    for (int i = 0; i < plannedCells.size(); i++) {
      if (cells.get(i) == null) {
        continue;
      }
      BenchPlan.Planned c = plannedCells.get(i);
      double batch = o.threadsGiven() ? cells.get(i).batchQps(o.threads()) : Double.NaN;
      SearchMeasurement.Result r = cells.get(i).result(truths.get(c.condition()), batch);
      Map<String, Object> row = row(c.provider().name(), c.label(), c.build(),
          BenchPlan.takenBy(setting, c.provider().searchParameters()), r, buildSeconds.get(i),
          built.get(i).ramBytesUsed(), c.provider().kernels());
      row.put("condition", c.condition().name());
      double target = c.sweep().get(s).targetRecall();
      if (target > 0 && built.get(i) instanceof HnswIndex h && h.recallCalibration() != null) {
        row.put("ef_for_target", h.recallCalibration().ef(o.k(), target));
      }
      emit(row, Json.write(row));
    }
    for (int j = 0; j < drivers.size(); j++) {
      Cell c = nativeCells.get(j);
      if (c == null) {
        continue;
      }
      String name = plan.cpps().get(j);
      String key = NativePeers.searchParameter(name);
      Map<String, String> mine = setting.containsKey(key) ? Map.of(key, setting.get(key)) : Map.of();
      NativeDriver drv = drivers.get(j);
      Map<String, Object> row = row(name, "native", cppBuild(name), mine, c.result(d, Double.NaN), drv.buildSeconds(),
          -1, NativeDriver.version(name) + " " + drv.simd());
      emit(row, Json.write(row));
    }
  }

  /**
   * Whether a setting can run: a recall target above what the index's calibration reached is
   * skipped with the calibration's own message (the preset's ceiling), the other cells go on.
   */
  private boolean reachable(Index index, BenchPlan.Planned c, SearchParams sp) {
    if (sp.targetRecall() > 0 && index instanceof HnswIndex h && h.recallCalibration() != null) {
      try {
        h.recallCalibration().ef(o.k(), sp.targetRecall());
      } catch (IllegalArgumentException e) {
        err.println(c.provider().name() + "/" + c.label() + ": skipped, " + e.getMessage());
        return false;
      }
    }
    return true;
  }

  private Map<String, String> cppBuild(String name) {
    return BenchPlan.takenBy(o.build(), NativePeers.buildParameters(name));
  }

  /** The Python peers read files: one per run, the embedded set copied out or a generated one written. */
  private void runPythonPeers() throws Exception {
    if (plan.pythons().isEmpty()) {
      return;
    }
    // shuffled queries are not the file's order: the peers read a copy written in this run's order
    boolean shuffled = o.shuffleQueries() || plan.calibrates();
    Path file = shuffled ? null : o.data() != null ? o.data() : datasetFile(o.dataset());
    Path data = file;
    if (file == null) {
      data = Files.createTempFile("annlib-dataset", ".hdf5");
      if (!shuffled && (o.dataset() == null || o.dataset().equals(Datasets.EMBEDDED_NAME))) {
        Datasets.copyEmbedded(data);
      } else {
        AnnBenchmarksHdf5Writer.write(d, data);
      }
    }
    try {
      for (String name : plan.pythons()) {
        List<String> raw = new ArrayList<>();
        String key = NativePeers.searchParameter(name);
        List<String> sweep = o.search().getOrDefault(key, List.of(key.equals("ef") ? "64" : "8"));
        Map<String, String> build = BenchPlan.takenBy(o.build(), NativePeers.buildParameters(name));
        List<Map<String, Object>> peerRows = NativePeers.run(name, data, d.name(), build, sweep, o.k(), o.queries(),
            o.threads(), o.runs(), raw);
        for (int i = 0; i < peerRows.size(); i++) {
          Map<String, Object> r = peerRows.get(i);
          r.put("build_params", build);
          emit(r, raw.get(i));
        }
      }
    } finally {
      if (file == null) {
        Files.deleteIfExists(data);
      }
    }
  }

  private void emit(Map<String, Object> row, String json) throws IOException {
    rows.add(row);
    for (RowSink sink : sinks) {
      sink.row(row, json);
    }
  }

  /** The resolved file of a named dataset, or null for the embedded and generated ones. */
  private Path datasetFile(String name) throws IOException {
    if (name == null || name.equals(Datasets.EMBEDDED_NAME) || SyntheticDataset.isSyntheticName(name)) {
      return null;
    }
    return DatasetResolver.fromEnvironment().resolve(name, progress);
  }

  private Map<String, Object> row(String index, String variant, Map<String, String> build, Map<String, String> search,
      SearchMeasurement.Result r, double buildSeconds, long bytes, String kernels) {
    Map<String, Object> params = new LinkedHashMap<>(build);
    params.putAll(search);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    m.put("variant", variant);
    m.put("params", params);
    m.put("build_params", build);
    m.put("search_params", search);
    m.put("dataset", d.name());
    m.put("metric", d.metric().benchmarkName());
    m.put("k", o.k());
    m.put("queries", queries.length);
    m.put("recall", r.recall());
    m.put("qps", r.qps());
    m.put("qps_runs", r.qpsRuns());
    m.put("qps_spread", r.qpsSpread());
    m.put("qps_batch", Double.isNaN(r.qpsBatch()) ? null : r.qpsBatch());
    m.put("threads", o.threads());
    m.put("distance_computations", r.distancesPerQuery());
    m.put("recall_p10", r.p10Recall());
    if (!Double.isNaN(r.belowTarget())) {
      m.put("below_target", r.belowTarget());
      m.put("below_target_less_0.1", r.belowTargetLess01());
    }
    m.put("build_seconds", buildSeconds);
    m.put("index_bytes", bytes < 0 ? null : bytes);
    m.put("jdk", Runtime.version().toString());
    m.put("kernels", kernels);
    m.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }
}
