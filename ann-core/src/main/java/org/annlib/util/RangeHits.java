package org.annlib.util;

import java.util.Arrays;

/**
 * The ordinals a range search found within its radius, with their distances, in a growable flat
 * buffer reused across queries; {@link #sortedOrdinals} orders them best first (ties by ordinal).
 * Not thread-safe: one per searcher.
 */
public final class RangeHits {
  private int[] ords = new int[64];
  private float[] distances = new float[64];
  private long[] keys = new long[64];
  private int size;

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  public void add(int ord, float distance) {
    if (size == ords.length) {
      int grown = grow(size);
      ords = Arrays.copyOf(ords, grown);
      distances = Arrays.copyOf(distances, grown);
    }
    ords[size] = ord;
    distances[size] = distance;
    size++;
  }

  /**
   * Sorts the hits best first and returns their ordinals (a new array); {@link #sortedDistances}
   * then gives their distances in the same order.
   */
  public int[] sortedOrdinals() {
    if (keys.length < size) {
      keys = new long[ords.length];
    }
    // One primitive sort of (distance, ordinal) keys: the float's bits made to order as signed
    // ints (negative distances of inner product included), the ordinal in the low half.
    for (int i = 0; i < size; i++) {
      int bits = Float.floatToIntBits(distances[i]);
      bits ^= (bits >> 31) & 0x7fffffff;
      keys[i] = ((long) bits << 32) | (ords[i] & 0xffffffffL);
    }
    Arrays.sort(keys, 0, size);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      int bits = (int) (keys[i] >> 32);
      bits ^= (bits >> 31) & 0x7fffffff;
      out[i] = (int) keys[i];
      distances[i] = Float.intBitsToFloat(bits);
    }
    return out;
  }

  /** The distances, best first, after {@link #sortedOrdinals} (a new array). */
  public float[] sortedDistances() {
    return Arrays.copyOf(distances, size);
  }

  /** Doubling, below the largest array the JVM allocates. */
  private static int grow(int size) {
    if (size >= Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a range search found more than " + size + " vectors");
    }
    return (int) Math.min(Integer.MAX_VALUE - 16L, 2L * size);
  }
}
