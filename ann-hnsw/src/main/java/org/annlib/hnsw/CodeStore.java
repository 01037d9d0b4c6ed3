package org.annlib.hnsw;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;
import org.annlib.io.IndexOutput;
import org.annlib.quant.UniformQuantizer;
import org.annlib.util.Blocks;
import org.annlib.vector.VectorUtil;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * First-pass codes of every stored vector ({@link UniformQuantizer}: SQ8U or SQ4U), one row of
 * {@code rowBytes} per id at byte {@code id * rowBytes} of one segment, so the block has no size
 * ceiling. Built and loaded codes live in a {@link Blocks} block (a heap array while the codes fit
 * one, for the heap's huge pages; off-heap beyond 2 GiB; a block replaced by growth is freed once
 * no searcher holds it); a mapped index reads them in place from its file.
 * Rows are appended by one writer before the vector, so a node is encoded before any search can
 * reach it. Scorers encode the query on the same grid and compute distances in integer
 * arithmetic: squared L2 on codes; inner product as {@code d min^2 + step min (sum cq + sum cx) +
 * step^2 <cq, cx>}, with each row's code sum stored (inner-product metrics only).
 */
final class CodeStore {
  private static final ValueLayout.OfInt INT_LE = IndexFiles.INT_LE;

  private final Metric metric;
  private final UniformQuantizer quantizer;
  private final int dim;
  private final int rowBytes;
  private final boolean growable;
  /** The writer's scratch row (appends hold the index's append lock). */
  private final byte[] encoded;
  private volatile MemorySegment codes;
  /** Code sum of each row as little-endian int32; empty under Euclidean distance, which never reads it. */
  private volatile MemorySegment sums;
  private volatile int size;

  private CodeStore(Metric metric, UniformQuantizer quantizer, int dim, MemorySegment codes, MemorySegment sums,
      int size, boolean growable) {
    this.metric = metric;
    this.quantizer = quantizer;
    this.dim = dim;
    this.rowBytes = quantizer.codeBytes(dim);
    this.codes = codes;
    this.sums = sums;
    this.size = size;
    this.growable = growable;
    this.encoded = new byte[rowBytes];
  }

  private static boolean keepsSums(Metric metric) {
    return metric != Metric.EUCLIDEAN;
  }

  /** Bytes of the code-sum section a file of {@code size} rows holds under {@code metric}. */
  static long sumBytes(Metric metric, int size) {
    return keepsSums(metric) ? 4L * size : 0;
  }

  /** An empty growable store with room for {@code capacity} rows. */
  static CodeStore allocate(Metric metric, UniformQuantizer quantizer, int dim, int capacity) {
    int rows = Math.max(1, capacity);
    MemorySegment c = Blocks.allocate((long) rows * quantizer.codeBytes(dim));
    MemorySegment s = Blocks.allocate(sumBytes(metric, rows));
    return new CodeStore(metric, quantizer, dim, c, s, 0, true);
  }

  /**
   * Trains the quantizer on {@code vectors} (stored, i.e. normalised under cosine) and encodes them
   * all, one row at a time: the vectors are never copied whole.
   */
  static CodeStore encode(Metric metric, VectorValues vectors, int bits, long seed) {
    int n = vectors.size();
    int dim = vectors.dimension();
    CodeStore store = allocate(metric, UniformQuantizer.train(vectors, bits, seed), dim, Math.max(16, n));
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      vectors.copyTo(i, row, 0);
      store.append(row);
    }
    return store;
  }

  /**
   * Codes read from a file: {@code mapped}, the store reads {@code codes} and {@code sums} in place
   * (read-only, valid while the file's arena is open); otherwise they are copied into a growable
   * store.
   */
  static CodeStore of(Metric metric, UniformQuantizer quantizer, int dim, int size, MemorySegment codes,
      MemorySegment sums, boolean mapped) {
    return mapped ? new CodeStore(metric, quantizer, dim, codes, sums, size, false)
        : new CodeStore(metric, quantizer, dim, Blocks.copyOf(codes), Blocks.copyOf(sums), size, true);
  }

  /** False when the codes are read in place from a mapped file. */
  boolean growable() {
    return growable;
  }

  UniformQuantizer quantizer() {
    return quantizer;
  }

  int bits() {
    return quantizer.bits();
  }

  long ramBytesUsed() {
    return codes.byteSize() + sums.byteSize();
  }

  /** Appends the code of the next id; single writer (the index's append lock). */
  void append(float[] vector) {
    if (!growable) {
      throw new IllegalStateException("memory-mapped codes are read-only");
    }
    int id = size;
    MemorySegment c = codes;
    MemorySegment s = sums;
    long at = (long) id * rowBytes;
    if (at + rowBytes > c.byteSize()) {
      long rows = c.byteSize() / rowBytes;
      long cap = Math.max(id + 1L, rows + (rows >> 1));
      MemorySegment grown = Blocks.allocate(cap * rowBytes);
      MemorySegment.copy(c, 0, grown, 0, at);
      MemorySegment grownSums = Blocks.allocate(sumBytes(metric, (int) Math.min(Integer.MAX_VALUE, cap)));
      MemorySegment.copy(s, 0, grownSums, 0, sumBytes(metric, id));
      c = grown;
      s = grownSums;
    }
    byte[] row = encoded;
    quantizer.encode(vector, 0, dim, row, 0);
    MemorySegment.copy(row, 0, c, ValueLayout.JAVA_BYTE, at, rowBytes);
    if (keepsSums(metric)) {
      s.set(INT_LE, 4L * id, quantizer.codeSum(row, 0, dim));
    }
    codes = c;
    sums = s;
    size = id + 1;
  }

  /** Re-encodes row {@code id} (a reused slot); single writer, searches excluded by the caller. */
  void set(int id, float[] vector) {
    if (!growable) {
      throw new IllegalStateException("memory-mapped codes are read-only");
    }
    if (id < 0 || id >= size) {
      throw new IndexOutOfBoundsException("code row " + id + " out of range [0, " + size + ")");
    }
    byte[] row = encoded;
    quantizer.encode(vector, 0, dim, row, 0);
    MemorySegment.copy(row, 0, codes, ValueLayout.JAVA_BYTE, (long) id * rowBytes, rowBytes);
    if (keepsSums(metric)) {
      sums.set(INT_LE, 4L * id, quantizer.codeSum(row, 0, dim));
    }
  }

  /** Writes the first {@code rows} code rows, then their sums (the file's code sections). */
  void writeTo(IndexOutput out, int rows, long sumsOffset) throws IOException {
    out.putBytes(codes, (long) rows * rowBytes).padTo(sumsOffset).putBytes(sums, sumBytes(metric, rows));
  }

  /** A reusable scorer against the codes; one per searcher, {@link Scorer#reset} per query. */
  Scorer newScorer() {
    return new Scorer();
  }

  /** Scratch for one query: its code row and the affine constants of the inner product. */
  final class Scorer implements VectorScorer {
    private final byte[] q = new byte[rowBytes];
    private final boolean four = quantizer.bits() == 4;
    private final float step = quantizer.step();
    private final float min = quantizer.min();
    private final float step2 = step * step;
    private int[] ints = new int[64];
    private MemorySegment c;
    /** The array behind {@code c} when the codes are one heap array (the fast kernels), else null. */
    private byte[] ca;
    private MemorySegment s;
    private float constant;

    /** Encodes the (prepared) query and takes the current code blocks. */
    void reset(float[] query) {
      quantizer.encode(query, 0, dim, q, 0);
      c = codes;
      ca = Blocks.array(c);
      s = sums;
      // only inner products read the query's code sum
      constant = metric == Metric.EUCLIDEAN ? 0 : dim * min * min + step * min * quantizer.codeSum(q, 0, dim);
    }

    @Override
    public float distance(int ord) {
      byte[] a = ca;
      if (a != null) {
        int at = ord * rowBytes; // inside one array: below 2^31
        if (metric == Metric.EUCLIDEAN) {
          return step2 * (four ? VectorUtil.squareL2U4(q, 0, a, at, rowBytes) : VectorUtil.squareL2U8(q, 0, a, at, rowBytes));
        }
        return innerProduct(ord, four ? VectorUtil.dotU4(q, 0, a, at, rowBytes) : VectorUtil.dotU8(q, 0, a, at, rowBytes));
      }
      long at = (long) ord * rowBytes;
      if (metric == Metric.EUCLIDEAN) {
        return step2 * (four ? VectorUtil.squareL2U4(q, 0, c, at, rowBytes) : VectorUtil.squareL2U8(q, 0, c, at, rowBytes));
      }
      return innerProduct(ord, four ? VectorUtil.dotU4(q, 0, c, at, rowBytes) : VectorUtil.dotU8(q, 0, c, at, rowBytes));
    }

    private float innerProduct(int ord, int dot) {
      float ip = constant + step * min * s.get(INT_LE, 4L * ord) + step2 * dot;
      return metric.distanceFromDot(ip);
    }

    @Override
    public void distances(int[] ords, int n, float[] out) {
      byte[] a = ca;
      if (metric != Metric.EUCLIDEAN || !four) {
        if (a != null) {
          VectorUtil.touchRows(a, ords, n, rowBytes);
        } else {
          VectorUtil.touchRows(c, ords, n, rowBytes);
        }
        for (int i = 0; i < n; i++) {
          out[i] = distance(ords[i]);
        }
        return;
      }
      if (ints.length < n) {
        ints = new int[n];
      }
      if (a != null) {
        VectorUtil.squareL2U4Ords(q, a, ords, n, rowBytes, ints);
      } else {
        VectorUtil.squareL2U4Ords(q, c, ords, n, rowBytes, ints);
      }
      for (int i = 0; i < n; i++) {
        out[i] = step2 * ints[i];
      }
    }
  }
}
