package org.annlib.vectors;

/**
 * Where an index keeps the vectors it is built from. Every kind is long-addressed: none is
 * bounded by one Java array.
 */
public enum VectorStorage {
  /**
   * {@link #IN_PLACE} when the source is already off the heap ({@link OffHeapVectorValues}, such
   * as a mapped file) and needs no normalisation, {@link #OFF_HEAP} when it is off the heap but
   * must be normalised (cosine), {@link #HEAP} otherwise.
   */
  AUTO,
  /** Copied into {@link PagedVectorValues}; the only kind an index can {@code add} to. */
  HEAP,
  /** Copied (normalised under cosine) into memory allocated off the heap, freed by {@code close()}. */
  OFF_HEAP,
  /**
   * The caller's vectors, used without a copy; they must stay unchanged and readable while the
   * index is used. Under cosine they must already be unit length.
   */
  IN_PLACE;

  /** The kind a runner parameter names: {@code auto}, {@code heap}, {@code off-heap} or {@code in-place}. */
  public static VectorStorage parameter(String value) {
    for (VectorStorage s : values()) {
      if (s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-').equals(value)) {
        return s;
      }
    }
    throw new IllegalArgumentException("parameter 'storage' must be auto, heap, off-heap or in-place, got '" + value + "'");
  }
}
