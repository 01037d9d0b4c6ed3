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

/**
 * {@code ./ann routing}: the learned-routing evaluation of arXiv 2404.11731 (§2.2 of the research
 * note) on one dataset. The dataset's queries are split with a seed into a query log (80%, which
 * the index splits again 80/20 into training and validation: the paper's 64/16/20) and test
 * queries (20%), disjoint. Routers are scored on the test queries only: top-1 accuracy (the exact
 * nearest neighbour lies in a probed list), recall@10 of the probed lists, and the vectors those
 * lists hold, at 0.1%, 0.5%, 1%, 2% and 5% of the partitions.
 */
public final class RoutingCommand {
  public static final String USAGE = """
      usage: ./ann routing [--data FILE | --dataset NAME] [--metric NAME] [--nlist N] [--labels 1,10]
                           [--sources log,base] [--training-queries N] [--seed N] [--threads N] [--out FILE.md]
        --metric NAME          score the set under another metric, e.g. inner_product for MIPS on raw vectors
        --nlist N              partitions, default 256
        --labels K,...         label depths to train with (1 = the paper's top-1 labels), default 1,10
        --sources S,...        training queries: log (held-out dataset queries) and/or base (base vectors)
        --training-queries N   base vectors used as queries for source base, default 10000
        --out FILE             also write the markdown table to FILE""";

  private static final double[] PERCENTS = {0.1, 0.5, 1, 2, 5};

  private RoutingCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    String dataset = null;
    Path data = null;
    String metricName = null;
    int nlist = 256;
    List<Integer> labels = List.of(1, 10);
    List<String> sources = List.of("log", "base");
    int trainingQueries = 10_000;
    long seed = 42;
    int threads = Runtime.getRuntime().availableProcessors();
    Path outFile = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 >= args.length) {
        throw new UsageException(a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--dataset" -> dataset = v;
        case "--data" -> data = Path.of(v);
        case "--metric" -> metricName = v;
        case "--nlist" -> nlist = number(a, v);
        case "--labels" -> {
          List<Integer> l = new ArrayList<>();
          for (String x : v.split(",")) {
            l.add(number(a, x.trim()));
          }
          labels = l;
        }
        case "--sources" -> sources = List.of(v.split(","));
        case "--training-queries" -> trainingQueries = number(a, v);
        case "--seed" -> seed = number(a, v);
        case "--threads" -> threads = number(a, v);
        case "--out" -> outFile = Path.of(v);
        default -> throw new UsageException("unknown option " + a + "; see ./ann routing --help");
      }
    }
    for (String s : sources) {
      if (!s.equals("log") && !s.equals("base")) {
        throw new UsageException("unknown training-query source '" + s + "'; known: log, base");
      }
    }
    ConsoleProgress progress = new ConsoleProgress(err);
    DatasetResolver resolver = DatasetResolver.fromEnvironment();
    Dataset d = data != null ? Datasets.load(data, null, resolver.cacheDir(), threads, progress)
        : resolver.open(dataset == null ? Datasets.EMBEDDED_NAME : dataset, threads, progress);
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

  private static int number(String option, String value) throws UsageException {
    try {
      int n = Integer.parseInt(value);
      if (n > 0 || option.equals("--seed")) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new UsageException(option + " needs a positive whole number, got '" + value + "'");
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
