package org.annlib.util;

import java.util.NoSuchElementException;

/**
 * An index's ids and deleted set read together: which ordinal holds a live id, and the checks
 * and messages every updatable index shares. The caller orders changes (one at a time); lookups
 * are safe at any time.
 */
public final class LiveIds {
  private final IdMap ids;
  private final DeletedSet deleted;

  public LiveIds(IdMap ids, DeletedSet deleted) {
    this.ids = ids;
    this.deleted = deleted;
  }

  /** The ordinal holding {@code id}'s live vector, or -1. */
  public int ordinal(long id) {
    int at = ids.ordinal(id);
    return at >= 0 && !deleted.contains(at) ? at : -1;
  }

  /** The ordinal holding {@code id}'s live vector; "no vector with id N" otherwise. */
  public int require(long id) {
    int at = ordinal(id);
    if (at < 0) {
      throw new NoSuchElementException("no vector with id " + id);
    }
    return at;
  }

  /** Fails when {@code id} is live: an add of it would give one id two vectors. */
  public void requireAbsent(long id) {
    if (ordinal(id) >= 0) {
      throw new IllegalArgumentException("id " + id + " is already in the index; upsert replaces its vector");
    }
  }

  /** The id an add without one takes: one more than the largest so far. */
  public long nextId() {
    long id = ids.nextId();
    if (ordinal(id) >= 0) {
      throw new IllegalStateException("no id is left after " + Long.MAX_VALUE);
    }
    return id;
  }

  /** Marks {@code id}'s vector deleted; returns its ordinal, or -1 when it had none. */
  public int delete(long id) {
    int at = ordinal(id);
    if (at < 0 || !deleted.add(at)) {
      return -1;
    }
    ids.remove(id);
    return at;
  }
}
