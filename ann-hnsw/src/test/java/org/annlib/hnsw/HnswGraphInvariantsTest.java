package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.Metric;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;

/** Graph invariants after a build: no self-links, no duplicate links, ids in range, lists within their caps. */
class HnswGraphInvariantsTest {
  @Test
  void noSelfOrDuplicateLinksAtAnyLevel() {
    for (int threads : new int[] {1, 2}) {
      var base = TestData.clustered(TestData.seed(20), 3_000, 24, 12);
      HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).m(8).threads(threads).build(base);
      int[] buf = new int[64];
      for (int i = 0; i < 3_000; i++) {
        for (int l = 0; l <= index.graph().level(i); l++) {
          int n = index.graph().neighbors(i, l, buf);
          assertTrue(n <= (l == 0 ? 16 : 8), "node " + i + " level " + l + " has " + n + " links");
          java.util.Set<Integer> seen = new java.util.HashSet<>();
          for (int j = 0; j < n; j++) {
            assertTrue(buf[j] != i, "self link at node " + i + " level " + l + " (threads " + threads + ")");
            assertTrue(buf[j] >= 0 && buf[j] < 3_000, "id " + buf[j]);
            assertTrue(index.graph().level(buf[j]) >= l, "link to a node without level " + l);
            assertTrue(seen.add(buf[j]), "duplicate link " + buf[j] + " at node " + i + " level " + l);
          }
        }
      }
    }
  }
}
