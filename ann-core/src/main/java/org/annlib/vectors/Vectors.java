package org.annlib.vectors;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * {@link VectorValues} from what an application already holds: rows in arrays or a list (copied
 * into heap pages, so no single Java array bounds their number), or float32 rows in a {@link
 * MemorySegment} or a direct little-endian {@link FloatBuffer} (read in place, not copied).
 * Every row is checked for its length before anything is copied; the index builders check the
 * values (finite, non-zero under cosine).
 */
public final class Vectors {
  private Vectors() {}

  /** Copies {@code rows}; all of the same, non-zero length. */
  public static VectorValues of(float[][] rows) {
    if (rows == null) {
      throw new IllegalArgumentException("vectors must not be null");
    }
    return of(java.util.Arrays.asList(rows));
  }

  /** Copies {@code rows}; all of the same, non-zero length. */
  public static VectorValues of(List<float[]> rows) {
    if (rows == null) {
      throw new IllegalArgumentException("vectors must not be null");
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no vectors: the dimension is unknown; use new PagedVectorValues(dimension, 16)");
    }
    int dim = -1;
    for (int i = 0; i < rows.size(); i++) {
      float[] r = rows.get(i);
      if (r == null) {
        throw new IllegalArgumentException("vector " + i + " is null");
      }
      if (dim < 0) {
        dim = r.length;
        if (dim == 0) {
          throw new IllegalArgumentException("vector 0 has no components");
        }
      } else if (r.length != dim) {
        throw new IllegalArgumentException("vector " + i + " has " + r.length + " components, vector 0 has " + dim);
      }
    }
    PagedVectorValues out = new PagedVectorValues(dim, rows.size());
    for (float[] r : rows) {
      out.add(r);
    }
    return out;
  }

  /**
   * The float32 rows of {@code segment} (little-endian, {@code dimension} floats each), read in
   * place: the segment must stay valid and unchanged while an index uses them.
   */
  public static VectorValues of(MemorySegment segment, int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    long rowBytes = 4L * dimension;
    if (segment.byteSize() % rowBytes != 0) {
      throw new IllegalArgumentException("segment holds " + segment.byteSize() + " bytes, not a whole number of "
          + dimension + "-dimensional float32 rows (" + rowBytes + " bytes each)");
    }
    long n = segment.byteSize() / rowBytes;
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("segment holds " + n + " rows; an index holds at most " + Integer.MAX_VALUE);
    }
    return OffHeapVectorValues.of(segment, (int) n, dimension);
  }

  /**
   * The rows between {@code buffer}'s position and limit: a direct little-endian buffer is read in
   * place, any other is copied.
   */
  public static VectorValues of(FloatBuffer buffer, int dimension) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    if (buffer.remaining() % dimension != 0) {
      throw new IllegalArgumentException("buffer holds " + buffer.remaining() + " floats, not a whole number of "
          + dimension + "-dimensional rows");
    }
    if (buffer.isDirect() && buffer.order() == ByteOrder.LITTLE_ENDIAN) {
      return of(MemorySegment.ofBuffer(buffer), dimension);
    }
    int n = buffer.remaining() / dimension;
    PagedVectorValues out = new PagedVectorValues(dimension, Math.max(1, n));
    float[] row = new float[dimension];
    FloatBuffer b = buffer.duplicate();
    for (int i = 0; i < n; i++) {
      b.get(row);
      out.add(row);
    }
    return out;
  }
}
