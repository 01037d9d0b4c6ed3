package org.annlib.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeHitsTest {
  /** Negative distances (inner product), zero, ties broken by ordinal, and growth past 64 hits. */
  @Test
  void sortsBestFirstWithTiesByOrdinal() {
    RangeHits hits = new RangeHits();
    hits.add(7, -0.5f);
    hits.add(3, 2.0f);
    hits.add(5, -0.5f);
    hits.add(1, 0f);
    hits.add(9, -3.25f);
    assertArrayEquals(new int[] {9, 5, 7, 1, 3}, hits.sortedOrdinals());
    assertArrayEquals(new float[] {-3.25f, -0.5f, -0.5f, 0f, 2.0f}, hits.sortedDistances());
    hits.clear();
    assertEquals(0, hits.sortedOrdinals().length);
    Random r = new Random(4);
    float[] d = new float[1_000];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) r.nextGaussian();
      hits.add(i, d[i]);
    }
    int[] ords = hits.sortedOrdinals();
    float[] sorted = hits.sortedDistances();
    assertEquals(1_000, ords.length);
    for (int i = 0; i < ords.length; i++) {
      assertEquals(d[ords[i]], sorted[i]);
      if (i > 0) {
        assertEquals(true, sorted[i - 1] <= sorted[i], "rank " + i);
      }
    }
  }
}
