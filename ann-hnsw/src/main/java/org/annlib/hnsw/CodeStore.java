package org.annlib.hnsw;

import org.annlib.Metric;
import org.annlib.quant.UniformQuantizer;
import org.annlib.vector.VectorUtil;
import org.annlib.vectors.VectorScorer;
import org.annlib.vectors.VectorValues;

/**
 * First-pass codes of every stored vector ({@link UniformQuantizer}: SQ8U or SQ4U), one row of
 * {@code codeBytes} per id, growable by one writer like {@code FlatVectorValues} (codes are
 * appended before the vector, so a node is encoded before any search can reach it). Scorers
 * encode the query on the same grid and compute distances in integer arithmetic: squared L2 on
 * codes; inner product as {@code d min^2 + step min (sum cq + sum cx) + step^2 <cq, cx>} with each
 * row's code sum stored.
 */
final class CodeStore {
  private final Metric metric;
  private final UniformQuantizer quantizer;
  private final int dim;
  private final int rowBytes;
  private volatile byte[] codes;
  private volatile int[] sums;
  private volatile int size;

  CodeStore(Metric metric, UniformQuantizer quantizer, int dim, int capacity) {
    this.metric = metric;
    this.quantizer = quantizer;
    this.dim = dim;
    this.rowBytes = quantizer.codeBytes(dim);
    this.codes = new byte[checkedBytes(Math.max(1, capacity), rowBytes)];
    this.sums = new int[Math.max(1, capacity)];
  }

  /**
   * Trains the quantizer on {@code vectors} (stored, i.e. normalised under cosine) and encodes them
   * all, one row at a time: the vectors are never copied whole.
   */
  static CodeStore encode(Metric metric, VectorValues vectors, int bits, long seed) {
    int n = vectors.size();
    int dim = vectors.dimension();
    CodeStore store = new CodeStore(metric, UniformQuantizer.train(vectors, bits, seed), dim, Math.max(16, n));
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      vectors.copyTo(i, row, 0);
      store.append(row);
    }
    return store;
  }

  /** One array holds every code, so its rows times their bytes must stay below 2^31. */
  private static final long MAX_CODE_BYTES = Integer.MAX_VALUE - 16;

  private static int checkedBytes(int rows, int rowBytes) {
    long bytes = (long) rows * rowBytes;
    if (bytes > MAX_CODE_BYTES) {
      throw new IllegalStateException(rows + " first-pass codes of " + rowBytes + " bytes exceed the 2 GiB a code"
          + " array holds; use a preset without codes (default) for this many vectors");
    }
    return (int) bytes;
  }

  int bits() {
    return quantizer.bits();
  }

  long ramBytesUsed() {
    return codes.length + 4L * sums.length;
  }

  /** Appends the code of the next id; single writer (the index's append lock). */
  void append(float[] vector) {
    int id = size;
    byte[] c = codes;
    int[] s = sums;
    if ((long) (id + 1) * rowBytes > c.length) {
      int cap = (int) Math.min(MAX_CODE_BYTES / rowBytes, Math.max(id + 1, s.length + (long) (s.length >> 1)));
      c = java.util.Arrays.copyOf(c, checkedBytes(cap, rowBytes));
      s = java.util.Arrays.copyOf(s, cap);
    }
    quantizer.encode(vector, 0, dim, c, id * rowBytes);
    s[id] = quantizer.codeSum(c, id * rowBytes, dim);
    codes = c;
    sums = s;
    size = id + 1;
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
    private byte[] c;
    private int[] s;
    private float constant;

    /** Encodes the (prepared) query and takes the current code arrays. */
    void reset(float[] query) {
      quantizer.encode(query, 0, dim, q, 0);
      c = codes;
      s = sums;
      // only inner products read the query's code sum
      constant = metric == Metric.EUCLIDEAN ? 0 : dim * min * min + step * min * quantizer.codeSum(q, 0, dim);
    }

    @Override
    public float distance(int ord) {
      int at = ord * rowBytes;
      if (metric == Metric.EUCLIDEAN) {
        return step2 * (four ? VectorUtil.squareL2U4(q, 0, c, at, rowBytes) : VectorUtil.squareL2U8(q, 0, c, at, rowBytes));
      }
      int dot = four ? VectorUtil.dotU4(q, 0, c, at, rowBytes) : VectorUtil.dotU8(q, 0, c, at, rowBytes);
      float ip = constant + step * min * s[ord] + step2 * dot;
      return metric.distanceFromDot(ip);
    }

    @Override
    public void distances(int[] ords, int n, float[] out) {
      if (metric != Metric.EUCLIDEAN || !four) {
        VectorUtil.touchRows(c, ords, n, rowBytes);
        for (int i = 0; i < n; i++) {
          out[i] = distance(ords[i]);
        }
        return;
      }
      if (ints.length < n) {
        ints = new int[n];
      }
      VectorUtil.squareL2U4Ords(q, c, ords, n, rowBytes, ints);
      for (int i = 0; i < n; i++) {
        out[i] = step2 * ints[i];
      }
    }
  }
}
