package org.annlib;

/**
 * An index keyed by the application's {@code long} ids, which can change after it is built.
 * Internal ordinals never leave the index: results, filters and these methods speak ids only.
 * An index built without ids gives vector {@code i} of the source the id {@code i}.
 *
 * <p>Every method validates before it changes anything: a vector of the wrong dimension, with a
 * NaN or infinite component, or zero under {@link Metric#COSINE}, fails with {@link
 * IllegalArgumentException} naming the problem, and the index is as it was. Safe to call from many
 * threads, and while searches run; a search sees each vector either before or after a change.
 */
public interface UpdatableIndex extends Index {
  /**
   * Adds {@code vector} under {@code id}.
   *
   * @throws IllegalArgumentException when {@code id} is already in the index (use {@link #upsert})
   * @throws UnsupportedOperationException when the index is read-only (for example memory-mapped)
   */
  void add(long id, float[] vector);

  /** Adds {@code vector} under the next id (one more than the largest id so far) and returns that id. */
  long add(float[] vector);

  /**
   * Stores {@code vector} under {@code id}, replacing the vector it had; returns whether it
   * replaced one.
   */
  boolean upsert(long id, float[] vector);

  /** Deletes the vector of {@code id}; it is never returned again. Returns whether it was there. */
  boolean delete(long id);

  /** Whether {@code id} has a (not deleted) vector. */
  boolean contains(long id);

  /**
   * A copy of the vector stored under {@code id}, as stored: unit length under {@link
   * Metric#COSINE}.
   *
   * @throws java.util.NoSuchElementException when {@code id} has no vector
   */
  float[] vector(long id);

  /** Vectors that can be returned: {@link #size()} minus the deleted ones not yet reclaimed. */
  int liveCount();
}
