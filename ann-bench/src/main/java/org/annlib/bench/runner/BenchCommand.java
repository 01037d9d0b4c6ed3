package org.annlib.bench.runner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.annlib.Index;
import org.annlib.IndexProvider;
import org.annlib.Metric;
import org.annlib.Parameters;
import org.annlib.SearchParams;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import org.annlib.vector.VectorUtil;

/**
 * {@code ./ann bench}: builds each named index on a dataset, sweeps its search parameters, and
 * prints (and optionally writes as JSON lines) one ann-benchmarks-style row per setting.
 */
public final class BenchCommand {
  /** The run a newcomer gets from {@code ./ann bench} alone: what the library is for, in well under a minute. */
  static final List<String> DEMO = List.of("--index", "flat,hnsw", "--variant", "default,crinn", "--build",
      "M=16,efConstruction=100", "--search", "ef=10,16,24,32,48,64,128", "--runs", "3", "--baseline", "flat");

  public static final String USAGE = """
      usage: ./ann bench [--data FILE | --dataset NAME] [--index NAME[,NAME...]] [--variant NAME]
                         [--build key=value,...] [--search key=v1,v2,...[;key=v1,...]] [--k 10]
                         [--queries N] [--threads N] [--runs N] [--metric NAME] [--out FILE.jsonl]
                         [--condition all,deleted-P,filter-P] [--save DIR | --load DIR]
        --data FILE      an ann-benchmarks .hdf5 file, or a TEXMEX X_base.fvecs/.bvecs file
        --dataset NAME   an ann-benchmarks name, found in $ANN_DATASET_PATH or the cache, else downloaded;
                         default: the embedded fashion-mnist-784-euclidean-10k (no network needed)
        --index NAME     index kind(s) to run, default flat
        --variant NAME   the index's variant(s), comma-separated; each index runs those it knows; default its first
        --build          build parameters, such as M=16,efConstruction=200
        --search         search parameter sweep, such as ef=10,16,32,64 or nprobe=1,2,4; repeat the flag to
                         add settings (--search nprobe=1,2,4 --search recall=0.9,0.95 sweeps both)
        --k N            neighbours per query, default 10
        --queries N      use the first N queries, default all
        --threads N      build threads and, when given and above 1, a batch-throughput column; default all cores
        --runs N         timed passes per setting; QPS is their median, default 1
        --metric NAME    metric of a TEXMEX set (euclidean, angular, inner_product), default euclidean
        --out FILE       also append one JSON object per row to FILE, and plot beside it (FILE.svg, FILE.png)
        --baseline NAME  the index (or index/variant) every other one is compared with; default the first
        --condition LIST run each of our indexes under each condition: all (nothing excluded), deleted-P
                         (P percent of the ids deleted after the build; hnsw only), filter-P (queries carry a
                         filter rejecting P percent); rows are labelled variant+condition, recall is against
                         exact search over the remaining ids; peers run under all only. Default all
        --save DIR       save each hnsw index after its build as DIR/hnsw-VARIANT.hnsw
        --load DIR       memory-map DIR/hnsw-VARIANT.hnsw (HnswIndex.map) instead of building: searches an
                         index larger than the heap (ANN_JAVA_OPTS=-Xmx512m); build s is then the map time

      Build and search keys go to the indexes that take them (--index flat,hnsw --search ef=16,32 sweeps hnsw
      and runs flat once); a key that no listed index takes is an error. QPS at a recall level is the fastest
      measured setting that reaches it, never an interpolation.
      With no options at all: the demo run, """ + String.join(" ", DEMO) + """
      (exact search against plain HNSW and the crinn preset on the embedded set, plot under runs/).""";


  private BenchCommand() {}

  /**
   * Fails before anything is built when --baseline names none of the planned indexes (a Python
   * peer's table name carries its package version, known only once it has run, so it is not checked).
   */
  private static void checkBaseline(BenchOptions o, List<IndexProvider> providers, List<String> labels,
      List<String> cpps, List<String> natives) {
    if (o.baseline() == null || natives.contains(o.baseline().split("/", 2)[0])) {
      return;
    }
    List<String> planned = new ArrayList<>();
    for (int i = 0; i < providers.size(); i++) {
      String v = labels.get(i);
      planned.add(v.equals("default") ? providers.get(i).name() : providers.get(i).name() + "/" + v);
    }
    for (String c : cpps) {
      planned.add(c + "/native");
    }
    RecallQpsTable.resolve(o.baseline(), planned);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    if (args.length == 0) {
      List<String> demo = new ArrayList<>(DEMO);
      demo.addAll(List.of("--out", "runs/" + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString().replace(":", "") + "-demo.jsonl"));
      err.println("ann bench: no options, so the demo run: ./ann bench " + String.join(" ", demo));
      args = demo.toArray(new String[0]);
    }
    BenchOptions o = BenchOptions.parse(args);
    List<IndexProvider> providers = new ArrayList<>();
    List<String> variants = new ArrayList<>();
    List<List<SearchParams>> sweeps = new ArrayList<>();
    List<Map<String, String>> settings = o.searchSettings();
    List<Map<String, String>> builds = new ArrayList<>();
    List<String> natives = new ArrayList<>();
    List<String> cpps = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    checkEveryKeyIsTaken(o);
    for (String name : o.indexes()) {
      if (NativePeers.isNative(name)) {
        NativePeers.check(name, takenBy(o.build(), NativePeers.buildParameters(name)),
            takenSearch(o.search(), List.of(NativePeers.searchParameter(name))));
        (NativePeers.isCpp(name) ? cpps : natives).add(name);
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
          if (c.deletes() && !p.name().equals("hnsw")) {
            throw new IllegalArgumentException("--condition " + c.name() + ": index " + p.name()
                + " cannot delete ids; only hnsw can");
          }
          if ((o.save() != null || o.load() != null) && !p.name().equals("hnsw")) {
            throw new IllegalArgumentException("--save and --load take hnsw indexes only; " + p.name() + " is listed");
          }
          providers.add(p);
          variants.add(variant);
          conditions.add(c);
          sweeps.add(sweep);
          builds.add(takenBy(o.build(), p.buildParameters()));
        }
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < providers.size(); i++) {
      labels.add(conditions.get(i).label(variants.get(i)));
    }
    checkBaseline(o, providers, labels, cpps, natives);
    ConsoleProgress progress = new ConsoleProgress(err);
    Dataset d = dataset(o, progress);
    if (d.groundTruthDepth() < o.k()) {
      throw new IllegalArgumentException(d.name() + " has ground truth for " + d.groundTruthDepth() + " neighbours; --k "
          + o.k() + " needs more");
    }
    int nq = o.queries() == 0 ? d.test().size() : Math.min(o.queries(), d.test().size());
    float[][] queries = new float[nq][];
    for (int q = 0; q < nq; q++) {
      queries[q] = d.test().vector(q);
    }
    Map<Condition, Dataset> truths = new LinkedHashMap<>();
    Map<Condition, org.annlib.Bits> filters = new LinkedHashMap<>();
    for (Condition c : conditions) {
      if (!truths.containsKey(c)) {
        progress.progress("ground truth under " + c.name(), 0, 1);
        truths.put(c, c.groundTruth(d, nq, o.k(), o.threads()));
        filters.put(c, c.filter(d.train().size()));
      }
    }
    out.printf(Locale.ROOT, "dataset %s: %,d x %d, %,d queries, %s, k=%d | JDK %s | kernels %s | %s%n", d.name(),
        d.train().size(), d.dimension(), nq, d.metric().benchmarkName(), o.k(), Runtime.version(),
        VectorUtil.provider(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    String header = String.format(Locale.ROOT, "%-14s %-16s %-28s %-16s %9s %10s %6s %10s %11s %9s %10s", "index",
        "variant", "build", "search", "recall", "QPS", "spread", "QPS(" + o.threads() + "t)", "dist/query", "build s",
        "memory MB");
    out.println(header);
    // Build every index first, then interleave their timed passes setting by setting.
    List<Index> built = new ArrayList<>();
    List<Double> buildSeconds = new ArrayList<>();
    // Cells that delete nothing share one build per index and variant; a deleting cell gets its own.
    Map<String, Integer> shared = new LinkedHashMap<>();
    for (int i = 0; i < providers.size(); i++) {
      IndexProvider p = providers.get(i);
      Condition c = conditions.get(i);
      String key = p.name() + "/" + variants.get(i);
      Integer same = c.deletes() ? null : shared.get(key);
      if (same != null) {
        built.add(built.get(same));
        buildSeconds.add(buildSeconds.get(same));
        continue;
      }
      long t0 = System.nanoTime();
      Path file = o.save() == null && o.load() == null ? null
          : (o.save() != null ? o.save() : o.load()).resolve(p.name() + "-" + variants.get(i) + ".hnsw");
      Index index = o.load() != null ? org.annlib.hnsw.HnswIndex.map(file)
          : p.build(d.metric(), d.train(), variants.get(i), builds.get(i), o.threads(), progress);
      built.add(index);
      buildSeconds.add((System.nanoTime() - t0) / 1e9);
      if (o.save() != null) {
        Files.createDirectories(o.save());
        ((org.annlib.hnsw.HnswIndex) index).save(file);
        err.println(p.name() + "/" + labels.get(i) + ": saved to " + file);
      }
      if (c.deletes()) {
        BitSet drop = c.excluded(d.train().size());
        for (int id = drop.nextSetBit(0); id >= 0; id = drop.nextSetBit(id + 1)) {
          ((org.annlib.hnsw.HnswIndex) index).delete(id);
        }
      } else {
        shared.put(key, i);
      }
      if (!index.describe().isEmpty()) {
        err.println(p.name() + "/" + labels.get(i) + ": " + index.describe());
      }
    }
    List<NativeDriver> drivers = new ArrayList<>();
    List<Map<String, String>> driverBuilds = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    BufferedWriter jsonl = o.out() == null ? null : openOut(o.out());
    try {
      for (String name : cpps) {
        Map<String, String> b = takenBy(o.build(), NativePeers.buildParameters(name));
        progress.progress("build " + name, 0, 1);
        drivers.add(NativeDriver.start(name, d, queries, o.k(), b, o.threads()));
        driverBuilds.add(b);
        err.println(name + ": kernels " + drivers.getLast().simd() + ", built in "
            + String.format(Locale.ROOT, "%.2f s", drivers.getLast().buildSeconds()));
      }
      for (int s = 0; s < settings.size(); s++) {
        // An index that takes none of the swept keys (exact search) is measured once, in the first round.
        List<SearchMeasurement> cells = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
          SearchMeasurement m = null;
          if (s < sweeps.get(i).size()) {
            SearchParams sp = sweeps.get(i).get(s);
            org.annlib.Bits filter = filters.get(conditions.get(i));
            m = new SearchMeasurement(built.get(i), queries, o.k(),
                filter == null ? sp : sp.toBuilder().filter(filter).build());
            m.warmUp();
          }
          cells.add(m);
        }
        List<Cell> nativeCells = new ArrayList<>();
        for (int j = 0; j < drivers.size(); j++) {
          String key = NativePeers.searchParameter(cpps.get(j));
          String v = settings.get(s).get(key);
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
        for (int i = 0; i < providers.size(); i++) {
          if (cells.get(i) == null) {
            continue;
          }
          IndexProvider p = providers.get(i);
          Map<String, String> setting = takenBy(settings.get(s), p.searchParameters());
          String variant = labels.get(i);
          double batch = o.threadsGiven() && o.threads() > 1 ? cells.get(i).batchQps(o.threads()) : Double.NaN;
          SearchMeasurement.Result r = cells.get(i).result(truths.get(conditions.get(i)), batch);
          Index index = built.get(i);
          out.printf(Locale.ROOT, "%-14s %-16s %-28s %-16s %9.4f %10.1f %6s %10s %11.1f %9.2f %10.1f%n", p.name(), variant,
              text(builds.get(i)), text(setting), r.recall(), r.qps(),
              String.format(Locale.ROOT, "±%.0f%%", 50 * r.qpsSpread()),
              Double.isNaN(r.qpsBatch()) ? "-" : String.format(Locale.ROOT, "%.1f", r.qpsBatch()),
              r.distancesPerQuery(), buildSeconds.get(i), index.ramBytesUsed() / 1e6);
          out.flush();
          Map<String, Object> row = row(o, d, nq, p.name(), variant, builds.get(i), setting, r, buildSeconds.get(i),
              index.ramBytesUsed(), p.kernels());
          row.put("condition", conditions.get(i).name());
          rows.add(row);
          if (jsonl != null) {
            jsonl.write(Json.write(row));
            jsonl.newLine();
            jsonl.flush();
          }
        }
        for (int j = 0; j < drivers.size(); j++) {
          Cell c = nativeCells.get(j);
          if (c == null) {
            continue;
          }
          String name = cpps.get(j);
          String key = NativePeers.searchParameter(name);
          Map<String, String> setting = settings.get(s).containsKey(key) ? Map.of(key, settings.get(s).get(key)) : Map.of();
          SearchMeasurement.Result r = c.result(d, Double.NaN);
          NativeDriver drv = drivers.get(j);
          out.printf(Locale.ROOT, "%-14s %-16s %-28s %-16s %9.4f %10.1f %6s %10s %11s %9.2f %10s%n", name,
              "native", text(driverBuilds.get(j)), text(setting), r.recall(), r.qps(),
              String.format(Locale.ROOT, "±%.0f%%", 50 * r.qpsSpread()), "-", "-", drv.buildSeconds(), "-");
          out.flush();
          Map<String, Object> row = row(o, d, nq, name, "native", driverBuilds.get(j), setting, r, drv.buildSeconds(),
              -1, NativeDriver.version(name) + " " + drv.simd());
          rows.add(row);
          if (jsonl != null) {
            jsonl.write(Json.write(row));
            jsonl.newLine();
            jsonl.flush();
          }
        }
      }
      // The Python peers read files: one per run, the embedded set copied out or a generated one written.
      Path file = natives.isEmpty() || o.data() != null ? o.data() : datasetFile(o.dataset(), progress);
      Path data = file;
      if (!natives.isEmpty() && file == null) {
        data = Files.createTempFile("annlib-dataset", ".hdf5");
        if (o.dataset() == null || o.dataset().equals(Datasets.EMBEDDED_NAME)) {
          Datasets.copyEmbedded(data);
        } else {
          org.annlib.datasets.AnnBenchmarksHdf5Writer.write(d, data);
        }
      }
      for (String name : natives) {
        List<String> raw = new ArrayList<>();
        String key = NativePeers.searchParameter(name);
        List<String> sweep = o.search().getOrDefault(key, List.of(key.equals("ef") ? "64" : "8"));
        for (Map<String, Object> r : NativePeers.run(name, data, d.name(),
            takenBy(o.build(), NativePeers.buildParameters(name)), sweep, o.k(), o.queries(),
            o.threads(), o.runs(), raw)) {
          out.printf(Locale.ROOT, "%-14s %-16s %-28s %-16s %9.4f %10.1f %6s %10s %11s %9.2f %10s%n", name,
              r.get("variant"), text(o.build()), r.get("search"), (Double) r.get("recall"), (Double) r.get("qps"), "", "-",
              "-",
              (Double) r.get("build_seconds"), "-");
          rows.add(r);
        }
        if (jsonl != null) {
          for (String line : raw) {
            jsonl.write(line);
            jsonl.newLine();
          }
          jsonl.flush();
        }
      }
      if (data != null && file == null) {
        Files.deleteIfExists(data);
      }
    } finally {
      for (NativeDriver drv : drivers) {
        drv.close();
      }
      if (jsonl != null) {
        jsonl.close();
      }
    }
    if (rows.size() > 1) {
      out.println();
      out.print(RecallQpsTable.markdown(rows, o.baseline()));
    }
    if (o.out() != null) {
      RecallQpsPlot.write(rows, d.name() + " (k=" + o.k() + ")", o.out());
    }
    return 0;
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

  /** The resolved file of a named dataset, or null for the embedded and generated ones. */
  private static Path datasetFile(String name, ConsoleProgress progress) throws IOException {
    if (name == null || name.equals(Datasets.EMBEDDED_NAME) || org.annlib.datasets.SyntheticDataset.isSyntheticName(name)) {
      return null;
    }
    return DatasetResolver.fromEnvironment().resolve(name, progress);
  }

  /** {@code --data FILE} read directly, else {@code --dataset NAME} (embedded by default) by name. */
  private static Dataset dataset(BenchOptions o, ConsoleProgress progress) throws IOException {
    DatasetResolver resolver = DatasetResolver.fromEnvironment();
    if (o.data() != null) {
      return Datasets.load(o.data(), o.metric() == null ? null : Metric.fromName(o.metric()), resolver.cacheDir(),
          o.threads(), progress);
    }
    Dataset d = resolver.open(o.dataset() == null ? Datasets.EMBEDDED_NAME : o.dataset(), o.threads(), progress);
    if (o.metric() != null && Metric.fromName(o.metric()) != d.metric()) {
      throw new IllegalArgumentException(d.name() + " is a " + d.metric().benchmarkName() + " dataset; --metric "
          + Metric.fromName(o.metric()).benchmarkName() + " contradicts it");
    }
    return d;
  }

  private static IndexProvider forName(String name) {
    try {
      return IndexProvider.forName(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ", " + String.join(", ", NativePeers.NAMES));
    }
  }

  private static BufferedWriter openOut(Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return Files.newBufferedWriter(out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String text(Map<String, String> params) {
    if (params.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }

  /** The entries of {@code params} whose keys are in {@code known}, in their order. */
  private static Map<String, String> takenBy(Map<String, String> params, List<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    params.forEach((k, v) -> {
      if (known.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static Map<String, List<String>> takenSearch(Map<String, List<String>> sweep, List<String> known) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    sweep.forEach((k, v) -> {
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

  private static Map<String, Object> row(BenchOptions o, Dataset d, int nq, String index, String variant,
      Map<String, String> build, Map<String, String> search, SearchMeasurement.Result r, double buildSeconds,
      long bytes, String kernels) {
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
    m.put("queries", nq);
    m.put("recall", r.recall());
    m.put("qps", r.qps());
    m.put("qps_runs", r.qpsRuns());
    m.put("qps_spread", r.qpsSpread());
    m.put("qps_batch", Double.isNaN(r.qpsBatch()) ? null : r.qpsBatch());
    m.put("threads", o.threads());
    m.put("distance_computations", r.distancesPerQuery());
    m.put("build_seconds", buildSeconds);
    m.put("index_bytes", bytes < 0 ? null : bytes);
    m.put("jdk", Runtime.version().toString());
    m.put("kernels", kernels);
    m.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }
}
