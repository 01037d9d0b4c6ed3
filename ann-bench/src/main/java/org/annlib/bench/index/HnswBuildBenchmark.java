package org.annlib.bench.index;

import java.util.concurrent.TimeUnit;
import org.annlib.Metric;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.annlib.hnsw.HnswIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Time to build HNSW on the embedded Fashion-MNIST subset (10,000 x 784), per thread count. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages"})
public class HnswBuildBenchmark {
  @Param({"1", "2"})
  public int threads;

  @Param({"16"})
  public int m;

  @Param({"200"})
  public int efConstruction;

  private Dataset data;

  @Setup
  public void setup() {
    data = Datasets.embedded();
  }

  @Benchmark
  public HnswIndex build() {
    return HnswIndex.builder(Metric.EUCLIDEAN).m(m).efConstruction(efConstruction).threads(threads).build(data.train());
  }
}
