package org.annlib.util;

import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Keeps searches from using a vector slot while it is overwritten (a reused deleted slot, or an
 * upsert in place). Searches run optimistically, with no lock, and are repeated in the rare case
 * that an overwrite happened meanwhile; after {@link #OPTIMISTIC_TRIES} such repeats a search
 * takes the read lock. Overwrites are short (one vector and its code), so searches never wait in
 * the common case and a search never returns a distance to a half-written vector.
 */
public final class SlotWrites {
  private static final int OPTIMISTIC_TRIES = 3;
  private final StampedLock lock = new StampedLock();

  /** Runs {@code search}, repeating it if a slot was overwritten while it ran. */
  public <T> T read(Supplier<T> search) {
    for (int i = 0; i < OPTIMISTIC_TRIES; i++) {
      long stamp = lock.tryOptimisticRead();
      if (stamp != 0) {
        T result;
        try {
          result = search.get();
        } catch (RuntimeException e) {
          if (lock.validate(stamp)) {
            throw e; // a real failure, not a torn read
          }
          continue;
        }
        if (lock.validate(stamp)) {
          return result;
        }
      }
    }
    long stamp = lock.readLock();
    try {
      return search.get();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Runs {@code overwrite} while no search reads. */
  public void write(Runnable overwrite) {
    long stamp = lock.writeLock();
    try {
      overwrite.run();
    } finally {
      lock.unlockWrite(stamp);
    }
  }
}
