package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.annlib.Metric;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;

/**
 * Graph invariants of plain HNSW after one- and two-thread builds ({@link GraphInvariants}); the
 * other presets are checked in ann-crinn-variants. The checker itself is shown to catch each kind
 * of broken list on a hand-made graph.
 */
class HnswGraphInvariantsTest {
  @Test
  void defaultBuildsKeepEveryInvariant() {
    for (int threads : new int[] {1, 2}) {
      var base = TestData.clustered(TestData.seed(20), 3_000, 24, 12);
      HnswIndex index = HnswIndex.builder(Metric.EUCLIDEAN).m(8).threads(threads).build(base);
      assertEquals(List.of(), GraphInvariants.violations(index), "threads " + threads);
    }
  }

  private static HnswGraph graph(int[][] level0, int[] levels, long entry) {
    return new HnswGraph() {
      public long entry() {
        return entry;
      }

      public int neighbors(int node, int level, int[] buf) {
        if (level > 0) {
          return 0;
        }
        System.arraycopy(level0[node], 0, buf, 0, level0[node].length);
        return level0[node].length;
      }

      public int level(int node) {
        return levels[node];
      }

      public int maxDegree0() {
        return 8;
      }
    };
  }

  @Test
  void theCheckerNamesEachBrokenInvariant() {
    int[] flat = {0, 0, 0};
    assertEquals(List.of(), GraphInvariants.violations(graph(new int[][] {{1, 2}, {0}, {0, 1}}, flat, 0), 3, 2));
    assertEquals(List.of("node 1 level 0 links to itself"),
        GraphInvariants.violations(graph(new int[][] {{1}, {1}, {0}}, flat, 0), 3, 2));
    assertEquals(List.of("node 0 level 0 lists 2 twice"),
        GraphInvariants.violations(graph(new int[][] {{2, 2}, {0}, {0}}, flat, 0), 3, 2));
    assertEquals(List.of("node 2 level 0 links to 3, outside [0, 3)"),
        GraphInvariants.violations(graph(new int[][] {{1}, {0}, {3}}, flat, 0), 3, 2));
    assertEquals(List.of("node 0 level 0 has 5 links, over its cap 4"),
        GraphInvariants.violations(graph(new int[][] {{1, 2, 3, 4, 5}, {0}, {0}, {0}, {0}, {0}}, new int[6], 0), 6, 2));
    assertEquals(List.of("entry 1 at level 1 is not a node on the top level", "node 0 has level 2, above the entry's 1"),
        GraphInvariants.violations(graph(new int[][] {{1}, {0}, {0}}, new int[] {2, 0, 0}, HnswGraph.packEntry(1, 1)), 3, 2));
  }
}
