package org.annlib.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodeQueueTest {
  @Test
  void encodingPreservesDistanceOrderThenIdOrder() {
    float[] ds = {Float.NEGATIVE_INFINITY, -1e30f, -2f, -Float.MIN_VALUE, 0f, Float.MIN_VALUE, 0.5f, 1f, 3e38f,
        Float.POSITIVE_INFINITY};
    for (int i = 0; i + 1 < ds.length; i++) {
      assertEquals(-1, Long.signum(NodeQueue.encode(ds[i], 5) - NodeQueue.encode(ds[i + 1], 0)), ds[i] + " < " + ds[i + 1]);
      assertEquals(ds[i], NodeQueue.decodeDistance(NodeQueue.encode(ds[i], 7)));
    }
    assertEquals(NodeQueue.encode(0f, 3), NodeQueue.encode(-0f, 3), "-0 and +0 tie");
    assertEquals(Integer.MAX_VALUE, NodeQueue.decodeNode(NodeQueue.encode(1f, Integer.MAX_VALUE)));
  }

  @Test
  void boundedMaxHeapKeepsTheExactTopKWithTiesToLowerIds() {
    SplittableRandom r = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(300);
      int k = 1 + r.nextInt(20);
      float[] d = new float[n];
      for (int i = 0; i < n; i++) {
        d[i] = r.nextInt(30); // many ties
      }
      Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i));
      // insertion order must not matter
      int[] perm = IntStream.range(0, n).toArray();
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      NodeQueue q = NodeQueue.maxHeap(4);
      for (int i : perm) {
        q.insertWithOverflow(i, d[i], k);
      }
      int m = Math.min(k, n);
      int[] ids = new int[m];
      float[] dist = new float[m];
      assertEquals(m, q.drainAscending(ids, dist));
      int[] expected = Arrays.stream(order).limit(m).mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, ids);
      assertEquals(0, q.size());
    }
  }

  @Test
  void minHeapPopsNearestFirst() {
    NodeQueue q = NodeQueue.minHeap(1);
    float[] d = {5, 1, 3, 1, 4};
    for (int i = 0; i < d.length; i++) {
      q.add(i, d[i]);
    }
    assertEquals(1, q.topNode());
    assertEquals(1f, q.topDistance());
    int[] popped = new int[5];
    for (int i = 0; i < 5; i++) {
      popped[i] = q.pop();
    }
    assertArrayEquals(new int[] {1, 3, 2, 4, 0}, popped);
  }
}
