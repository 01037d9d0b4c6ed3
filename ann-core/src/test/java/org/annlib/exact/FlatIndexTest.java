package org.annlib.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.annlib.Metric;
import org.annlib.SearchParams;
import org.annlib.SearchResult;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FlatIndexTest {
  private static final long SEED = Long.getLong("tests.seed", 1234L);

  /** Small integers: every float sum is exact in any order, so ties are real ties. */
  static float[][] integerVectors(SplittableRandom r, int n, int dim) {
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = r.nextInt(-3, 4);
      }
    }
    return v;
  }

  static FlatVectorValues values(float[][] rows) {
    FlatVectorValues v = new FlatVectorValues(rows[0].length, rows.length);
    for (float[] row : rows) {
      v.add(row);
    }
    return v;
  }

  static double exactDistance(Metric m, float[] q, float[] x) {
    double dot = 0, l2 = 0, nq = 0, nx = 0;
    for (int i = 0; i < q.length; i++) {
      dot += (double) q[i] * x[i];
      l2 += ((double) q[i] - x[i]) * ((double) q[i] - x[i]);
      nq += (double) q[i] * q[i];
      nx += (double) x[i] * x[i];
    }
    return switch (m) {
      case EUCLIDEAN -> l2;
      case INNER_PRODUCT -> -dot;
      case COSINE -> 1 - dot / Math.sqrt(nq * nx);
    };
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void returnsTheExactTopKBestFirstWithTiesToLowerIds(Metric metric) {
    SplittableRandom r = new SplittableRandom(SEED);
    float[][] base = integerVectors(r, 700, 19);
    FlatIndex index = FlatIndex.builder(metric).build(values(nonZero(base)));
    for (int t = 0; t < 30; t++) {
      float[] q = integerVectors(r, 1, 19)[0];
      q[0] = 5; // never zero under COSINE
      int k = 1 + r.nextInt(25);
      SearchResult res = index.search(q, k);
      assertEquals(k, res.size());
      double[] d = Arrays.stream(base).mapToDouble(x -> exactDistance(metric, q, x)).toArray();
      Integer[] order = IntStream.range(0, base.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> d[i]).thenComparingInt(i -> i));
      for (int i = 0; i < k; i++) {
        assertEquals(d[order[i]], res.distance(i), 1e-5, "distance convention of " + metric + " at rank " + i);
        if (metric != Metric.COSINE) { // integer data: exact ties, so the exact ids
          assertEquals((long) order[i], res.id(i), "rank " + i);
        }
      }
      assertEquals(base.length, res.distanceComputations());
    }
  }

  private static float[][] nonZero(float[][] base) {
    for (float[] row : base) {
      row[0] = row[0] == 0 ? 1 : row[0];
    }
    return base;
  }

  @Test
  void filterRestrictsResultsAndCountsOnlyAcceptedDistances() {
    SplittableRandom r = new SplittableRandom(SEED + 1);
    float[][] base = integerVectors(r, 500, 8);
    FlatIndex index = FlatIndex.builder(Metric.EUCLIDEAN).build(values(base));
    float[] q = base[17].clone();
    SearchResult all = index.search(q, 500);
    SearchResult even = index.search(q, 10, SearchParams.builder().filter(id -> id % 2 == 0).build());
    long[] expected = Arrays.stream(all.ids()).filter(id -> id % 2 == 0).limit(10).toArray();
    assertArrayEquals(expected, even.ids());
    assertEquals(250, even.distanceComputations());
    SearchResult none = index.search(q, 10, SearchParams.builder().filter(id -> false).build());
    assertEquals(0, none.size());
  }

  @Test
  void emptyIndexAndKAboveSize() {
    FlatIndex index = FlatIndex.create(Metric.EUCLIDEAN, 3);
    assertEquals(0, index.search(new float[] {1, 2, 3}, 5).size());
    index.add(new float[] {1, 0, 0});
    index.add(new float[] {0, 1, 0});
    SearchResult res = index.search(new float[] {1, 0, 0}, 5);
    assertArrayEquals(new long[] {0, 1}, res.ids());
    assertArrayEquals(new float[] {0f, 2f}, res.distances());
  }

  @Test
  void badInputIsRejectedWithExactMessagesAndChangesNothing() {
    FlatIndex index = FlatIndex.create(Metric.COSINE, 3);
    index.add(new float[] {1, 2, 3});
    assertMessage("vector dimension 2 does not match index dimension 3", () -> index.add(new float[] {1, 2}));
    assertMessage("vector has a non-finite component at index 1: NaN", () -> index.add(new float[] {1, Float.NaN, 0}));
    assertMessage("vector has a non-finite component at index 2: Infinity",
        () -> index.add(new float[] {1, 0, Float.POSITIVE_INFINITY}));
    assertMessage("vector is a zero vector, which has no direction under COSINE", () -> index.add(new float[3]));
    assertMessage("query dimension 4 does not match index dimension 3", () -> index.search(new float[4], 1));
    assertMessage("query is a zero vector, which has no direction under COSINE", () -> index.search(new float[3], 1));
    assertMessage("k must be positive, got 0", () -> index.search(new float[] {1, 1, 1}, 0));
    assertMessage("query has a non-finite component at index 0: -Infinity",
        () -> index.search(new float[] {Float.NEGATIVE_INFINITY, 0, 0}, 1));
    assertEquals(1, index.size());
    SearchResult res = index.search(new float[] {1, 2, 3}, 3);
    assertEquals(1, res.size());
    assertEquals(0f, res.distance(0), 1e-6f);
  }

  @Test
  void buildValidatesEveryVectorBeforeStoringAny() {
    float[][] rows = {{1, 2}, {3, Float.NaN}};
    FlatVectorValues v = FlatVectorValues.wrap(new float[] {1, 2, 3, Float.NaN}, 2);
    assertMessage("vector 1 has a non-finite component at index 1: NaN", () -> FlatIndex.builder(Metric.EUCLIDEAN).build(v));
    assertEquals(2, rows.length);
  }

  @Test
  void searchesStayCorrectWhileAVectorsAreAppended() throws Exception {
    int dim = 16;
    FlatIndex index = FlatIndex.create(Metric.EUCLIDEAN, dim);
    SplittableRandom r = new SplittableRandom(SEED + 2);
    float[][] rows = integerVectors(r, 3000, dim);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      SplittableRandom rr = new SplittableRandom(SEED + 3);
      try {
        while (index.size() < rows.length) {
          float[] q = rows[rr.nextInt(rows.length)];
          SearchResult res = index.search(q, 5);
          int seen = index.size();
          for (int i = 0; i < res.size(); i++) {
            int id = (int) res.id(i);
            assertTrue(id >= 0 && id < seen, "id " + id + " beyond size " + seen);
            assertEquals(exactDistance(Metric.EUCLIDEAN, q, rows[id]), res.distance(i), 0.0, "distance of id " + id);
          }
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    reader.start();
    for (float[] row : rows) {
      index.add(row);
    }
    reader.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertEquals(rows.length, index.size());
  }

  static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }
}
