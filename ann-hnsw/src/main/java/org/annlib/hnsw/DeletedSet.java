package org.annlib.hnsw;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/** Ids marked deleted: a bit set that searches read without locks while deletes set bits. */
final class DeletedSet {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private volatile long[] words;
  private volatile int count;

  DeletedSet(int capacity) {
    words = new long[Math.max(1, (capacity + 63) >>> 6)];
  }

  synchronized void ensureCapacity(int capacity) {
    int need = (capacity + 63) >>> 6;
    if (need > words.length) {
      words = Arrays.copyOf(words, Math.max(need, words.length * 2));
    }
  }

  synchronized boolean add(int id) {
    ensureCapacity(id + 1);
    long[] w = words;
    long bit = 1L << id;
    long old = (long) LONGS.getVolatile(w, id >>> 6);
    if ((old & bit) != 0) {
      return false;
    }
    LONGS.setVolatile(w, id >>> 6, old | bit);
    count++;
    return true;
  }

  boolean contains(int id) {
    long[] w = words;
    int i = id >>> 6;
    return i < w.length && (((long) LONGS.getAcquire(w, i)) & (1L << id)) != 0;
  }

  int count() {
    return count;
  }

  /** The words covering ids below {@code size}, for the file writer. */
  long[] words(int size) {
    return Arrays.copyOf(words, (size + 63) >>> 6);
  }

  static DeletedSet of(long[] words, int size) {
    DeletedSet d = new DeletedSet(size);
    d.words = Arrays.copyOf(words, Math.max(d.words.length, words.length));
    int c = 0;
    for (long x : words) {
      c += Long.bitCount(x);
    }
    d.count = c;
    return d;
  }

  long ramBytesUsed() {
    return 8L * words.length;
  }
}
