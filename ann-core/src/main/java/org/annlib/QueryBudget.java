package org.annlib;

/**
 * One searcher's account of a bounded query ({@link SearchParams#bounded()}): vectors scored
 * against {@link SearchParams#maxVisits()}, the clock against the timeout, and the cancellation
 * flag. Searches ask {@link #spend} once per expanded node or scanned block. Reading the clock
 * costs about as much as scoring one short vector, so it is read on the first ask and then on
 * every {@value #CLOCK_EVERY}th; the flag is a volatile read and is checked on every ask. Not
 * thread-safe: one per searcher, {@link #start started} per query.
 */
public final class QueryBudget {
  private static final int CLOCK_EVERY = 16;
  private static final java.time.Duration FAR = java.time.Duration.ofNanos(Long.MAX_VALUE / 4);
  private long maxVisits;
  private long deadline;
  private boolean timed;
  private Cancellation cancellation;
  private long visits;
  private int asks;
  private boolean exhausted;

  /** An account with no query yet: one per searcher, reused across its queries. */
  public QueryBudget() {}

  /**
   * Starts the account of one query: returns this budget when {@code params} bound the query, or
   * null when they do not (searches then skip every check).
   */
  public QueryBudget start(SearchParams params) {
    if (!params.bounded()) {
      return null;
    }
    maxVisits = params.maxVisits() > 0 ? params.maxVisits() : Long.MAX_VALUE;
    timed = params.timeout() != null;
    // saturates: a timeout of centuries (past Duration.toNanos's range) is a far deadline, not an overflow
    deadline = timed ? System.nanoTime() + (params.timeout().compareTo(FAR) > 0 ? FAR.toNanos() : params.timeout().toNanos()) : 0;
    cancellation = params.cancellation();
    visits = 0;
    asks = 0;
    exhausted = false;
    return this;
  }

  /**
   * Records {@code scored} more vectors and returns true when the query must stop: past its visit
   * limit, past its deadline, or cancelled. Once true it stays true for the query.
   */
  public boolean spend(long scored) {
    if (exhausted) {
      return true;
    }
    visits += scored;
    if (visits >= maxVisits
        || (cancellation != null && cancellation.isCancelled())
        || (timed && asks++ % CLOCK_EVERY == 0 && System.nanoTime() - deadline >= 0)) {
      exhausted = true;
    }
    return exhausted;
  }

  /** How many more vectors the query may score before its visit limit. */
  public long remaining() {
    return Math.max(0, maxVisits - visits);
  }

  /** Whether {@link #spend} has stopped the query. */
  public boolean exhausted() {
    return exhausted;
  }
}
