package org.annlib.util;

import java.util.Arrays;

/**
 * A primitive {@code long -> int} hash map (open addressing, linear probing, backward-shift
 * removal): no boxing, about 24 bytes per entry at its load factor of one half. Not thread-safe.
 */
public final class LongIntMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] values;
  /** {@link #EMPTY} is a valid key too; it is kept beside the table. */
  private int emptyKeyValue = -1;
  private int size;
  private int mask;

  public LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(keys, EMPTY);
    mask = cap - 1;
  }

  public int size() {
    return size;
  }

  /** The value of {@code key}, or -1. */
  public int get(long key) {
    if (key == EMPTY) {
      return emptyKeyValue;
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  /** Maps {@code key} to {@code value} (which must be >= 0); returns the previous value or -1. */
  public int put(long key, int value) {
    if (key == EMPTY) {
      int old = emptyKeyValue;
      emptyKeyValue = value;
      if (old < 0) {
        size++;
      }
      return old;
    }
    int i = slot(key);
    for (; keys[i] != EMPTY; i = (i + 1) & mask) {
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
    }
    keys[i] = key;
    values[i] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
    return -1;
  }

  /** Removes {@code key}; returns its value or -1. */
  public int remove(long key) {
    if (key == EMPTY) {
      int old = emptyKeyValue;
      emptyKeyValue = -1;
      if (old >= 0) {
        size--;
      }
      return old;
    }
    int i = slot(key);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return -1;
      }
      i = (i + 1) & mask;
    }
    int old = values[i];
    size--;
    // backward shift: move later entries of the run into the hole if their home slot allows it
    for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
      int home = slot(keys[j]);
      if (((j - home) & mask) >= ((j - i) & mask)) {
        keys[i] = keys[j];
        values[i] = values[j];
        i = j;
      }
    }
    keys[i] = EMPTY;
    return old;
  }

  public long ramBytesUsed() {
    return 12L * keys.length + 32;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int j = slot(oldKeys[i]);
        while (keys[j] != EMPTY) {
          j = (j + 1) & mask;
        }
        keys[j] = oldKeys[i];
        values[j] = oldValues[i];
      }
    }
  }
}
