package org.annlib.vectors;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;

/**
 * The vectors an index keeps, in the {@link VectorStorage} asked for, each one validated (and
 * normalised under cosine) before any is used, so a bad vector fails a build before any work.
 *
 * @param arena what owns off-heap copies (the index closes it), or null
 */
public record StoredVectors(VectorValues vectors, Arena arena) {
  /** Unit length within float rounding over a few thousand dimensions. */
  private static final double UNIT_TOLERANCE = 1e-3;

  public static StoredVectors of(VectorValues source, Metric metric, VectorStorage storage) {
    return of(source, metric, storage, PagedVectorValues.DEFAULT_PAGE_BYTES);
  }

  /** As {@link #of(VectorValues, Metric, VectorStorage)}, with heap pages of at most {@code pageBytes}. */
  public static StoredVectors of(VectorValues source, Metric metric, VectorStorage storage, long pageBytes) {
    int n = source.size();
    int dim = source.dimension();
    VectorStorage kind = storage != VectorStorage.AUTO ? storage
        : !(source instanceof OffHeapVectorValues) ? VectorStorage.HEAP
        : metric == Metric.COSINE ? VectorStorage.OFF_HEAP : VectorStorage.IN_PLACE;
    float[] row = new float[dim];
    switch (kind) {
      case HEAP -> {
        PagedVectorValues out = new PagedVectorValues(dim, Math.max(16, n), pageBytes);
        for (int i = 0; i < n; i++) {
          source.copyTo(i, row, 0);
          out.add(VectorChecks.prepare(row, dim, metric, "vector " + i));
        }
        return new StoredVectors(out, null);
      }
      case OFF_HEAP -> {
        Arena arena = Arena.ofShared();
        try {
          MemorySegment seg = arena.allocate(Math.max(1, 4L * dim * n), 64);
          for (int i = 0; i < n; i++) {
            source.copyTo(i, row, 0);
            float[] v = VectorChecks.prepare(row, dim, metric, "vector " + i);
            MemorySegment.copy(v, 0, seg, IndexFiles.FLOAT_LE, 4L * dim * i, dim);
          }
          return new StoredVectors(OffHeapVectorValues.of(seg, n, dim), arena);
        } catch (RuntimeException e) {
          arena.close();
          throw e;
        }
      }
      case IN_PLACE -> {
        for (int i = 0; i < n; i++) {
          source.copyTo(i, row, 0);
          VectorChecks.check(row, dim, "vector " + i);
          if (metric == Metric.COSINE) {
            double norm = Math.sqrt(org.annlib.vector.VectorUtil.dot(row, row));
            if (Math.abs(norm - 1) > UNIT_TOLERANCE) {
              throw new IllegalArgumentException("vector " + i + " has length " + norm
                  + "; IN_PLACE storage under COSINE needs unit-length vectors (use OFF_HEAP or HEAP to normalise)");
            }
          }
        }
        return new StoredVectors(source, null);
      }
      default -> throw new AssertionError(kind);
    }
  }
}
