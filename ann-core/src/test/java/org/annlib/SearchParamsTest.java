package org.annlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SearchParamsTest {
  private static void assertMessage(String expected, Runnable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run).getMessage());
  }

  @Test
  void boundsAreValidatedWithExactMessages() {
    assertMessage("maxVisits must be >= 0 (0 = unbounded), got -1", () -> SearchParams.builder().maxVisits(-1));
    assertMessage("timeout must be positive (null = unbounded), got PT0S",
        () -> SearchParams.builder().timeout(Duration.ZERO));
    assertMessage("timeout must be positive (null = unbounded), got PT-1S",
        () -> SearchParams.builder().timeout(Duration.ofSeconds(-1)));
  }

  @Test
  void anyBoundMakesTheQueryBoundedAndSurvivesToBuilder() {
    assertFalse(SearchParams.DEFAULT.bounded());
    assertTrue(SearchParams.builder().maxVisits(5).build().bounded());
    assertTrue(SearchParams.builder().timeout(Duration.ofMillis(3)).build().bounded());
    Cancellation c = new Cancellation();
    SearchParams p = SearchParams.builder().ef(7).maxVisits(9).timeout(Duration.ofMillis(3)).cancellation(c).build();
    SearchParams copy = p.toBuilder().build();
    assertEquals(9, copy.maxVisits());
    assertEquals(Duration.ofMillis(3), copy.timeout());
    assertSame(c, copy.cancellation());
    assertEquals(7, copy.ef());
    assertFalse(p.toBuilder().maxVisits(0).timeout(null).cancellation(null).build().bounded());
  }

  @Test
  void aCancellationStaysRaised() {
    Cancellation c = new Cancellation();
    assertFalse(c.isCancelled());
    c.cancel();
    c.cancel();
    assertTrue(c.isCancelled());
  }
}
