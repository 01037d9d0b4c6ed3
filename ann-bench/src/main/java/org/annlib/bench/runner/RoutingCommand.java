package org.annlib.bench.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.annlib.Metric;
import org.annlib.ProgressListener;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.DatasetResolver;
import org.annlib.datasets.Datasets;
import org.annlib.exact.GroundTruth;
import org.annlib.ivf.IvfIndex;
import org.annlib.ivf.IvfIndexBuilder;
import org.annlib.ivf.train.Sampling;
import org.annlib.vectors.FlatVectorValues;
import org.annlib.vectors.VectorChecks;
import org.annlib.vectors.VectorValues;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ann routing}: the learned-routing evaluation of arXiv 2404.11731 (§2.2 of the research
 * note) on one dataset. The dataset's queries are split with a seed into a query log (80%, which
 * the index splits again 80/20 into training and validation: the paper's 64/16/20) and test
 * queries (20%), disjoint. Routers are scored on the test queries only: top-1 accuracy (the exact
 * nearest neighbour lies in a probed list), recall@10 of the probed lists, and the vectors those
 * lists hold, at 0.1%%, 0.5%%, 1%%, 2%% and 5%% of the partitions.
 */
@Command(name = "routing", sortOptions = false,
    description = {"The learned-routing evaluation (arXiv 2404.11731): centroid and learned IVF routers scored on"
        + " held-out queries at 0.1%%, 0.5%%, 1%%, 2%% and 5%% of the partitions."})
public final class RoutingCommand implements Callable<Integer> {
  private static final double[] PERCENTS = {0.1, 0.5, 1, 2, 5};

  @CommandLine.Mixin
  DatasetOption source;

  @Option(names = "--metric", paramLabel = "NAME",
      description = "Score the set under another metric, e.g. inner_product for MIPS on raw vectors.")
  String metricName;

  @Option(names = "--nlist", paramLabel = "N", converter = PositiveInt.class, description = "Partitions, default 256.")
  int nlist = 256;

  @Option(names = "--labels", split = ",", paramLabel = "K", converter = PositiveInt.class,
      description = "Label depths to train with (1 = the paper's top-1 labels), default 1,10.")
  List<Integer> labels = List.of(1, 10);

  @Option(names = "--sources", split = ",", paramLabel = "log|base", description = "Training queries: log"
      + " (held-out dataset queries) and/or base (base vectors), default log,base.")
  List<String> sources = List.of("log", "base");

  @Option(names = "--training-queries", paramLabel = "N", converter = PositiveInt.class,
      description = "Base vectors used as queries for source base, default 10000.")
  int trainingQueries = 10_000;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the query split and of training, default 42.")
  long seed = 42;

  @Option(names = "--threads", paramLabel = "N", converter = PositiveInt.class, description = "Threads, default all cores.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--out", paramLabel = "FILE.md", description = "Also write the markdown table to FILE.")
  Path outFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin
  HelpOption help;

  private final PrintStream out;
  private final PrintStream err;

  RoutingCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    source.check(spec);
    for (String s : sources) {
      if (!s.equals("log") && !s.equals("base")) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "unknown training-query source '" + s + "'; known: log, base");
      }
    }
    ConsoleProgress progress = new ConsoleProgress(err);
    DatasetResolver resolver = DatasetResolver.fromEnvironment();
    Dataset d = source.data != null ? Datasets.load(source.data, null, resolver.cacheDir(), threads, progress)
        : resolver.open(source.dataset == null ? Datasets.EMBEDDED_NAME : source.dataset, threads, progress);
    Metric metric = metricName == null ? d.metric() : Metric.fromName(metricName);

    int nq = d.test().size();
    int[] order = new int[nq];
    Arrays.setAll(order, i -> i);
    Sampling.shuffle(order, new SplittableRandom(seed));
    int nTest = nq / 5;
    FlatVectorValues test = subset(d.test(), order, 0, nTest);
    FlatVectorValues log = subset(d.test(), order, nTest, nq);
    err.println("routing: " + d.name() + " under " + metric.benchmarkName() + ", nlist " + nlist + ", " + log.size()
        + " log queries (80/20 train/validation), " + nTest + " test queries");
    int[][] truth = GroundTruth.compute(d.train(), test, metric, 10, threads, ProgressListener.NONE).ids();

    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Dataset %s, metric %s, %,d x %d, nlist %d, %d test queries (seed %d), %s.",
        d.name(), metric.benchmarkName(), d.train().size(), d.dimension(), nlist, nTest, seed, LocalDate.now()));
    lines.add("");
    StringBuilder head = new StringBuilder("| router | training queries | labels | kept | build s |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|---:|");
    for (double p : PERCENTS) {
      int l = probes(p, nlist);
      head.append(String.format(Locale.ROOT, " %.1f%% (l=%d) top-1 / R@10 / scanned |", p, l));
      rule.append("---|");
    }
    lines.add(head.toString());
    lines.add(rule.toString());
    long t0 = System.nanoTime();
    IvfIndex centroid = builder(metric, nlist, seed, threads).build(d.train());
    lines.add(row("centroid", "-", "-", "centroid", (System.nanoTime() - t0) / 1e9, centroid, metric, test, truth));
    err.println("centroid: " + centroid.describe());
    printLast(out, lines);
    for (String source : sources) {
      for (int k : labels) {
        IvfIndexBuilder b = builder(metric, nlist, seed, threads).router("ltr").labelDepth(k).progress(progress);
        if (source.equals("log")) {
          b.queryLog(log);
        } else {
          b.trainingQueries(trainingQueries);
        }
        long t1 = System.nanoTime();
        IvfIndex learned = b.build(d.train());
        err.println("ltr/" + source + "/top-" + k + ": " + learned.routingReport());
        String src = source.equals("log") ? "log (" + learned.routingReport().trainQueries() + " + "
            + learned.routingReport().validationQueries() + ")" : "base (" + learned.routingReport().trainQueries()
            + " + " + learned.routingReport().validationQueries() + ")";
        lines.add(row("ltr", src, "top-" + k, learned.router().name() + " (epoch " + learned.routingReport().bestEpoch()
            + ")", (System.nanoTime() - t1) / 1e9, learned, metric, test, truth));
        printLast(out, lines);
      }
    }
    if (outFile != null) {
      Files.write(outFile, lines);
    }
    out.println();
    for (String l : lines) {
      out.println(l);
    }
    return 0;
  }

  private static void printLast(PrintStream out, List<String> lines) {
    out.println(lines.get(lines.size() - 1));
    out.flush();
  }

  private static IvfIndexBuilder builder(Metric metric, int nlist, long seed, int threads) {
    return IvfIndex.builder(metric).nlist(nlist).seed(seed).threads(threads);
  }

  static int probes(double percent, int nlist) {
    return Math.max(1, (int) Math.round(percent / 100 * nlist));
  }

  private static FlatVectorValues subset(VectorValues v, int[] order, int from, int to) {
    FlatVectorValues out = new FlatVectorValues(v.dimension(), Math.max(1, to - from));
    for (int i = from; i < to; i++) {
      out.add(v.vector(order[i]));
    }
    return out;
  }

  private static String row(String router, String source, String labels, String kept, double seconds, IvfIndex index,
      Metric metric, VectorValues test, int[][] truth) {
    int parts = index.partitions();
    int[] assignment = index.assignment();
    int[] sizes = new int[parts];
    for (int a : assignment) {
      sizes[a]++;
    }
    double[] top1 = new double[PERCENTS.length];
    double[] recall = new double[PERCENTS.length];
    double[] scanned = new double[PERCENTS.length];
    float[] scores = new float[parts];
    Integer[] rank = new Integer[parts];
    for (int q = 0; q < test.size(); q++) {
      float[] query = VectorChecks.prepare(test.vector(q), test.dimension(), metric, "query");
      index.router().scores(query, scores);
      Arrays.setAll(rank, i -> i);
      Arrays.sort(rank, (x, y) -> Float.compare(scores[y], scores[x]));
      for (int pi = 0; pi < PERCENTS.length; pi++) {
        int l = probes(PERCENTS[pi], parts);
        boolean[] probed = new boolean[parts];
        for (int j = 0; j < l; j++) {
          probed[rank[j]] = true;
          scanned[pi] += sizes[rank[j]];
        }
        top1[pi] += probed[assignment[truth[q][0]]] ? 1 : 0;
        int hits = 0;
        for (int t = 0; t < 10; t++) {
          hits += probed[assignment[truth[q][t]]] ? 1 : 0;
        }
        recall[pi] += hits / 10.0;
      }
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f |", router, source,
        labels, kept, seconds));
    int n = test.size();
    for (int pi = 0; pi < PERCENTS.length; pi++) {
      sb.append(String.format(Locale.ROOT, " %.3f / %.3f / %,.0f |", top1[pi] / n, recall[pi] / n, scanned[pi] / n));
    }
    return sb.toString();
  }
}
