package org.annlib.bench.kernels;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.annlib.vector.VectorUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a graph walk does per expansion: score 32 rows scattered over a Fashion-MNIST-sized store
 * (60,000 rows; 4-bit codes of 392 bytes, 23 MB, and float32 rows of 784, 188 MB). The gather
 * kernels ({@code *Ords}) touch the rows first so that their cache misses overlap; the
 * one-by-one loops call the row kernel per id, each waiting on its own misses. Time per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch",
    "-XX:+UseTransparentHugePages"})
public class GatherBenchmark {
  private static final int ROWS = 60_000;
  private static final int DIM = 784;
  private static final int CODE_BYTES = DIM / 2;
  private static final int BATCH = 32;

  /** In a {@link org.annlib.util.Blocks} block, as an index keeps its codes. */
  private java.lang.foreign.MemorySegment codes;
  private float[] floats;
  private byte[] queryCode;
  private float[] query;
  private int[] stream;
  private int cursor;
  private final int[] ords = new int[BATCH];
  private final int[] ints = new int[BATCH];
  private final float[] scores = new float[BATCH];

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(42);
    byte[] bytes = new byte[ROWS * CODE_BYTES];
    r.nextBytes(bytes);
    codes = org.annlib.util.Blocks.allocate(bytes.length);
    java.lang.foreign.MemorySegment.copy(bytes, 0, codes, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
    floats = new float[ROWS * DIM];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) r.nextDouble();
    }
    queryCode = new byte[CODE_BYTES];
    r.nextBytes(queryCode);
    query = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      query[i] = (float) r.nextDouble();
    }
    stream = new int[1 << 20];
    for (int i = 0; i < stream.length; i++) {
      stream[i] = r.nextInt(ROWS);
    }
  }

  private int[] nextOrds() {
    System.arraycopy(stream, cursor, ords, 0, BATCH);
    cursor = (cursor + BATCH) & (stream.length - 1);
    return ords;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int codesGathered() {
    VectorUtil.squareL2U4Ords(queryCode, codes, nextOrds(), BATCH, CODE_BYTES, ints);
    return ints[BATCH - 1];
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int codesOneByOne() {
    int[] o = nextOrds();
    int s = 0;
    for (int i = 0; i < BATCH; i++) {
      s += VectorUtil.squareL2U4(queryCode, 0, codes, (long) o[i] * CODE_BYTES, CODE_BYTES);
    }
    return s;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float floatsGathered() {
    VectorUtil.squareL2Ords(query, floats, nextOrds(), BATCH, DIM, scores);
    return scores[BATCH - 1];
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float floatsOneByOne() {
    int[] o = nextOrds();
    float s = 0;
    for (int i = 0; i < BATCH; i++) {
      s += VectorUtil.squareL2(query, 0, floats, o[i] * DIM, DIM);
    }
    return s;
  }
}
