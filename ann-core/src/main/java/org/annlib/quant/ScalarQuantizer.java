package org.annlib.quant;

import org.annlib.Metric;
import org.annlib.vector.VectorUtil;

/**
 * SQ8: one unsigned byte per dimension on a per-dimension grid, as FAISS's {@code SQ8} (research
 * note ltr-ivf §3.5). With {@code step = (max - min) / 256}, code
 * {@code c = clamp(floor((x - min) / step), 0, 255)} decodes to the cell centre
 * {@code min + (c + 0.5) step}, so a value inside the trained range is off by at most
 * {@code step / 2}. Distances are asymmetric (float query, byte codes): the per-dimension step is
 * folded into the query once, leaving one float-by-byte dot product per row,
 * {@code <q, x^> = sum_j q_j (min_j + step_j / 2) + sum_j (q_j step_j) c_j}; for euclidean the
 * decoded norm {@code |x^|^2} is stored per row. Immutable and thread-safe.
 */
public final class ScalarQuantizer {
  private final float[] mins;
  private final float[] steps;

  public ScalarQuantizer(float[] mins, float[] steps) {
    if (mins.length != steps.length) {
      throw new IllegalArgumentException(mins.length + " minimums for " + steps.length + " steps");
    }
    for (int j = 0; j < steps.length; j++) {
      if (!Float.isFinite(mins[j]) || !Float.isFinite(steps[j]) || steps[j] < 0) {
        throw new IllegalArgumentException("dimension " + j + " has an invalid range: min " + mins[j] + ", step "
            + steps[j]);
      }
    }
    this.mins = mins.clone();
    this.steps = steps.clone();
  }

  /** Per-dimension range of {@code n} row-major vectors. */
  public static ScalarQuantizer train(float[] data, int n, int dim) {
    return train(org.annlib.vectors.FlatVectorValues.wrap(
        data.length == (long) n * dim ? data : java.util.Arrays.copyOf(data, Math.multiplyExact(n, dim)), dim));
  }

  /** Per-dimension range of {@code vectors}, read row by row (nothing is copied whole). */
  public static ScalarQuantizer train(org.annlib.vectors.VectorValues vectors) {
    int n = vectors.size();
    int dim = vectors.dimension();
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    float[] row = new float[dim];
    for (int i = 0; i < n; i++) {
      vectors.copyTo(i, row, 0);
      for (int j = 0; j < dim; j++) {
        float x = row[j];
        lo[j] = Math.min(lo[j], x);
        hi[j] = Math.max(hi[j], x);
      }
    }
    float[] steps = new float[dim];
    for (int j = 0; j < dim; j++) {
      if (n == 0) {
        lo[j] = 0;
      } else {
        steps[j] = (hi[j] - lo[j]) / 256f;
      }
    }
    return new ScalarQuantizer(lo, steps);
  }

  public int dimension() {
    return mins.length;
  }

  public float[] mins() {
    return mins.clone();
  }

  public float[] steps() {
    return steps.clone();
  }

  public void encode(float[] v, int vOffset, byte[] out, int outOffset) {
    for (int j = 0; j < mins.length; j++) {
      int c = steps[j] == 0 ? 0 : (int) Math.floor((v[vOffset + j] - mins[j]) / steps[j]);
      out[outOffset + j] = (byte) Math.max(0, Math.min(255, c));
    }
  }

  public void decode(byte[] codes, int offset, float[] out) {
    for (int j = 0; j < mins.length; j++) {
      out[j] = mins[j] + ((codes[offset + j] & 0xFF) + 0.5f) * steps[j];
    }
  }

  /** {@code |x^|^2} of a code row, in double then rounded once. */
  public float decodedSquareNorm(byte[] codes, int offset) {
    double s = 0;
    for (int j = 0; j < mins.length; j++) {
      double x = mins[j] + ((codes[offset + j] & 0xFF) + 0.5) * steps[j];
      s += x * x;
    }
    return (float) s;
  }

  /** Per-query state for scoring code rows; one per query, reusable. */
  public final class QueryScorer {
    private final Metric metric;
    private final float[] scaled = new float[mins.length];
    private float offset;
    private float queryNorm;

    public QueryScorer(Metric metric) {
      this.metric = metric;
    }

    /** Sets the (prepared: normalised under cosine) query. */
    public void reset(float[] q) {
      double c = 0;
      for (int j = 0; j < mins.length; j++) {
        scaled[j] = q[j] * steps[j];
        c += (double) q[j] * (mins[j] + 0.5 * steps[j]);
      }
      offset = (float) c;
      queryNorm = metric == Metric.EUCLIDEAN ? VectorUtil.dot(q, q) : 0;
    }

    /**
     * Approximate distances (the {@link Metric} convention) of {@code count} code rows from
     * {@code firstRow} of a code block ({@code dimension} bytes a row, off-heap or mapped);
     * {@code norms[row]} is each row's {@link #decodedSquareNorm} (euclidean only).
     */
    public void distances(java.lang.foreign.MemorySegment codes, float[] norms, int firstRow, int count, float[] out) {
      VectorUtil.dotF32U8Rows(scaled, codes, firstRow, count, mins.length, out);
      finish(norms, firstRow, count, out);
    }

    /** As above for codes in one heap array (the faster kernels). */
    public void distances(byte[] codes, float[] norms, int firstRow, int count, float[] out) {
      VectorUtil.dotF32U8Rows(scaled, codes, firstRow, count, mins.length, out);
      finish(norms, firstRow, count, out);
    }

    private void finish(float[] norms, int firstRow, int count, float[] out) {
      for (int r = 0; r < count; r++) {
        float ip = offset + out[r];
        out[r] = metric == Metric.EUCLIDEAN ? queryNorm - 2 * ip + norms[firstRow + r] : metric.distanceFromDot(ip);
      }
    }
  }
}
