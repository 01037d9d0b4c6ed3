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
  public static final String USAGE = """
      usage: ./ann bench [--data FILE | --dataset NAME] [--index NAME[,NAME...]] [--variant NAME]
                         [--build key=value,...] [--search key=v1,v2,...[;key=v1,...]] [--k 10]
                         [--queries N] [--threads N] [--runs N] [--metric NAME] [--out FILE.jsonl]
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
        --out FILE       also append one JSON object per row to FILE""";

  private BenchCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    BenchOptions o = BenchOptions.parse(args);
    List<IndexProvider> providers = new ArrayList<>();
    List<String> variants = new ArrayList<>();
    List<List<SearchParams>> sweeps = new ArrayList<>();
    List<Map<String, String>> settings = o.searchSettings();
    List<String> natives = new ArrayList<>();
    for (String name : o.indexes()) {
      if (NativePeers.isNative(name)) {
        NativePeers.check(name, o.build(), o.search());
        natives.add(name);
        continue;
      }
      IndexProvider p = forName(name);
      Parameters.checkKnown(p.name(), "build", o.build(), p.buildParameters());
      List<SearchParams> sweep = new ArrayList<>();
      for (Map<String, String> s : settings) {
        sweep.add(p.searchParams(s));
      }
      for (String variant : variantsOf(o, p)) {
        providers.add(p);
        variants.add(variant);
        sweeps.add(sweep);
      }
    }
    ConsoleProgress progress = new ConsoleProgress(err);
    Path file = datasetFile(o, progress);
    Dataset d = file == null ? Datasets.embedded() : Datasets.load(file, o.metric() == null ? null
        : Metric.fromName(o.metric()), DatasetResolver.fromEnvironment().cacheDir(), o.threads(), progress);
    if (d.groundTruthDepth() < o.k()) {
      throw new IllegalArgumentException(d.name() + " has ground truth for " + d.groundTruthDepth() + " neighbours; --k "
          + o.k() + " needs more");
    }
    int nq = o.queries() == 0 ? d.test().size() : Math.min(o.queries(), d.test().size());
    float[][] queries = new float[nq][];
    for (int q = 0; q < nq; q++) {
      queries[q] = d.test().vector(q);
    }
    out.printf(Locale.ROOT, "dataset %s: %,d x %d, %,d queries, %s, k=%d | JDK %s | kernels %s | %s%n", d.name(),
        d.train().size(), d.dimension(), nq, d.metric().benchmarkName(), o.k(), Runtime.version(),
        VectorUtil.provider(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    String header = String.format(Locale.ROOT, "%-11s %-10s %-28s %-16s %9s %10s %6s %10s %11s %9s %10s", "index",
        "variant", "build", "search", "recall", "QPS", "spread", "QPS(" + o.threads() + "t)", "dist/query", "build s",
        "memory MB");
    out.println(header);
    // Build every index first, then interleave their timed passes setting by setting.
    List<Index> built = new ArrayList<>();
    List<Double> buildSeconds = new ArrayList<>();
    for (int i = 0; i < providers.size(); i++) {
      IndexProvider p = providers.get(i);
      long t0 = System.nanoTime();
      Index index = p.build(d.metric(), d.train(), variants.get(i), o.build(), o.threads(), progress);
      built.add(index);
      buildSeconds.add((System.nanoTime() - t0) / 1e9);
      if (!index.describe().isEmpty()) {
        err.println(p.name() + "/" + variants.get(i) + ": " + index.describe());
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    BufferedWriter jsonl = o.out() == null ? null : openOut(o.out());
    try {
      for (int s = 0; s < settings.size(); s++) {
        List<SearchMeasurement> cells = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
          SearchMeasurement m = new SearchMeasurement(built.get(i), queries, o.k(), sweeps.get(i).get(s));
          m.warmUp();
          cells.add(m);
        }
        for (int r = 0; r < o.runs(); r++) {
          for (SearchMeasurement m : cells) {
            m.timedPass();
          }
        }
        for (int i = 0; i < providers.size(); i++) {
          IndexProvider p = providers.get(i);
          String variant = variants.get(i);
          double batch = o.threadsGiven() && o.threads() > 1 ? cells.get(i).batchQps(o.threads()) : Double.NaN;
          SearchMeasurement.Result r = cells.get(i).result(d, batch);
          Index index = built.get(i);
          out.printf(Locale.ROOT, "%-11s %-10s %-28s %-16s %9.4f %10.1f %6s %10s %11.1f %9.2f %10.1f%n", p.name(), variant,
              text(o.build()), text(settings.get(s)), r.recall(), r.qps(),
              String.format(Locale.ROOT, "±%.0f%%", 50 * r.qpsSpread()),
              Double.isNaN(r.qpsBatch()) ? "-" : String.format(Locale.ROOT, "%.1f", r.qpsBatch()),
              r.distancesPerQuery(), buildSeconds.get(i), index.ramBytesUsed() / 1e6);
          out.flush();
          Map<String, Object> row = row(o, d, nq, p, variant, settings.get(s), r, buildSeconds.get(i), index);
          rows.add(row);
          if (jsonl != null) {
            jsonl.write(Json.write(row));
            jsonl.newLine();
            jsonl.flush();
          }
        }
      }
      for (String name : natives) {
        List<String> raw = new ArrayList<>();
        Path data = file != null ? file : Datasets.copyEmbedded(Files.createTempFile("annlib-embedded", ".hdf5"));
        String key = NativePeers.searchParameter(name);
        List<String> sweep = o.search().getOrDefault(key, List.of(key.equals("ef") ? "64" : "8"));
        for (Map<String, Object> r : NativePeers.run(name, data, d.name(), o.build(), sweep, o.k(), o.queries(),
            o.threads(), o.runs(), raw)) {
          out.printf(Locale.ROOT, "%-11s %-10s %-28s %-16s %9.4f %10.1f %6s %10s %11s %9.2f %10s%n", name,
              r.get("variant"), text(o.build()), r.get("search"), (Double) r.get("recall"), (Double) r.get("qps"), "", "-",
              "-",
              (Double) r.get("build_seconds"), "-");
          rows.add(r);
        }
        if (file == null) {
          Files.deleteIfExists(data);
        }
        if (jsonl != null) {
          for (String line : raw) {
            jsonl.write(line);
            jsonl.newLine();
          }
          jsonl.flush();
        }
      }
    } finally {
      if (jsonl != null) {
        jsonl.close();
      }
    }
    if (rows.size() > 1) {
      out.println();
      out.print(RecallQpsTable.markdown(rows));
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

  /** The dataset's file, or null for the embedded default (read from the class path). */
  private static Path datasetFile(BenchOptions o, ConsoleProgress progress) throws IOException {
    if (o.data() != null) {
      return o.data();
    }
    if (o.dataset() == null || o.dataset().equals(Datasets.EMBEDDED_NAME)) {
      return null;
    }
    return DatasetResolver.fromEnvironment().resolve(o.dataset(), progress);
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

  private static Map<String, Object> row(BenchOptions o, Dataset d, int nq, IndexProvider p, String variant,
      Map<String, String> search, SearchMeasurement.Result r, double buildSeconds, Index index) {
    Map<String, Object> params = new LinkedHashMap<>(o.build());
    params.putAll(search);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", p.name());
    m.put("variant", variant);
    m.put("params", params);
    m.put("build_params", o.build());
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
    m.put("index_bytes", index.ramBytesUsed());
    m.put("jdk", Runtime.version().toString());
    m.put("kernels", VectorUtil.provider());
    m.put("date", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }
}
