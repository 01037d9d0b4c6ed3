package org.annlib.bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.annlib.Metric;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import org.annlib.vector.VectorUtil;

/**
 * {@code ./ann bench}: builds each named index on a dataset, sweeps its search parameters, and
 * prints (and optionally writes as JSON lines) one ann-benchmarks-style row per setting. The
 * command only wires the parts: {@link BenchPlan} (what to measure, checked first),
 * {@link BenchRun} (the measurement, returning rows) and the sinks ({@link ConsoleTable},
 * {@link JsonLinesSink}, {@link RecallQpsPlot}).
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
        --threads N      build threads and, when given, a batch-throughput column (searchBatch on N threads); default all cores
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
    BenchPlan plan = BenchPlan.of(o);
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
    out.printf(Locale.ROOT, "dataset %s: %,d x %d, %,d queries, %s, k=%d | JDK %s | kernels %s | %s%n", d.name(),
        d.train().size(), d.dimension(), nq, d.metric().benchmarkName(), o.k(), Runtime.version(),
        VectorUtil.provider(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    ConsoleTable table = new ConsoleTable(out, o.threads());
    List<Map<String, Object>> rows;
    try (JsonLinesSink jsonl = o.out() == null ? null : new JsonLinesSink(o.out())) {
      List<RowSink> sinks = jsonl == null ? List.of(table) : List.of(table, jsonl);
      rows = new BenchRun(plan, d, queries, progress, err, sinks).run();
    }
    table.finish(rows, o.baseline());
    if (o.out() != null) {
      RecallQpsPlot.write(rows, d.name() + " (k=" + o.k() + ")", o.out());
    }
    return 0;
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
}
