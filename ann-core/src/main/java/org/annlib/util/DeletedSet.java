package org.annlib.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Ordinals marked deleted: a bit set that searches read without locks while deletes set bits. A
 * bit is cleared only when its slot is reused for a new vector ({@link #remove}), after the slot
 * holds that vector.
 */
public final class DeletedSet {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private volatile long[] words;
  private volatile int count;
  /** No word below this one has a bit set (guarded by this). */
  private int scanFrom;

  public DeletedSet(int capacity) {
    words = new long[Math.max(1, (capacity + 63) >>> 6)];
  }

  public synchronized void ensureCapacity(int capacity) {
    int need = (capacity + 63) >>> 6;
    if (need > words.length) {
      words = Arrays.copyOf(words, Math.max(need, words.length * 2));
    }
  }

  public synchronized boolean add(int id) {
    ensureCapacity(id + 1);
    long[] w = words;
    long bit = 1L << id;
    long old = (long) LONGS.getVolatile(w, id >>> 6);
    if ((old & bit) != 0) {
      return false;
    }
    LONGS.setVolatile(w, id >>> 6, old | bit);
    count++;
    scanFrom = Math.min(scanFrom, id >>> 6);
    return true;
  }

  /** Clears {@code id}'s bit (its slot now holds a live vector); returns whether it was set. */
  public synchronized boolean remove(int id) {
    long[] w = words;
    int i = id >>> 6;
    long bit = 1L << id;
    long old = i < w.length ? (long) LONGS.getVolatile(w, i) : 0;
    if ((old & bit) == 0) {
      return false;
    }
    LONGS.setVolatile(w, i, old & ~bit);
    count--;
    return true;
  }

  /** The lowest deleted ordinal below {@code size}, or -1; amortised O(1) over repeated calls. */
  public synchronized int first(int size) {
    long[] w = words;
    if (count == 0) {
      return -1;
    }
    for (int i = scanFrom, n = Math.min(w.length, (size + 63) >>> 6); i < n; i++) {
      long x = (long) LONGS.getVolatile(w, i);
      if (x != 0) {
        scanFrom = i;
        int id = (i << 6) + Long.numberOfTrailingZeros(x);
        return id < size ? id : -1;
      }
    }
    return -1;
  }

  public boolean contains(int id) {
    long[] w = words;
    int i = id >>> 6;
    return i < w.length && (((long) LONGS.getAcquire(w, i)) & (1L << id)) != 0;
  }

  public int count() {
    return count;
  }

  /** The words covering ids below {@code size}, for the file writer. */
  public long[] words(int size) {
    return Arrays.copyOf(words, (size + 63) >>> 6);
  }

  /** Writes the file section: ceil(size / 64) int64 words at an 8-byte aligned position. */
  public void writeTo(org.annlib.io.IndexOutput out, int size) throws java.io.IOException {
    out.align(8);
    for (long w : words(size)) {
      out.putLong(w);
    }
  }

  /** Reads a section written by {@link #writeTo}; bits past {@code size} fail naming the file. */
  public static DeletedSet read(org.annlib.io.IndexInput in, int size) throws org.annlib.IndexFormatException {
    in.align(8, "deleted");
    long[] words = new long[(size + 63) >>> 6];
    for (int i = 0; i < words.length; i++) {
      words[i] = in.getLong("deleted");
    }
    if (size % 64 != 0 && (words[words.length - 1] >>> (size % 64)) != 0) {
      throw in.error("is corrupted: deleted bits past the last vector");
    }
    return of(words, size);
  }

  public static DeletedSet of(long[] words, int size) {
    DeletedSet d = new DeletedSet(size);
    d.words = Arrays.copyOf(words, Math.max(d.words.length, words.length));
    int c = 0;
    for (long x : words) {
      c += Long.bitCount(x);
    }
    d.count = c;
    return d;
  }

  public long ramBytesUsed() {
    return 8L * words.length;
  }
}
