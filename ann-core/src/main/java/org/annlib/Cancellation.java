package org.annlib;

/**
 * A flag another thread raises to stop searches early. Pass it in {@link
 * SearchParams.Builder#cancellation}; a search that sees it raised returns the neighbours found
 * so far with {@link SearchResult#complete()} false. A search checks it about once per expanded
 * graph node or scanned block, so it stops within microseconds. Cancelling cannot be undone: use
 * a new instance for the next request.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A flag not yet raised. */
  public Cancellation() {}

  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }
}
