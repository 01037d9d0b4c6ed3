package org.annlib.bench.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.annlib.datasets.Dataset;
import org.annlib.datasets.Datasets;
import org.junit.jupiter.api.Test;

class QueryOrderTest {
  /**
   * Every query keeps its own ground truth, and each original query is used once (so the order is
   * a permutation), the same one for the same seed.
   */
  @Test
  void aShuffleMovesEachQueryWithItsGroundTruth() {
    Dataset d = Datasets.embedded();
    Dataset s = QueryOrder.shuffled(d, QueryOrder.SEED);
    assertEquals(d.test().size(), s.test().size());
    boolean[] seen = new boolean[d.test().size()];
    int moved = 0;
    for (int i = 0; i < s.test().size(); i++) {
      int from = -1;
      for (int j = 0; j < d.test().size() && from < 0; j++) {
        if (!seen[j] && Arrays.equals(d.test().vector(j), s.test().vector(i))
            && Arrays.equals(d.neighbors()[j], s.neighbors()[i])) {
          from = j;
        }
      }
      assertNotEquals(-1, from, "shuffled query " + i + " is not an original query with its neighbours");
      seen[from] = true;
      assertArrayEquals(d.distances()[from], s.distances()[i]);
      moved += from != i ? 1 : 0;
    }
    assertArrayEquals(s.test().vector(0), QueryOrder.shuffled(d, QueryOrder.SEED).test().vector(0), "seeded");
    assertTrue(moved > d.test().size() * 9 / 10, moved + " of " + d.test().size() + " moved");
  }
}
