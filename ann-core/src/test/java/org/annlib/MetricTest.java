package org.annlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricTest {
  @Test
  void parsesTheNamesUsersWrite() {
    assertEquals(Metric.EUCLIDEAN, Metric.fromName("euclidean"));
    assertEquals(Metric.EUCLIDEAN, Metric.fromName("L2"));
    assertEquals(Metric.COSINE, Metric.fromName("angular"));
    assertEquals(Metric.COSINE, Metric.fromName("Cosine"));
    assertEquals(Metric.INNER_PRODUCT, Metric.fromName("dot"));
    assertEquals(Metric.INNER_PRODUCT, Metric.fromName("inner-product"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.fromName("hamming"));
    assertEquals("unknown metric 'hamming'; known: euclidean (l2), angular (cosine), inner_product (ip, dot)", e.getMessage());
  }

  @Test
  void benchmarkDistanceIsPlainL2ForEuclidean() {
    assertEquals(5f, Metric.EUCLIDEAN.benchmarkDistance(25f));
    assertEquals(25f, Metric.EUCLIDEAN.fromBenchmarkDistance(5f));
    assertEquals(0.25f, Metric.COSINE.benchmarkDistance(0.25f));
    assertEquals(-3f, Metric.INNER_PRODUCT.benchmarkDistance(-3f));
  }
}
