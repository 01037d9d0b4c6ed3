package org.annlib.bench.kernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.annlib.internal.vector.VectorKernels;
import org.annlib.internal.vector.VectorizationProvider;
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

/**
 * Float32 kernels, Panama against the scalar fallback, measured in one JMH run (each in its own
 * fork, as JMH does); the ratio is what docs/benchmarks.md reports. Dimensions are those of
 * common datasets (GloVe 25/100, SIFT 128, MNIST 784, GIST 960, embeddings 384/768/1536).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed heap, pre-touched, keeps GC and page faults out of nanosecond-scale measurements.
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FloatKernelBenchmark {
  @Param({"25", "100", "128", "256", "384", "768", "784", "960", "1536"})
  public int dim;

  private float[] a;
  private float[] b;
  private VectorKernels panama;
  private VectorKernels scalar;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    a = new float[dim];
    b = new float[dim];
    for (int i = 0; i < dim; i++) {
      a[i] = (float) r.nextGaussian();
      b[i] = (float) r.nextGaussian();
    }
    panama = VectorizationProvider.panama()
        .orElseThrow(() -> new IllegalStateException("Panama kernels unavailable: " + VectorizationProvider.fallbackReason()));
    scalar = VectorizationProvider.scalar();
  }

  @Benchmark
  public float dotPanama() {
    return panama.dot(a, 0, b, 0, dim);
  }

  @Benchmark
  public float dotScalar() {
    return scalar.dot(a, 0, b, 0, dim);
  }

  @Benchmark
  public float squareL2Panama() {
    return panama.squareL2(a, 0, b, 0, dim);
  }

  @Benchmark
  public float squareL2Scalar() {
    return scalar.squareL2(a, 0, b, 0, dim);
  }

  @Benchmark
  public float cosinePanama() {
    return panama.cosine(a, 0, b, 0, dim);
  }

  @Benchmark
  public float cosineScalar() {
    return scalar.cosine(a, 0, b, 0, dim);
  }
}
