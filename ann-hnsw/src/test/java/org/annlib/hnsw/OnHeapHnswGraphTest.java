package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.annlib.io.IndexFiles;
import org.junit.jupiter.api.Test;

/** Level 0 in pages: lists on both sides of a page boundary, growth that adds pages, and reading pages from a file. */
class OnHeapHnswGraphTest {
  private static final int M = 4;
  private static final int PAGE = OnHeapHnswGraph.PAGE_NODES;

  private static int[] list(int node) {
    return new int[] {(node + 1) % 1_000_000, (node + 7) % 1_000_000, (node + 13) % 1_000_000};
  }

  @Test
  void listsKeepTheirIdsAcrossPagesAndGrowth() {
    OnHeapHnswGraph g = new OnHeapHnswGraph(M, 10);
    assertEquals(10, g.capacity(), "a small graph is one small page");
    int[] nodes = {0, 9, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 5};
    g.setNeighbors(0, 0, list(0), 3);
    g.setNeighbors(9, 0, list(9), 3);
    g.ensureCapacity(3 * PAGE + 6);
    assertTrue(g.capacity() >= 3 * PAGE + 6, "capacity " + g.capacity());
    for (int node : nodes) {
      if (node > 9) {
        g.setNeighbors(node, 0, list(node), 3);
      }
    }
    int[] buf = new int[2 * M];
    for (int node : nodes) {
      assertEquals(3, g.neighbors(node, 0, buf), "node " + node);
      assertArrayEquals(list(node), Arrays.copyOf(buf, 3), "node " + node);
    }
    for (int i = 0; i < 2 * M - 3; i++) {
      assertTrue(g.tryAppend(PAGE, 0, 42 + i));
    }
    assertFalse(g.tryAppend(PAGE, 0, 99), "the list is full at 2M");
    assertEquals(2 * M, g.neighbors(PAGE, 0, buf));
    assertEquals(3, g.neighbors(PAGE - 1, 0, buf), "the neighbour across the boundary is untouched");
  }

  @Test
  void levelZeroIsReadPageByPageFromAFile() {
    int size = 2 * PAGE + 3;
    int stride = 1 + 2 * M;
    try (Arena arena = Arena.ofConfined()) {
      long offset = 64;
      MemorySegment file = arena.allocate(offset + 4L * stride * size);
      for (int node = 0; node < size; node++) {
        int[] l = list(node % 1000);
        long base = offset + 4L * stride * node;
        file.set(IndexFiles.INT_LE, base, l.length);
        for (int j = 0; j < l.length; j++) {
          file.set(IndexFiles.INT_LE, base + 4 + 4L * j, l[j]);
        }
      }
      OnHeapHnswGraph g = OnHeapHnswGraph.read(M, size, file, offset, size, new UpperLevels(M, size), -1);
      int[] buf = new int[2 * M];
      for (int node : new int[] {0, PAGE - 1, PAGE, 2 * PAGE - 1, 2 * PAGE, size - 1}) {
        assertEquals(3, g.neighbors(node, 0, buf), "node " + node);
        assertArrayEquals(list(node % 1000), Arrays.copyOf(buf, 3), "node " + node);
      }
    }
  }
}
