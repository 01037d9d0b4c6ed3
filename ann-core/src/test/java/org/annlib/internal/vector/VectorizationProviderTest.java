package org.annlib.internal.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.annlib.vector.VectorUtil;
import org.junit.jupiter.api.Test;

/**
 * Fails a build whose test JVM silently fell back to another provider than the surefire
 * execution expects (JVector's Test_RequireSpecificVectorizationProvider idea).
 */
class VectorizationProviderTest {
  @Test
  void theExpectedProviderWasChosen() {
    String expected = System.getProperty("ann.test.expectProvider");
    assertTrue(expected != null, "surefire must set ann.test.expectProvider");
    assertEquals(expected, VectorizationProvider.kernels().name(), "fallback reason: "
        + VectorizationProvider.fallbackReason().orElse("none"));
    assertEquals(expected, VectorUtil.provider());
    if (expected.equals("scalar")) {
      assertTrue(VectorizationProvider.panama().isEmpty(), "Panama must be unavailable without the module");
      assertTrue(VectorizationProvider.fallbackReason().orElseThrow().contains("--add-modules jdk.incubator.vector"));
      assertEquals("annlib uses scalar vector kernels: the jdk.incubator.vector module is not loaded; start the JVM"
          + " with --add-modules jdk.incubator.vector; HNSW searches ran 3.3x to 4.9x slower than with the Panama"
          + " kernels on full Fashion-MNIST", VectorizationProvider.fallbackMessage().orElseThrow());
    } else {
      assertTrue(VectorizationProvider.fallbackReason().isEmpty());
      assertTrue(VectorizationProvider.fallbackMessage().isEmpty());
    }
  }
}
