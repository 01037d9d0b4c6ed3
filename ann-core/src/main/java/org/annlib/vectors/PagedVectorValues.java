package org.annlib.vectors;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.annlib.Metric;
import org.annlib.io.IndexFiles;

/**
 * On-heap vectors without a size ceiling: rows live in pages of {@code 2^k} rows, each page one
 * {@code float[]} of at most {@code pageBytes} (1 GiB by default), so no single Java array bounds
 * the total. A page is one contiguous row-major run (hnswlib's layout inside a page), and a set
 * that fits one page is scored exactly like one flat block. Growth never copies a full page: only
 * the last, partly used page is enlarged (by half) until it is full, then a new page starts.
 *
 * <p>Appends are single-writer; reads are safe concurrently with an append, because a vector is
 * written, and a grown page republished, before the volatile size that counts it.
 */
public final class PagedVectorValues implements VectorValues {
  public static final long DEFAULT_PAGE_BYTES = 1L << 30;

  private final int dimension;
  private final int shift;
  private final int mask;
  private final int rowsPerPage;
  private volatile float[][] pages;
  private volatile int size;

  /** Empty storage for {@code dimension}-dimensional vectors, sized for {@code capacity} rows. */
  public PagedVectorValues(int dimension, int capacity) {
    this(dimension, capacity, DEFAULT_PAGE_BYTES);
  }

  /** As {@link #PagedVectorValues(int, int)} with pages of at most {@code pageBytes} (tests use small pages). */
  public PagedVectorValues(int dimension, int capacity, long pageBytes) {
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    long rows = Math.max(1, Math.min(pageBytes, 4L * (Integer.MAX_VALUE - 16)) / (4L * dimension));
    this.shift = 63 - Long.numberOfLeadingZeros(Math.min(rows, 1L << 30));
    this.rowsPerPage = 1 << shift;
    this.mask = rowsPerPage - 1;
    this.dimension = dimension;
    this.pages = new float[0][];
    ensureCapacity(capacity);
  }

  /** Copies any vector values into pages. */
  public static PagedVectorValues copyOf(VectorValues source) {
    PagedVectorValues out = new PagedVectorValues(source.dimension(), source.size());
    float[] row = new float[source.dimension()];
    for (int i = 0; i < source.size(); i++) {
      source.copyTo(i, row, 0);
      out.add(row);
    }
    return out;
  }

  /** Reads {@code n} little-endian float32 rows at {@code byteOffset} of {@code seg} (a file's bytes). */
  public static PagedVectorValues read(MemorySegment seg, long byteOffset, int n, int dimension) {
    PagedVectorValues out = new PagedVectorValues(dimension, n);
    float[][] p = out.pages;
    long rowBytes = 4L * dimension;
    for (int page = 0, first = 0; first < n; page++, first += out.rowsPerPage) {
      int rows = Math.min(out.rowsPerPage, n - first);
      MemorySegment.copy(seg, IndexFiles.FLOAT_LE, byteOffset + rowBytes * first, p[page], 0, rows * dimension);
    }
    out.size = n;
    return out;
  }

  /** Rows a page holds; a set of at most this many rows is one flat block. */
  public int rowsPerPage() {
    return rowsPerPage;
  }

  /**
   * Makes room for {@code rows} rows without moving any full page. Single writer (the caller
   * serialises it with {@link #add}).
   */
  public void ensureCapacity(int rows) {
    float[][] p = pages;
    int needPages = (int) ((rows + (long) rowsPerPage - 1) >>> shift);
    if (needPages == 0 || (needPages <= p.length && capacity(p) >= rows)) {
      return;
    }
    float[][] grown = Arrays.copyOf(p, Math.max(needPages, p.length));
    for (int i = 0; i < needPages; i++) {
      int want = i < needPages - 1 ? rowsPerPage : rows - i * rowsPerPage;
      int have = grown[i] == null ? 0 : grown[i].length / dimension;
      if (have < want) {
        // The last page grows by half at least, so appends one by one copy O(page) in all.
        int target = (int) Math.min(rowsPerPage, Math.max(want, have + ((long) have >> 1)));
        grown[i] = grown[i] == null ? new float[target * dimension] : Arrays.copyOf(grown[i], target * dimension);
      }
    }
    pages = grown;
  }

  private long capacity(float[][] p) {
    long rows = 0;
    for (float[] page : p) {
      rows += page.length / dimension;
    }
    return rows;
  }

  /** Appends {@code v} (not validated here) and returns its ordinal. Single writer only. */
  public int add(float[] v) {
    int n = size;
    if (n == Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("vector storage is full at " + n + " vectors");
    }
    float[][] p = pages;
    int page = n >>> shift;
    if (page >= p.length || p[page].length < ((n & mask) + 1) * dimension) {
      ensureCapacity(n + 1);
      p = pages;
    }
    System.arraycopy(v, 0, p[page], (n & mask) * dimension, dimension);
    size = n + 1;
    return n;
  }

  /**
   * Overwrites row {@code ord} (below {@link #size}) with {@code v} (not validated here), for a
   * reused slot. Single writer; a concurrent reader of that row may see a mix of the two vectors,
   * so the caller keeps the slot out of results until this returns.
   */
  public void set(int ord, float[] v) {
    VectorChecks.checkOrdinal(ord, size);
    System.arraycopy(v, 0, pages[ord >>> shift], (ord & mask) * dimension, dimension);
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
    System.arraycopy(pages[ord >>> shift], (ord & mask) * dimension, dst, offset, dimension);
  }


  @Override
  public VectorScorer scorer(Metric metric, float[] query) {
    float[][] p = pages;
    return p.length == 1 ? new ArrayRowScorer(metric, query, p[0], dimension) : new PagedScorer(metric, query, p);
  }

  @Override
  public float distanceBetween(Metric metric, int a, int b) {
    float[][] p = pages;
    return ArrayRowScorer.between(metric, p[a >>> shift], (a & mask) * dimension, p[b >>> shift],
        (b & mask) * dimension, dimension);
  }

  @Override
  public long ramBytesUsed() {
    long bytes = 16L + 8L * pages.length;
    for (float[] page : pages) {
      bytes += 16L + 4L * page.length;
    }
    return bytes;
  }

  /** More than one page: each distance first finds its row's page (a shift and a mask). */
  private final class PagedScorer implements VectorScorer {
    private final ArrayRowScorer[] perPage;

    PagedScorer(Metric metric, float[] query, float[][] p) {
      perPage = new ArrayRowScorer[p.length];
      for (int i = 0; i < p.length; i++) {
        perPage[i] = new ArrayRowScorer(metric, query, p[i], dimension);
      }
    }

    @Override
    public float distance(int ord) {
      return perPage[ord >>> shift].distance(ord & mask);
    }

    @Override
    public void distances(int from, int to, float[] out) {
      int page = from >>> shift;
      int end = (int) Math.min(to, ((long) page + 1) << shift);
      perPage[page].distances(from & mask, (from & mask) + (end - from), out);
      // A block crosses at most a few page boundaries; the rows past the first one go one by one.
      for (int ord = end; ord < to; ord++) {
        out[ord - from] = distance(ord);
      }
    }
  }
}
