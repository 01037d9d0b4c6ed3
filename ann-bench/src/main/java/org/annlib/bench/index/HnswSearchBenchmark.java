package org.annlib.bench.index;

import java.util.concurrent.TimeUnit;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.Searcher;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.annlib.exact.Recall;
import org.annlib.hnsw.HnswIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HNSW search at fixed ef on the embedded Fashion-MNIST subset, one query per operation cycling
 * through the 1,000 queries, for each strategy preset ({@code variant}: plain HNSW, the GLASS
 * baseline, each CRINN change alone on top of GLASS, the CRINN preset). The index is built once per trial; recall@10
 * of the setting is computed there and printed, so every throughput number comes with its recall.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public class HnswSearchBenchmark {
  @Param({"16", "32", "64", "128"})
  public int ef;

  @Param({"16"})
  public int m;

  @Param({"default", "glass", "crinn-prune", "crinn-order", "crinn-momentum", "crinn-refine", "crinn-beam", "crinn-seeds",
      "crinn-fixed", "crinn", "crinn-all"})
  public String variant;

  private Searcher searcher;
  private float[][] queries;
  private SearchParams params;
  private int next;

  @Setup(Level.Trial)
  public void setup() {
    Dataset d = Datasets.embedded();
    HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).preset(variant).m(m).efConstruction(200).build(d.train());
    searcher = index.searcher();
    params = SearchParams.builder().ef(ef).build();
    queries = new float[d.test().size()][];
    double recall = 0;
    for (int q = 0; q < queries.length; q++) {
      queries[q] = d.test().vector(q);
      SearchResult r = searcher.search(queries[q], 10, params);
      recall += Recall.recall(d.metric(), queries[q], d.train(), r, d.distances()[q], 10);
    }
    System.out.printf("%n[recall] %s M=%d ef=%d recall@10=%.4f on %s%n", variant, m, ef, recall / queries.length,
        d.name());
  }

  @Benchmark
  public SearchResult search() {
    float[] q = queries[next];
    next = next + 1 == queries.length ? 0 : next + 1;
    return searcher.search(q, 10, params);
  }
}
