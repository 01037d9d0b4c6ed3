package org.annlib.hnsw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.annlib.testkit.TestData;
import org.junit.jupiter.api.Test;

/** The pool's filtered mode against a sort of everything offered to it. */
class LinearPoolTest {
  private record Entry(int id, float distance, boolean ok) {}

  /**
   * After any sequence of offers the pool holds exactly the offered entries up to the ef-th best
   * accepted one (all of them while fewer than ef are accepted), in distance order, and reports
   * the best k accepted.
   */
  @Test
  void filteredModeHoldsTheBestEfAcceptedAndTheRejectedAmongThem() {
    SplittableRandom random = new SplittableRandom(TestData.seed(41));
    LinearPool pool = new LinearPool();
    for (int round = 0; round < 300; round++) {
      int ef = 1 + random.nextInt(40);
      double pass = random.nextDouble();
      pool.reset(ef);
      List<Entry> offered = new ArrayList<>();
      int n = random.nextInt(400);
      for (int i = 0; i < n; i++) {
        Entry e = new Entry(i, random.nextFloat(), random.nextDouble() < pass);
        offered.add(e);
        pool.insert(e.id(), e.distance(), e.ok());
        if (random.nextInt(8) == 0 && pool.hasNext()) {
          pool.pop();
        }
      }
      offered.sort(Comparator.comparingDouble(Entry::distance));
      List<Entry> expected = new ArrayList<>();
      int accepted = 0;
      for (Entry e : offered) {
        if (accepted == ef) {
          break;
        }
        expected.add(e);
        accepted += e.ok() ? 1 : 0;
      }
      if (accepted == ef) {
        while (!expected.getLast().ok()) {
          expected.removeLast();
        }
      }
      assertEquals(expected.size(), pool.size(), "round " + round);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).id(), pool.id(i), "round " + round + " position " + i);
      }
      int k = 1 + random.nextInt(20);
      int[] ids = new int[k];
      float[] dist = new float[k];
      int got = pool.acceptedInto(k, ids, dist);
      int[] want = expected.stream().filter(Entry::ok).limit(k).mapToInt(Entry::id).toArray();
      assertEquals(want.length, got);
      assertArrayEquals(want, java.util.Arrays.copyOf(ids, got), "round " + round);
    }
  }
}
