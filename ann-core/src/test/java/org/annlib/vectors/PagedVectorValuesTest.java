package org.annlib.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.exact.ExactDistance;
import org.annlib.io.IndexFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PagedVectorValuesTest {
  private static final int DIM = 5;

  private static float[][] rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[][] v = new float[n][DIM];
    for (float[] row : v) {
      for (int j = 0; j < DIM; j++) {
        row[j] = (float) r.nextDouble(-1, 1);
      }
    }
    return v;
  }

  @Test
  void pagesHoldAPowerOfTwoRowsAndTheRowsSurviveGrowth() {
    // 7 rows' worth of bytes: 4 rows a page (the largest power of two that fits).
    PagedVectorValues v = new PagedVectorValues(DIM, 0, 7 * 4 * DIM);
    assertEquals(4, v.rowsPerPage());
    float[][] data = rows(203, 1);
    for (int i = 0; i < data.length; i++) {
      assertEquals(i, v.add(data[i]));
    }
    assertEquals(203, v.size());
    for (int i = 0; i < data.length; i++) {
      assertArrayEquals(data[i], v.vector(i), "row " + i);
    }
    // 51 pages: 50 full ones of 4 rows, and the last grown one row at a time to the 3 it holds.
    assertEquals(16 + 8 * 51 + 51 * 16 + 4L * DIM * 203, v.ramBytesUsed());
    assertEquals("ordinal 203 out of range [0, 203)",
        assertThrows(IndexOutOfBoundsException.class, () -> v.vector(203)).getMessage());
  }

  @Test
  void theDefaultPageHoldsAGibibyte() {
    assertEquals(1 << 20, new PagedVectorValues(256, 10).rowsPerPage()); // 2^20 rows x 1 KiB
    assertEquals(1 << 30, new PagedVectorValues(1, 0, Long.MAX_VALUE).rowsPerPage());
    assertEquals(1, new PagedVectorValues(1000, 0, 16).rowsPerPage());
    assertEquals("dimension must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> new PagedVectorValues(0, 1)).getMessage());
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void everyScorerPathMatchesTheExactDistance(Metric metric) {
    float[][] data = rows(101, 2);
    if (metric == Metric.COSINE) {
      for (float[] row : data) {
        org.annlib.vector.VectorUtil.l2normalize(row);
      }
    }
    float[] query = data[0].clone();
    query[1] += 0.25f;
    if (metric == Metric.COSINE) {
      org.annlib.vector.VectorUtil.l2normalize(query);
    }
    for (long pageBytes : new long[] {4L * DIM * 8, PagedVectorValues.DEFAULT_PAGE_BYTES}) {
      PagedVectorValues v = new PagedVectorValues(DIM, 101, pageBytes);
      for (float[] row : data) {
        v.add(row);
      }
      VectorScorer s = v.scorer(metric, query);
      float[] ranged = new float[101];
      s.distances(3, 101, ranged); // starts mid-page, crosses every page boundary
      int[] ords = {100, 0, 7, 8, 9, 64, 15, 16, 33};
      float[] gathered = new float[ords.length];
      s.distances(ords, ords.length, gathered);
      for (int i = 0; i < 101; i++) {
        float expected = (float) ExactDistance.indexDistance(metric, query, data[i]);
        String at = "row " + i + ", pages of " + v.rowsPerPage() + " rows";
        assertEquals(expected, s.distance(i), 1e-5, at);
        if (i >= 3) {
          assertEquals(expected, ranged[i - 3], 1e-5, at);
        }
        assertEquals((float) ExactDistance.indexDistance(metric, data[i], data[(i * 37) % 101]),
            v.distanceBetween(metric, i, (i * 37) % 101), 1e-5, at);
      }
      for (int i = 0; i < ords.length; i++) {
        assertEquals((float) ExactDistance.indexDistance(metric, query, data[ords[i]]), gathered[i], 1e-5);
      }
    }
  }

  @Test
  void readsRowsFromFileBytesAndCopiesAnySource() {
    float[][] data = rows(37, 3);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(12 + 4L * DIM * data.length);
      for (int i = 0; i < data.length; i++) {
        MemorySegment.copy(data[i], 0, seg, IndexFiles.FLOAT_LE, 12 + 4L * DIM * i, DIM);
      }
      PagedVectorValues read = PagedVectorValues.read(seg, 12, data.length, DIM);
      PagedVectorValues copied = PagedVectorValues.copyOf(OffHeapVectorValues.of(seg.asSlice(12), data.length, DIM));
      for (int i = 0; i < data.length; i++) {
        assertArrayEquals(data[i], read.vector(i));
        assertArrayEquals(data[i], copied.vector(i));
      }
    }
  }

  @Test
  void offHeapVectorsComparedWithEachOther() {
    float[][] data = rows(20, 4);
    for (float[] row : data) {
      org.annlib.vector.VectorUtil.l2normalize(row); // so that 1 - dot is the cosine distance too
    }
    try (Arena arena = Arena.ofConfined()) {
      FlatVectorValues heap = new FlatVectorValues(DIM, 20);
      for (float[] row : data) {
        heap.add(row);
      }
      OffHeapVectorValues off = OffHeapVectorValues.copyOf(heap, arena);
      for (Metric m : Metric.values()) {
        for (int i = 0; i < 20; i++) {
          assertEquals(heap.distanceBetween(m, i, 19 - i), off.distanceBetween(m, i, 19 - i), 1e-6, m + " " + i);
          assertEquals((float) ExactDistance.indexDistance(m, data[i], data[19 - i]), heap.distanceBetween(m, i, 19 - i), 1e-5);
        }
      }
    }
  }
}
