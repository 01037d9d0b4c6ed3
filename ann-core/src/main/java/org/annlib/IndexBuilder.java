package org.annlib;

import org.annlib.vectors.VectorValues;

/**
 * Builds an index from a set of vectors; ids are the vectors' ordinals. Builders validate their
 * parameters with exact messages before any work starts, and are reusable.
 */
public interface IndexBuilder<I extends Index> {
  /** Worker threads for the build; defaults to the number of available processors. */
  IndexBuilder<I> threads(int threads);

  /** Receives progress of long builds; defaults to {@link ProgressListener#NONE}. */
  IndexBuilder<I> progress(ProgressListener listener);

  I build(VectorValues vectors);
}
