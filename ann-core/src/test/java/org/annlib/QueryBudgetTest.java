package org.annlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryBudgetTest {
  @Test
  void anUnboundedQueryHasNoBudget() {
    assertNull(new QueryBudget().start(SearchParams.DEFAULT));
  }

  @Test
  void theVisitLimitStopsAtItsCountAndStaysStopped() {
    QueryBudget account = new QueryBudget();
    QueryBudget b = account.start(SearchParams.builder().maxVisits(10).build());
    assertSame(account, b);
    assertFalse(b.spend(4));
    assertEquals(6, b.remaining());
    assertFalse(b.spend(5));
    assertTrue(b.spend(1));
    assertTrue(b.exhausted());
    assertTrue(b.spend(0));
    assertEquals(0, b.remaining());
    // the next query starts a fresh account
    assertFalse(account.start(SearchParams.builder().maxVisits(10).build()).spend(9));
  }

  @Test
  void cancellationIsSeenOnTheNextAsk() {
    Cancellation c = new Cancellation();
    QueryBudget b = new QueryBudget().start(SearchParams.builder().cancellation(c).build());
    assertFalse(b.spend(1_000_000));
    c.cancel();
    assertTrue(b.spend(0));
  }

  @Test
  void aPassedDeadlineIsSeenOnTheFirstAskAndAFarOneNever() throws InterruptedException {
    QueryBudget b = new QueryBudget().start(SearchParams.builder().timeout(Duration.ofNanos(1)).build());
    Thread.sleep(1);
    assertTrue(b.spend(1));
    QueryBudget far = new QueryBudget().start(SearchParams.builder().timeout(Duration.ofDays(365_000)).build());
    for (int i = 0; i < 1_000; i++) {
      assertFalse(far.spend(1));
    }
    assertEquals(Long.MAX_VALUE - 1_000, far.remaining());
  }
}
