package org.annlib;

import org.annlib.vectors.VectorValues;
import org.annlib.vectors.Vectors;

/**
 * Builds an index from a set of vectors, under the application's ids or, without them, under the
 * vectors' positions. Builders validate their parameters, the vectors and the ids with exact
 * messages before any work starts, and are reusable.
 */
public interface IndexBuilder<I extends Index> {
  /** Worker threads for the build; defaults to the number of available processors. */
  IndexBuilder<I> threads(int threads);

  /**
   * Runs the build's parallel steps as {@link #threads} tasks on {@code executor} (an
   * application's pool, virtual threads) instead of threads the builder starts; {@code null}, the
   * default, restores those (a step with one worker runs on the calling thread). The tasks never
   * wait for each other, so an executor with fewer free threads runs them in turn; but not one
   * whose threads are all blocked waiting for this build.
   */
  IndexBuilder<I> executor(java.util.concurrent.Executor executor);

  /** Receives progress of long builds; defaults to {@link ProgressListener#NONE}. */
  IndexBuilder<I> progress(ProgressListener listener);

  /** Builds over {@code vectors}; vector {@code i} gets the id {@code i}. */
  default I build(VectorValues vectors) {
    return build(vectors, null);
  }

  /**
   * Builds over {@code vectors}; vector {@code i} gets the id {@code ids[i]} ({@code null}: the id
   * {@code i}). Ids must be distinct and as many as the vectors.
   */
  I build(VectorValues vectors, long[] ids);

  /** Builds over copies of {@code vectors} (rows of one length; see {@link Vectors#of(float[][])}). */
  default I build(float[][] vectors, long[] ids) {
    return build(Vectors.of(vectors), ids);
  }

  /** Builds over copies of {@code vectors} (rows of one length; see {@link Vectors#of(java.util.List)}). */
  default I build(java.util.List<float[]> vectors, long[] ids) {
    return build(Vectors.of(vectors), ids);
  }
}
