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

/** Quantised-code kernels (uint8 for SQ8 against an off-heap stored row, int8), Panama against scalar, in one run. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class CodeKernelBenchmark {
  @Param({"25", "128", "384", "784", "960"})
  public int dim;

  private byte[] a;
  private byte[] b;
  /** {@code b} off the heap, where an index keeps its code rows. */
  private java.lang.foreign.MemorySegment stored;
  private VectorKernels panama;
  private VectorKernels scalar;

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    a = new byte[dim];
    b = new byte[dim];
    r.nextBytes(a);
    r.nextBytes(b);
    stored = java.lang.foreign.Arena.ofAuto().allocate(dim);
    java.lang.foreign.MemorySegment.copy(b, 0, stored, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, dim);
    panama = VectorizationProvider.panama()
        .orElseThrow(() -> new IllegalStateException("Panama kernels unavailable: " + VectorizationProvider.fallbackReason()));
    scalar = VectorizationProvider.scalar();
  }

  @Benchmark
  public int squareL2U8Panama() {
    return panama.squareL2U8(a, 0, stored, 0, dim);
  }

  @Benchmark
  public int squareL2U8Scalar() {
    return scalar.squareL2U8(a, 0, stored, 0, dim);
  }

  @Benchmark
  public int dotU8Panama() {
    return panama.dotU8(a, 0, stored, 0, dim);
  }

  @Benchmark
  public int dotU8Scalar() {
    return scalar.dotU8(a, 0, stored, 0, dim);
  }

  @Benchmark
  public int dotI8Panama() {
    return panama.dotI8(a, 0, b, 0, dim);
  }

  @Benchmark
  public int dotI8Scalar() {
    return scalar.dotI8(a, 0, b, 0, dim);
  }
}
