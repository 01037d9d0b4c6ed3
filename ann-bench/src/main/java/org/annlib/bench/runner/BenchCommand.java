package org.annlib.bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.annlib.Metric;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import org.annlib.vector.VectorUtil;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ann bench}: builds each named index on a dataset, sweeps its search parameters, and
 * prints (and optionally writes as JSON lines) one ann-benchmarks-style row per setting. The
 * command only wires the parts: {@link BenchPlan} (what to measure, checked first),
 * {@link BenchRun} (the measurement, returning rows) and the sinks ({@link ConsoleTable},
 * {@link JsonLinesSink}, {@link RecallQpsPlot}).
 */
@Command(name = "bench", sortOptions = false,
    description = {"Builds each named index on a dataset, sweeps its search parameters and prints one"
        + " ann-benchmarks-style row per setting, with recall against exact ground truth."},
    footer = {"", "Build and search keys go to the indexes that take them (--index flat,hnsw --search ef=16,32 sweeps"
        + " hnsw and runs flat once); a key that no listed index takes is an error. QPS at a recall level is the"
        + " fastest measured setting that reaches it, never an interpolation.",
        "With no options at all: the demo run, ./ann bench " + BenchCommand.DEMO_ARGS + " (exact search against plain HNSW and the crinn"
        + " preset on the embedded set, plot under runs/)."})
public final class BenchCommand implements Callable<Integer> {
  /** The run a newcomer gets from {@code ./ann bench} alone: what the library is for, in well under a minute. */
  static final String DEMO_ARGS = "--index flat,hnsw --variant default,crinn --build M=16,efConstruction=100"
      + " --search ef=10,16,24,32,48,64,128 --runs 3 --baseline flat";

  @CommandLine.Mixin
  DatasetOption source;

  @Option(names = "--index", split = ",", paramLabel = "NAME", description = "Index kind(s) to run, default flat.")
  List<String> indexes = List.of("flat");

  @Option(names = "--variant", paramLabel = "NAME[,NAME...]",
      description = "The index's variant(s); each index runs those it knows; default its first.")
  String variant;

  @Option(names = "--build", paramLabel = "key=value,...", description = "Build parameters, such as"
      + " M=16,efConstruction=200; repeat the flag to add more.")
  List<String> build = List.of();

  @Option(names = "--search", paramLabel = "key=v1,v2,...[;key=...]", description = "A search parameter sweep, such"
      + " as ef=10,16,32,64 or nprobe=1,2;rerank=10,20 (every combination); repeat the flag to add settings"
      + " (--search nprobe=1,2,4 --search recall=0.9,0.95 sweeps both).")
  List<String> search = List.of();

  @Option(names = "--k", paramLabel = "N", converter = PositiveInt.class, description = "Neighbours per query, default 10.")
  int k = 10;

  @Option(names = "--queries", paramLabel = "N", converter = PositiveInt.class,
      description = "Use the first N queries, default all.")
  int queries;

  @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class, description = "Build threads and, when"
      + " given, a batch-throughput column (searchBatch on N threads); default all cores.")
  Integer threads;

  @Option(names = "--runs", paramLabel = "N", converter = PositiveInt.class,
      description = "Timed passes per setting; QPS is their median, default 1.")
  int runs = 1;

  @Option(names = "--metric", paramLabel = "NAME",
      description = "Metric of a TEXMEX set (euclidean, angular, inner_product), default euclidean.")
  String metric;

  @Option(names = "--out", paramLabel = "FILE.jsonl", description = "Also append one JSON object per row to FILE,"
      + " and plot beside it (FILE.svg, FILE.png).")
  Path out;

  @Option(names = "--baseline", paramLabel = "NAME",
      description = "The index (or index/variant) every other one is compared with; default the first.")
  String baseline;

  @Option(names = "--condition", split = ",", paramLabel = "CONDITION",
      description = {"Run each of our indexes under each condition: all (nothing excluded), deleted-P (P percent of"
          + " the ids deleted after the build), filter-P (queries carry a filter rejecting P percent), churn-P (P"
          + " percent deleted and as many added); rows are labelled variant+condition, recall is against exact"
          + " search over the remaining ids; peers run under all only. Default all."})
  List<String> conditions = List.of("all");

  @Option(names = "--save", paramLabel = "DIR", description = "Save each hnsw index after its build as"
      + " DIR/hnsw-VARIANT.hnsw.")
  Path save;

  @Option(names = "--load", paramLabel = "DIR", description = "Memory-map DIR/hnsw-VARIANT.hnsw (HnswIndex.map)"
      + " instead of building: searches an index larger than the heap (ANN_JAVA_OPTS=-Xmx512m); build s is then"
      + " the map time.")
  Path load;

  @Option(names = "--calibration-queries", paramLabel = "N", converter = PositiveInt.class,
      description = "Test queries after the evaluated ones that calibrate an hnsw index for --search recall=...;"
          + " default up to 2000 (at least 100 must be left).")
  int calibrationQueries = 2_000;

  @Option(names = "--shuffle-queries", description = "Take the evaluated (and calibration) queries in a seeded"
      + " random order instead of the file's; on by itself with --search recall=... for hnsw.")
  boolean shuffleQueries;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  HelpOption help;

  private final PrintStream stdout;
  private final PrintStream stderr;

  BenchCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() throws Exception {
    if (spec.commandLine().getParseResult().originalArgs().isEmpty()) {
      List<String> demo = new ArrayList<>(List.of(DEMO_ARGS.split(" ")));
      demo.addAll(List.of("--out", "runs/" + OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
          .toString().replace(":", "") + "-demo.jsonl"));
      stderr.println("ann bench: no options, so the demo run: ./ann bench " + String.join(" ", demo));
      BenchCommand run = new BenchCommand(stdout, stderr);
      new CommandLine(run).parseArgs(demo.toArray(new String[0]));
      return run(run.options());
    }
    return run(options());
  }

  /**
   * The parsed options as the plan reads them; a malformed {@code --build}, {@code --search} or
   * {@code --condition} value is a usage error naming it.
   */
  BenchOptions options() {
    source.check(spec);
    if (save != null && load != null) {
      throw usage("--save and --load exclude each other");
    }
    try {
      Map<String, String> b = new LinkedHashMap<>();
      for (String value : build) {
        b.putAll(BenchOptions.parseSingle(value));
      }
      Map<String, List<String>> all = new LinkedHashMap<>();
      List<Map<String, List<String>>> groups = new ArrayList<>();
      for (String value : search) {
        Map<String, List<String>> group = BenchOptions.parseMulti(value);
        all.putAll(group);
        groups.add(group);
      }
      List<Condition> cs = new ArrayList<>();
      for (String c : conditions) {
        cs.add(Condition.parse(c.trim()));
      }
      int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      return new BenchOptions(source.data, source.dataset, List.copyOf(indexes), variant, b, all, groups, k, queries, t,
          threads != null, runs, metric, out, baseline, List.copyOf(cs), save, load, calibrationQueries, shuffleQueries);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  private int run(BenchOptions o) throws Exception {
    BenchPlan plan = BenchPlan.of(o);
    ConsoleProgress progress = new ConsoleProgress(stderr);
    Dataset d = dataset(o, progress);
    // Some files list their queries in an order that is not random (glove6b-100's are sorted by
    // vocabulary rank, frequent words first): a calibration on the queries after the evaluated
    // ones would then be on other data. A seeded shuffle makes both halves samples of one set.
    boolean shuffle = o.shuffleQueries() || plan.calibrates();
    if (shuffle) {
      d = QueryOrder.shuffled(d, QueryOrder.SEED);
    }
    if (d.groundTruthDepth() < o.k()) {
      throw new IllegalArgumentException(d.name() + " has ground truth for " + d.groundTruthDepth() + " neighbours; --k "
          + o.k() + " needs more");
    }
    int nq = o.queries() == 0 ? d.test().size() : Math.min(o.queries(), d.test().size());
    float[][] queries = new float[nq][];
    for (int q = 0; q < nq; q++) {
      queries[q] = d.test().vector(q);
    }
    stdout.printf(Locale.ROOT, "dataset %s: %,d x %d, %,d queries%s, %s, k=%d | JDK %s | kernels %s | %s%n", d.name(),
        d.train().size(), d.dimension(), nq, shuffle ? " (shuffled, seed " + QueryOrder.SEED + ")" : "",
        d.metric().benchmarkName(), o.k(), Runtime.version(),
        VectorUtil.provider(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    ConsoleTable table = new ConsoleTable(stdout, o.threads());
    List<Map<String, Object>> rows;
    try (JsonLinesSink jsonl = o.out() == null ? null : new JsonLinesSink(o.out())) {
      List<RowSink> sinks = jsonl == null ? List.of(table) : List.of(table, jsonl);
      rows = new BenchRun(plan, d, queries, progress, stderr, sinks).run();
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
