package org.annlib.exact;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.annlib.Metric;
import org.annlib.SearchResult;
import org.annlib.vectors.FlatVectorValues;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GroundTruthTest {
  @ParameterizedTest
  @EnumSource(Metric.class)
  void agreesWithFlatIndexOnEveryQueryWhateverTheThreadCount(Metric metric) {
    SplittableRandom r = new SplittableRandom(Long.getLong("tests.seed", 99L));
    float[][] base = FlatIndexTest.integerVectors(r, 2_345, 33);
    float[][] queries = FlatIndexTest.integerVectors(r, 101, 33);
    for (float[] row : base) row[0] = 9;
    for (float[] row : queries) row[0] = 9;
    FlatVectorValues b = FlatIndexTest.values(base);
    FlatVectorValues q = FlatIndexTest.values(queries);
    Neighbors one = GroundTruth.compute(b, q, metric, 20, 1, (s, d, t) -> {});
    Neighbors two = GroundTruth.compute(b, q, metric, 20, 2, (s, d, t) -> {});
    FlatIndex flat = FlatIndex.builder(metric).build(b);
    for (int i = 0; i < queries.length; i++) {
      // The Vector API leaves the order of lane reductions open (interpreted and compiled code
      // may differ), so distances agree to rounding; on integer data the ids agree exactly.
      if (metric != Metric.COSINE) {
        assertArrayEquals(one.ids()[i], two.ids()[i], "query " + i);
      }
      for (int j = 0; j < 20; j++) {
        assertEquals(one.distances()[i][j], two.distances()[i][j], 1e-6, "query " + i + " rank " + j);
      }
      SearchResult res = flat.search(queries[i], 20);
      float[] d = res.distances();
      for (int j = 0; j < 20; j++) {
        assertEquals(d[j], one.distances()[i][j], Math.abs(d[j]) * 1e-5 + 1e-5, "query " + i + " rank " + j);
      }
      if (metric != Metric.COSINE) {
        assertArrayEquals(res.ids(), Arrays.stream(one.ids()[i]).asLongStream().toArray(), "query " + i);
      }
    }
  }
}
