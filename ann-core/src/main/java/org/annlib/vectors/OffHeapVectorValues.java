package org.annlib.vectors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.annlib.Metric;
import org.annlib.vector.VectorUtil;

/**
 * Read-only vectors in a {@link MemorySegment}: little-endian float32, row-major, {@code
 * dimension * 4} bytes a row. The segment may be memory-mapped from a file of any size (offsets
 * are {@code long}, so files beyond 2 GiB work, unlike {@code MappedByteBuffer}), or allocated
 * off-heap. The segment's arena decides its lifetime; reads after the arena closes throw
 * {@link IllegalStateException}.
 */
public final class OffHeapVectorValues implements VectorValues {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final MemorySegment segment;
  private final int size;
  private final int dimension;
  private final long rowBytes;
  /** One row per thread for {@link #distanceBetween}: graph construction calls it millions of times. */
  private final ThreadLocal<float[]> scratch;

  private OffHeapVectorValues(MemorySegment segment, int size, int dimension) {
    this.segment = segment;
    this.size = size;
    this.dimension = dimension;
    this.rowBytes = 4L * dimension;
    this.scratch = ThreadLocal.withInitial(() -> new float[dimension]);
  }

  /**
   * Views {@code size} rows at the start of {@code segment}.
   *
   * @throws IllegalArgumentException when the segment is too short for them
   */
  public static OffHeapVectorValues of(MemorySegment segment, int size, int dimension) {
    if (dimension <= 0 || size < 0) {
      throw new IllegalArgumentException("bad shape: size " + size + ", dimension " + dimension);
    }
    long need = 4L * dimension * size;
    if (segment.byteSize() < need) {
      throw new IllegalArgumentException(
          "segment holds " + segment.byteSize() + " bytes, " + size + " vectors of dimension "
              + dimension + " need " + need);
    }
    return new OffHeapVectorValues(segment.asSlice(0, need), size, dimension);
  }

  /**
   * Maps {@code size} rows starting at {@code byteOffset} of {@code file} read-only.
   *
   * @throws IOException when the file cannot be opened, or is shorter than the rows need
   */
  public static OffHeapVectorValues map(Path file, long byteOffset, int size, int dimension, Arena arena)
      throws IOException {
    long need = 4L * dimension * size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long have = ch.size() - byteOffset;
      if (have < need) {
        throw new IOException(
            file + " is truncated: " + size + " vectors of dimension " + dimension + " at offset "
                + byteOffset + " need " + need + " bytes, the file has " + Math.max(0, have));
      }
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, byteOffset, need, arena);
      return new OffHeapVectorValues(seg, size, dimension);
    }
  }

  /** Copies any vector values into a segment allocated in {@code arena}. */
  public static OffHeapVectorValues copyOf(VectorValues source, Arena arena) {
    int n = source.size();
    int dim = source.dimension();
    MemorySegment seg = arena.allocate(4L * dim * n, 64);
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      source.copyTo(i, row, 0);
      MemorySegment.copy(row, 0, seg, FLOAT_LE, 4L * dim * i, dim);
    }
    return new OffHeapVectorValues(seg, n, dim);
  }

  /** Writes the rows of {@code source} in this class's layout (little-endian float32). */
  public static void write(VectorValues source, WritableByteChannel out) throws IOException {
    int dim = source.dimension();
    ByteBuffer buf = ByteBuffer.allocate(4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    float[] row = new float[dim];
    for (int i = 0; i < source.size(); i++) {
      source.copyTo(i, row, 0);
      buf.clear();
      buf.asFloatBuffer().put(row);
      buf.limit(4 * dim);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
    }
  }

  public MemorySegment segment() {
    return segment;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public void copyTo(int ord, float[] dst, int offset) {
    VectorChecks.checkOrdinal(ord, size);
    MemorySegment.copy(segment, FLOAT_LE, ord * rowBytes, dst, offset, dimension);
  }

  @Override
  public VectorScorer scorer(Metric metric, float[] query) {
    MemorySegment s = segment;
    int dim = dimension;
    long stride = rowBytes;
    boolean l2 = metric == Metric.EUCLIDEAN;
    return new VectorScorer() {
      @Override
      public float distance(int ord) {
        return l2 ? VectorUtil.squareL2(query, s, ord * stride, dim)
            : metric.distanceFromDot(VectorUtil.dot(query, s, ord * stride, dim));
      }

      @Override
      public void distances(int[] ords, int n, float[] out) {
        if (l2) {
          VectorUtil.squareL2Ords(query, s, ords, n, dim, out);
          return;
        }
        VectorUtil.dotOrds(query, s, ords, n, dim, out);
        for (int i = 0; i < n; i++) {
          out[i] = metric.distanceFromDot(out[i]);
        }
      }
    };
  }

  @Override
  public float distanceBetween(Metric metric, int a, int b) {
    float[] row = scratch.get();
    copyTo(a, row, 0);
    long at = b * rowBytes;
    return metric == Metric.EUCLIDEAN ? VectorUtil.squareL2(row, segment, at, dimension)
        : metric.distanceFromDot(VectorUtil.dot(row, segment, at, dimension));
  }

  @Override
  public long ramBytesUsed() {
    return segment.byteSize();
  }
}
